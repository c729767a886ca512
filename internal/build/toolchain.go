package build

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/buildwasm/buildwasm/internal/jspatch"
)

// toolchain is the go command a build runs.
type toolchain struct {
	goBin  string // "go", or the patched toolchain's bin/go
	goroot string // set with GOTOOLCHAIN=local for the patched toolchain
	origin string // the GOROOT goroot copies
}

// patchedToolchain finds the toolchain go would use here (GOTOOLCHAIN and
// go.mod's toolchain line included) and returns a copy of it with
// syscall/js patched, made once per toolchain (and leak mode) in the
// user's cache.
func patchedToolchain(ctx context.Context, o Options) (toolchain, error) {
	out, err := goCommand(ctx, o, toolchain{goBin: "go"}, "env", "GOROOT").Output()
	if err != nil {
		return toolchain{}, fmt.Errorf("go env GOROOT: %w", err)
	}
	goroot := strings.TrimSpace(string(out))
	cache, err := os.UserCacheDir()
	if err != nil {
		cache = os.TempDir()
	}
	leaks := o.Dev || o.Leaks
	key := sha256.Sum256([]byte(fmt.Sprint(goroot, "\x00", jspatch.Version, "\x00", leaks)))
	dir := filepath.Join(cache, "buildwasm", "goroot", hex.EncodeToString(key[:8]))
	if _, err := os.Stat(filepath.Join(dir, "bin", "go")); err != nil && o.Progress != nil {
		// Each patch (one with leak tracking for dev builds, one without)
		// changes syscall/js, so the packages above it are compiled once
		// per Go build cache; the copy's path does not matter to that
		// cache. A new copy is when that may happen: say why it is slow.
		kind := "release builds"
		if leaks {
			kind = "dev builds and -leaks"
		}
		o.Progress(fmt.Sprintf("first build with the patched copy of %s for %s: go compiles the standard library for it once, unless its build cache has it already (8 s on 2 cores from a cold cache)", goroot, kind))
	}
	dir, err = jspatch.Toolchain(goroot, dir, leaks)
	if err != nil {
		return toolchain{}, err
	}
	return toolchain{goBin: filepath.Join(dir, "bin", "go"), goroot: dir, origin: goroot}, nil
}

// GoCommand is the patched go command for running it outside a build.
type GoCommand struct {
	Path   string   // the patched toolchain's bin/go
	Env    []string // js/wasm, and GOROOT set to the patched copy
	goroot string   // the patched copy
	origin string   // the GOROOT it copies
}

// Go returns the go command of the patched toolchain for dir (where go.mod
// and GOTOOLCHAIN decide the version), to run as go build does: buildwasm
// test runs go test with it.
func Go(ctx context.Context, dir string, leaks bool) (GoCommand, error) {
	tc, err := patchedToolchain(ctx, Options{Dir: dir, Leaks: leaks})
	if err != nil {
		return GoCommand{}, err
	}
	return GoCommand{Path: tc.goBin, Env: goCommand(ctx, Options{Dir: dir}, tc).Env, goroot: tc.goroot, origin: tc.origin}, nil
}

// OriginalPaths returns a writer to w for the command's output that shows
// the standard library's files at their place in the GOROOT the patched
// copy links to, as plain go test would: the copy is an implementation
// detail, and a cache path in a trace looks like a foreign toolchain. The
// files buildwasm adds to syscall/js exist only in the copy; they keep its
// path. Close writes what is held back.
func (g GoCommand) OriginalPaths(w io.Writer) io.WriteCloser {
	added := g.goroot + "/src/syscall/js/buildwasm_"
	return &pathWriter{
		w:       w,
		r:       strings.NewReplacer(added, added, g.goroot+"/", g.origin+"/"),
		longest: added,
		wait:    100 * time.Millisecond,
	}
}

// pathWriter makes r's replacements in what passes through it. A write
// can end in the middle of a path, so it holds back a tail that may begin
// one, and nothing more, and for no longer than wait: test output shows up
// as it is written, also when a test stops after printing such a tail.
type pathWriter struct {
	w       io.Writer
	r       *strings.Replacer
	longest string // every string r replaces is a prefix of it
	wait    time.Duration

	mu      sync.Mutex
	pending []byte
	timer   *time.Timer // flushes pending when no write completes it
	writes  int         // so that a timer a write overtook does nothing
}

func (p *pathWriter) Write(b []byte) (int, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.timer != nil {
		p.timer.Stop()
	}
	p.writes++
	p.pending = append(p.pending, b...)
	keep := heldBack(p.pending, p.longest)
	_, err := io.WriteString(p.w, p.r.Replace(string(p.pending[:len(p.pending)-keep])))
	p.pending = append(p.pending[:0], p.pending[len(p.pending)-keep:]...)
	if keep > 0 {
		writes := p.writes
		p.timer = time.AfterFunc(p.wait, func() {
			p.mu.Lock()
			defer p.mu.Unlock()
			if p.writes == writes {
				p.flush()
			}
		})
	}
	return len(b), err
}

// flush writes what is held back; p.mu is held.
func (p *pathWriter) flush() error {
	_, err := io.WriteString(p.w, p.r.Replace(string(p.pending)))
	p.pending = p.pending[:0]
	return err
}

func (p *pathWriter) Close() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.timer != nil {
		p.timer.Stop()
	}
	p.writes++
	return p.flush()
}

// heldBack is the length of the longest end of b that is a proper prefix
// of s.
func heldBack(b []byte, s string) int {
	for n := min(len(b), len(s)-1); n > 0; n-- {
		if string(b[len(b)-n:]) == s[:n] {
			return n
		}
	}
	return 0
}
