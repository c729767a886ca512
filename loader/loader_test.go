package loader

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// The readable bundles are checked in, so every change to the generated
// JavaScript shows up in review. The npm package's module and worker
// (written by go run ./loader/npmgen too) are kept in one copy.
func TestBundleGolden(t *testing.T) {
	for _, c := range []struct {
		entry Entry
		opts  Options
		path  string
	}{
		{Module, Options{NPM: true}, filepath.Join("..", "npm", "dist", "index.js")},
		{Worker, Options{NPM: true}, filepath.Join("..", "npm", "dist", "worker.js")},
		{NodeRunner, Options{}, filepath.Join("testdata", "exec.mjs")},
		{Boot, Options{}, filepath.Join("testdata", "boot.js")},
	} {
		entry, path := c.entry, c.path
		got, err := Bundle(entry, c.opts)
		if err != nil {
			t.Fatal(err)
		}
		if *update {
			if err := os.WriteFile(path, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test ./loader -update)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from the bundle of %s; if the change is intended, run go test ./loader -update", path, entry)
		}
	}
}

func TestMinified(t *testing.T) {
	readable, err := Bundle(Module, Options{})
	if err != nil {
		t.Fatal(err)
	}
	min, err := Bundle(Module, Options{Minify: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(min) >= len(readable)*3/4 {
		t.Errorf("minified %d bytes, readable %d: minification did little", len(min), len(readable))
	}
	// The public API survives minification under its own names.
	for _, name := range []string{"load", "GoExitedError", "GoPanicError", "GoFatalError", "supportedGoVersions"} {
		if !bytes.Contains(min, []byte(name)) {
			t.Errorf("minified bundle lacks %s", name)
		}
	}
	if bytes.Contains(min, []byte("globalThis.fs")) || bytes.Contains(min, []byte("globalThis.Go")) {
		t.Error("the loader must not touch globalThis.fs or define globalThis.Go")
	}
}

// Bundling the same sources twice gives the same bytes: the loader is one
// generic file that caches across deploys.
func TestDeterministic(t *testing.T) {
	a, err := build(Module, Options{Minify: true})
	if err != nil {
		t.Fatal(err)
	}
	b, err := build(Module, Options{Minify: true})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Error("two bundles of the same sources differ")
	}
}

// BenchmarkBundle measures a cold bundle of the minified loader: the cost
// every buildwasm build pays once.
func BenchmarkBundle(b *testing.B) {
	for b.Loop() {
		if _, err := build(Module, Options{Minify: true}); err != nil {
			b.Fatal(err)
		}
	}
}
