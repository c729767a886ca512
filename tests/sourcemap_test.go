package tests

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/debugger"
	"github.com/chromedp/chromedp"

	"github.com/buildwasm/buildwasm/internal/testenv"
	"github.com/buildwasm/buildwasm/sourcemap"
)

// stackRecord is one case of testdata/stacks: Go's frames from
// runtime.CallersFrames, and V8's wasm frames mapped by Node's own source
// map reader (testdata/node/stacks.mjs).
type stackRecord struct {
	Case   string
	Frames []struct {
		Func, File string
		Line       int
	}
	Wasm []struct {
		Name   string
		Offset int
		Source string
		Line   int
	}
}

var (
	genericShape = regexp.MustCompile(`\[.*\]`)
	unsafeChars  = regexp.MustCompile(`[^\w.]`)
)

// publishedPath names a file as the map does: $GOROOT/src/... for the
// standard library's absolute paths, the binary's own name otherwise.
func publishedPath(f, goroot string) string {
	if rest, ok := strings.CutPrefix(f, goroot+"/src/"); ok {
		return "$GOROOT/src/" + rest
	}
	return f
}

// checkStacks holds the map and Lookup to V8 and Go's ground truth: every
// V8 frame from main.capture down to the goroutine's start maps to the file
// and line of the innermost Go frame at that point, and Lookup's inlined
// frames, concatenated, are exactly Go's frames.
func checkStacks(t *testing.T, records []stackRecord, bin *sourcemap.Binary, goroot string) {
	t.Helper()
	if len(records) < 11 {
		t.Fatalf("%d records, want every case of testdata/stacks", len(records))
	}
	checked := 0
	for _, r := range records {
		wasm := r.Wasm
		for len(wasm) > 0 && wasm[0].Name != "main.capture" {
			wasm = wasm[1:]
		}
		for i := range wasm {
			if strings.HasPrefix(wasm[i].Name, "wasm_") {
				wasm = wasm[:i]
				break
			}
		}
		goFrames := r.Frames
		if n := len(goFrames); n > 0 && goFrames[n-1].Func == "runtime.goexit" {
			goFrames = goFrames[:n-1]
		}
		if len(wasm) < 2 {
			t.Errorf("%s: V8 shows %d Go frames from main.capture on", r.Case, len(wasm))
			continue
		}
		next := 0
		for _, w := range wasm {
			frames := bin.Lookup(w.Offset)
			if len(frames) == 0 {
				t.Errorf("%s: no frames for %s at %#x", r.Case, w.Name, w.Offset)
				break
			}
			if got := unsafeChars.ReplaceAllString(frames[len(frames)-1].Function, "_"); got != w.Name {
				t.Errorf("%s: at %#x Lookup's physical function is %s, V8 says %s", r.Case, w.Offset, got, w.Name)
			}
			for i, f := range frames {
				if next >= len(goFrames) {
					t.Errorf("%s: Lookup gives more frames than Go: %+v", r.Case, f)
					break
				}
				g := goFrames[next]
				if genericShape.ReplaceAllString(f.Function, "[...]") != g.Func || f.File != g.File || f.Line != g.Line {
					t.Errorf("%s: frame %d: Lookup(%#x) gives %s %s:%d, Go says %s %s:%d", r.Case, next, w.Offset, f.Function, f.File, f.Line, g.Func, g.File, g.Line)
				}
				if i == 0 && (w.Source != publishedPath(g.File, goroot) || w.Line != g.Line) {
					t.Errorf("%s: the map puts %s at %#x in %s:%d; Go's innermost frame there is %s:%d", r.Case, w.Name, w.Offset, w.Source, w.Line, publishedPath(g.File, goroot), g.Line)
				}
				next++
			}
			checked++
		}
	}
	t.Logf("%d V8 frames checked against Go's frames", checked)
}

func TestSourceMapGroundTruthNode(t *testing.T) {
	groundTruthNode(t, program(t, "stacks", nil), goroot())
}

// groundTruthNode maps the stacks of the stacks program through the map
// buildwasm sourcemap writes for it, in Node.
func groundTruthNode(t *testing.T, wasm, goroot string) {
	mapFile := filepath.Join(t.TempDir(), "stacks.wasm.map")
	if got := run(t, "", nil, buildwasmBin, "sourcemap", "-o", mapFile, wasm); got.code != 0 {
		t.Fatalf("buildwasm sourcemap: %+v", got)
	}
	var records []stackRecord
	nodeScript(t, "stacks.mjs", &records, wasm, mapFile)
	b, _ := os.ReadFile(wasm)
	bin, err := sourcemap.Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	checkStacks(t, records, bin, goroot)
}

