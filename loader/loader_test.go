package loader

import (
	"bytes"
	"encoding/json"
	"flag"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/buildwasm/buildwasm/internal/testenv"
	"github.com/buildwasm/buildwasm/sourcemap"
	"github.com/evanw/esbuild/pkg/api"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// The page script of a dist is checked in readable: it is short, and what
// it does with the page (its settings, the error box, the overlay, the
// events) shows up in review. The other bundles are not kept: the loader
// itself is tested by what it does (tests/), and the npm package is
// generated when it is packed.
func TestBootGolden(t *testing.T) {
	got, err := Bundle(Boot, Options{})
	if err != nil {
		t.Fatal(err)
	}
	testenv.Golden(t, filepath.Join("testdata", "boot.js"), got, *update, "go test ./loader -update")
}

// Every entry bundles in each form buildwasm and npmgen ask for.
func TestEntries(t *testing.T) {
	for _, c := range []struct {
		entry Entry
		opts  Options
	}{
		{Module, Options{}},
		{Module, Options{Minify: true}},
		{Boot, Options{}},
		{Boot, Options{Minify: true}},
		{NodeRunner, Options{}},
		{NPMModule, Options{}},
		{NPMWorker, Options{}},
		{NPMModule, Options{Minify: true, Global: "buildwasm"}},
	} {
		if _, err := Bundle(c.entry, c.opts); err != nil {
			t.Errorf("%s %+v: %v", c.entry, c.opts, err)
		}
	}
}

// The npm package's module starts worker.js beside it, in the one form
// bundlers recognise, and is never a worker itself; buildwasm's module
// starts itself with a fragment and has no worker.js to start.
func TestNPMWorker(t *testing.T) {
	npm, err := Bundle(NPMModule, Options{})
	if err != nil {
		t.Fatal(err)
	}
	own, err := Bundle(Module, Options{})
	if err != nil {
		t.Fatal(err)
	}
	form := []byte(`new Worker(new URL("./worker.js", import.meta.url), { type: "module", name: "buildwasm" })`)
	if !bytes.Contains(npm, form) {
		t.Errorf("the npm module lacks %s", form)
	}
	if bytes.Contains(npm, []byte("buildwasm-worker")) {
		t.Error("the npm module still looks for the #buildwasm-worker fragment")
	}
	if bytes.Contains(own, []byte("./worker.js")) || !bytes.Contains(own, []byte(`"buildwasm-worker"`)) {
		t.Error("buildwasm's module does not start itself as its worker")
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

// The loader's modules import each other without a cycle, in every bundle:
// in a cycle, which module runs first depends on the entry, and the other
// finds the first's exports not yet defined. The graph is esbuild's own, so
// imports of types alone, which leave nothing behind, do not count.
func TestNoImportCycles(t *testing.T) {
	for _, entry := range []Entry{Module, NPMModule, Boot, NodeRunner, NPMWorker} {
		o := buildOptions(entry, Options{})
		o.Metafile = true
		result := api.Build(o)
		if len(result.Errors) > 0 {
			t.Fatal(bundleError(result.Errors))
		}
		var meta struct {
			Inputs map[string]struct {
				Imports []struct {
					Path     string
					External bool
				}
			}
		}
		if err := json.Unmarshal([]byte(result.Metafile), &meta); err != nil {
			t.Fatal(err)
		}
		graph := map[string][]string{}
		for file, in := range meta.Inputs {
			file = strings.TrimPrefix(file, namespace+":")
			graph[file] = nil
			for _, imp := range in.Imports {
				if !imp.External {
					graph[file] = append(graph[file], strings.TrimPrefix(imp.Path, namespace+":"))
				}
			}
		}
		if cycle := findCycle(graph); cycle != nil {
			t.Errorf("the bundle of %s has an import cycle: %s", entry, strings.Join(cycle, " → "))
		}
	}
}

// findCycle returns the files of one cycle in graph, the first repeated
// last, or nil.
func findCycle(graph map[string][]string) []string {
	const (
		unseen = iota
		open
		done
	)
	state := map[string]int{}
	var path []string
	var visit func(string) []string
	visit = func(file string) []string {
		switch state[file] {
		case open:
			i := slices.Index(path, file)
			return append(slices.Clone(path[i:]), file)
		case done:
			return nil
		}
		state[file] = open
		path = append(path, file)
		for _, next := range graph[file] {
			if cycle := visit(next); cycle != nil {
				return cycle
			}
		}
		path = path[:len(path)-1]
		state[file] = done
		return nil
	}
	for _, file := range slices.Sorted(maps.Keys(graph)) {
		if cycle := visit(file); cycle != nil {
			return cycle
		}
	}
	return nil
}

func TestFindCycle(t *testing.T) {
	if c := findCycle(map[string][]string{"a": {"b", "c"}, "b": {"c"}, "c": nil}); c != nil {
		t.Errorf("a diamond has no cycle, found %v", c)
	}
	c := findCycle(map[string][]string{"a": {"b"}, "b": {"c"}, "c": {"b"}})
	if strings.Join(c, " ") != "b c b" {
		t.Errorf("found %v, want b c b", c)
	}
}

// The loader names the Go range sourcemap reads (one source for both).
func TestSupportedGo(t *testing.T) {
	for _, entry := range []Entry{Module, NPMModule} {
		for _, opts := range []Options{{}, {Minify: true}} {
			js, err := Bundle(entry, opts)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Contains(js, []byte(`"`+sourcemap.Supported+`"`)) || bytes.Contains(js, []byte("BUILDWASM_SUPPORTED_GO")) {
				t.Errorf("the bundle of %s (%+v) does not carry %q as the supported range", entry, opts, sourcemap.Supported)
			}
		}
	}
}
