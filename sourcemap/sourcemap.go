// Package sourcemap maps the code of a Go js/wasm binary back to Go source.
//
// Go's linker writes no DWARF for wasm, but every Go binary carries the
// runtime's own symbol table (pclntab) in its data segments. Parse finds it,
// decodes it, and relates each byte of the code section to a Go PC, so that:
//
//   - Lookup turns a code offset, as V8 reports it in a stack trace
//     (wasm-function[i]:0xOFF, an offset in the whole file), into Go frames
//     with function, file and line, inlined calls expanded;
//   - Map writes a Source Map v3 that browsers and error trackers apply to
//     the wasm file.
//
// Offsets map exactly at call sites (every frame of a stack trace but the
// innermost) and at the start of each resume block; elsewhere they map to
// the enclosing block's PC, because Go advances its PC at points nothing in
// the binary marks. Binaries of Go 1.24 to 1.27 are supported.
package sourcemap

import (
	"fmt"
	"runtime"
	"sort"
	"sync"

	"github.com/buildwasm/buildwasm/internal/wasmbin"
)

// Binary is a parsed Go js/wasm binary.
type Binary struct {
	// GoVersion is the toolchain that built the binary ("go1.26.8").
	GoVersion string

	file   []byte
	mod    *wasmbin.Module
	tab    *pclntab
	points [][]point // per code body, sorted by offset
}

// The Go 1.x releases whose binaries Parse reads. buildwasm's loader
// supports the same range and is told Supported when it is bundled.
const (
	minMinor = 24
	maxMinor = 27
)

// Supported says which Go versions' binaries Parse reads, in words: the
// range minMinor to maxMinor.
const Supported = "Go 1.24 to 1.27"

// Parse reads a Go js/wasm binary. It fails with a sentence naming the
// problem for anything else: not wasm, truncated, not Go, or a Go version
// whose layout it does not know.
func Parse(wasm []byte) (*Binary, error) {
	mod, err := wasmbin.Parse(wasm)
	if err != nil {
		return nil, err
	}
	b := &Binary{GoVersion: wasmbin.GoVersion(wasm), file: wasm, mod: mod}
	switch minor := goMinor(b.GoVersion); {
	case b.GoVersion == "":
		return nil, fmt.Errorf("not a Go binary: its producers section names no Go version")
	case minor < minMinor:
		return nil, fmt.Errorf("built with %s: the pclntab layouts known here are those of %s", b.GoVersion, Supported)
	case minor > maxMinor:
		return nil, fmt.Errorf("built with %s, newer than the pclntab layouts known here (%s); its moduledata may have moved", b.GoVersion, Supported)
	}
	if len(mod.Bodies) == 0 {
		return nil, fmt.Errorf("no code section")
	}
	mem, err := memoryImage(mod.Segments)
	if err != nil {
		return nil, err
	}
	if b.tab, err = readPclntab(mem, b.GoVersion); err != nil {
		return nil, err
	}
	// Bodies are independent: scan them on every core.
	b.points = make([][]point, len(mod.Bodies))
	errs := make([]error, len(mod.Bodies))
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(mod.Bodies); i += workers {
				b.points[i], errs[i] = bodyPoints(wasm, mod.Bodies[i], uint64(funcValueOffset+i))
			}
		})
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			return nil, fmt.Errorf("function %d (%s): %w", mod.FuncImports+i, mod.Names[mod.FuncImports+i], err)
		}
	}
	return b, nil
}

// pcAt returns the Go PC of the code at file offset off.
func (b *Binary) pcAt(off int) (uint64, bool) {
	bodies := b.mod.Bodies
	i := sort.Search(len(bodies), func(i int) bool { return bodies[i].End > off })
	if i == len(bodies) || off < bodies[i].Start {
		return 0, false
	}
	pts := b.points[i]
	j := sort.Search(len(pts), func(j int) bool { return pts[j].off > off }) - 1
	return pts[max(j, 0)].pc, true
}

// Lookup returns the Go frames at a code offset (in the whole file, as V8
// reports wasm frames): the innermost first, then the functions it was
// inlined into. It returns nil outside Go code.
func (b *Binary) Lookup(offset int) []Frame {
	pc, ok := b.pcAt(offset)
	if !ok {
		return nil
	}
	return b.tab.frames(pc)
}

// Offsets returns the file offsets where code of the named function (as
// Lookup names it, inlined copies included) starts a mapped range.
func (b *Binary) Offsets(function string) []int {
	var out []int
	for _, pts := range b.points {
		for _, p := range pts {
			for _, f := range b.tab.frames(p.pc) {
				if f.Function == function {
					out = append(out, p.off)
					break
				}
			}
		}
	}
	return out
}