// The compat target checks maps of binaries from every supported toolchain.
func TestSourceMapCompat(t *testing.T) {
	versions := compatToolchains(t)
	src, err := os.ReadFile(filepath.Join("testdata", "stacks", "main.go"))
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range versions {
		t.Run(v, func(t *testing.T) {
			dir := t.TempDir()
			os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module stacks\n\ngo 1.24\n"), 0o644)
			os.WriteFile(filepath.Join(dir, "main.go"), src, 0o644)
			wasm := filepath.Join(dir, "stacks.wasm")
			if err := testenv.BuildWasm(dir, wasm, []string{"."}, "GOTOOLCHAIN="+v); err != nil {
				t.Fatal(err)
			}
			root, err := testenv.GOROOT(dir, "GOTOOLCHAIN="+v)
			if err != nil {
				t.Fatal(err)
			}
			groundTruthNode(t, wasm, root)
		})
	}
}

// In Chromium, on a release build (trimmed paths, linked map): the same
// ground truth, and DevTools' view: the wasm script is parsed with the map's
// URL, and that URL serves a map that parses.
func TestSourceMapGroundTruthChromium(t *testing.T) {
	dist := buildDist(t, filepath.Join(t.TempDir(), "dist"), "./testdata/stacks")
	srv := httptest.NewServer(distHandler(t, dist))
	t.Cleanup(srv.Close)
	tab := newTab(t)

	parsed := make(chan debugger.EventScriptParsed, 16)
	ctx, stop := context.WithCancel(tab)
	defer stop()
	go func() {
		for ev, err := range chromedp.Events(ctx, debugger.ScriptParsed) {
			if err != nil {
				return
			}
			if strings.HasSuffix(ev.URL, ".wasm") {
				parsed <- ev
			}
		}
	}()
	if err := chromedp.Do(tab, chromedp.Navigate(srv.URL+"/manifest.json")); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(tab, debugger.Enable, debugger.EnableParams{}); err != nil {
		t.Fatal(err)
	}
	var out string
	evaluate(t, tab, `
		globalThis.captureStack = () => { Error.stackTraceLimit = 200; return new Error().stack; };
		const { load } = await import("/loader.js");
		let out = "";
		const app = await load("/stacks.wasm", { stdout: (b) => (out += new TextDecoder().decode(b)) });
		await app.exited;
		return out;`, &out)

	select {
	case ev := <-parsed:
		if want := filepath.Base(distFile(t, dist, "sourcemap")); ev.SourceMapURL != want {
			t.Errorf("Debugger.scriptParsed for %s has sourceMapURL %q, want %s", ev.URL, ev.SourceMapURL, want)
		}
		res, err := http.Get(srv.URL + "/" + ev.SourceMapURL)
		if err != nil {
			t.Fatal(err)
		}
		var m struct {
			Version  int
			Sources  []string
			Mappings string
		}
		err = json.NewDecoder(res.Body).Decode(&m)
		res.Body.Close()
		if err != nil || res.StatusCode != 200 || m.Version != 3 || len(m.Sources) == 0 || m.Mappings == "" {
			t.Errorf("the map at %s: status %d, %v, %+v", ev.SourceMapURL, res.StatusCode, err, m.Version)
		}
		for _, s := range m.Sources {
			if filepath.IsAbs(s) {
				t.Errorf("a release map names a local path: %s", s)
				break
			}
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no Debugger.scriptParsed for the wasm")
	}

	// The captured stacks are mapped by Node's reader, as in the Node test.
	var lines []json.RawMessage
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		lines = append(lines, json.RawMessage(l))
	}
	recordsFile := filepath.Join(t.TempDir(), "records.json")
	b, _ := json.Marshal(lines)
	os.WriteFile(recordsFile, b, 0o644)
	var records []stackRecord
	nodeScript(t, "stacks.mjs", &records, "-", distFile(t, dist, "sourcemap"), recordsFile)
	wasm, _ := os.ReadFile(distFile(t, dist, "wasm"))
	bin, err := sourcemap.Parse(wasm)
	if err != nil {
		t.Fatal(err)
	}
	checkStacks(t, records, bin, goroot())
}
