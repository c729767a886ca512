package dist

import (
	"fmt"

	"github.com/buildwasm/buildwasm/sourcemap"
)

// Source map modes of Options.SourceMap.
const (
	SourceMapLinked   = "linked"   // write NAME.wasm.map and point the wasm's sourceMappingURL section at it
	SourceMapExternal = "external" // write the map only; error trackers are given it separately
	SourceMapNone     = "none"
)

// addProgram adds the program as it ships: unless SourceMap is none, its
// source map is made and added too, and a linked map is named in a
// section of the program. A map is a help, not the product: a binary it
// cannot read (a Go release newer than this buildwasm) still ships, with a
// warning.
func addProgram(a *assets, o Options, p program) {
	wasm := p.wasm
	if o.SourceMap != SourceMapNone {
		linked, err := addSourceMap(a, o, p)
		if err != nil {
			fmt.Fprintf(o.Stderr, "buildwasm: no source map: %v\n", err)
		} else {
			wasm = linked
		}
	}
	a.add("wasm", p.name, wasm)
}

// addSourceMap makes the program's source map, adds it and,
// when linked, returns the program with a section naming it. A hashed
// wasm's name is not known until this section is written, so only a dev
// map names its program ("file").
func addSourceMap(a *assets, o Options, p program) ([]byte, error) {
	bin, err := sourcemap.Parse(p.wasm)
	if err != nil {
		return nil, err
	}
	opts := sourcemap.MapOptions{SourcesContent: o.Dev, GOROOT: p.goroot}
	if o.Dev {
		opts.File = p.name
	}
	js, err := bin.Map(opts)
	if err != nil {
		return nil, err
	}
	mapName := a.add("sourcemap", p.name+".map", js)
	if o.SourceMap != SourceMapLinked {
		return p.wasm, nil
	}
	return sourcemap.WithURL(p.wasm, mapName)
}
