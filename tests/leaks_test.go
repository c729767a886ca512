package tests

import (
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
)

type leakResults struct {
	Leaks []struct {
		Site, Func string
		Count      int
	}
	HeldByJS    int
	Warnings    []string
	Stats       leakStats
	AutoRelease leakStats
	Cycle       leakStats
	Release     struct {
		Leaks []any
		Stats leakStats
	}
}

type leakStats struct {
	Funcs     map[string]int
	Suspected []string
	GoFuncs   int
	GoHeap    int
	Refs      int
}

// leakyDists are testdata/leaky built for dev (leak tracking) and release.
var leakyDists = sync.OnceValues(func() ([2]string, error) {
	dev, release := filepath.Join(tmpRoot, "leaky-dev"), filepath.Join(tmpRoot, "leaky-release")
	if r := runQuiet(buildwasmBin, "build", "-dev", "-sourcemap=none", "-o", dev, "./testdata/leaky"); r.err != nil {
		return [2]string{}, r.err
	}
	r := runQuiet(buildwasmBin, "build", "-sourcemap=none", "-o", release, "./testdata/leaky")
	return [2]string{dev, release}, r.err
})

func leakySite(t *testing.T, text string) string {
	return "tests/testdata/leaky/main.go:" + strconv.Itoa(sourceLineIn(t, "leaky", text))
}

func checkLeaks(t *testing.T, r leakResults) {
	t.Helper()
	siteA, siteB, cycleSite := leakySite(t, "// site A"), leakySite(t, "// site B"), leakySite(t, "f = js.FuncOf(func")
	got := map[string]int{}
	for _, l := range r.Leaks {
		for _, want := range []string{siteA, siteB} {
			if strings.HasSuffix(l.Site, want) {
				got[want] = l.Count
			}
		}
	}
	if len(r.Leaks) != 2 || got[siteA] != 1000 || got[siteB] != 10 {
		t.Errorf("leaks %+v, want exactly %s: 1000 and %s: 10 (released, kept by Go and held by JS are no leaks)", r.Leaks, siteA, siteB)
	}
	if r.HeldByJS != 20 {
		t.Errorf("JS holds %d funcs", r.HeldByJS)
	}
	if len(r.Warnings) != 2 || !strings.Contains(strings.Join(r.Warnings, "\n"), "1000 js.Funcs made at") || !strings.Contains(r.Warnings[0], "Call Release") {
		t.Errorf("warnings %q, want one per site naming count, site and fix", r.Warnings)
	}
	if r.Stats.GoFuncs < 1000 || r.AutoRelease.GoFuncs > r.Stats.GoFuncs-1000 {
		t.Errorf("Go keeps %d funcs with autoRelease, %d without: autoRelease should have released the 500 leaked", r.AutoRelease.GoFuncs, r.Stats.GoFuncs)
	}
	found := false
	for _, s := range r.Cycle.Suspected {
		found = found || strings.HasSuffix(s, cycleSite)
	}
	if !found {
		t.Errorf("cycle: suspected %v, funcs %v; want %s reported as growing", r.Cycle.Suspected, r.Cycle.Funcs, cycleSite)
	}
	if len(r.Release.Leaks) != 0 || len(r.Release.Stats.Funcs) != 0 {
		t.Errorf("a release build without -leaks reported %v / %v: it must carry no leak tracking", r.Release.Leaks, r.Release.Stats.Funcs)
	}
}

func TestLeaksNode(t *testing.T) {
	d, err := leakyDists()
	if err != nil {
		t.Fatal(err)
	}
	var r leakResults
	nodeScript(t, "leaks.mjs", &r, distFile(t, d[0], "wasm"), distFile(t, d[1], "wasm"))
	checkLeaks(t, r)
	// The same sites, found before the program runs.
	checkVetFinds(t, "./tests/testdata/leaky", []string{leakySite(t, "// site A"), leakySite(t, "// site B"), leakySite(t, "f = js.FuncOf(func")})
}

func TestLeaksChromium(t *testing.T) {
	d, err := leakyDists()
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("/dev/", http.StripPrefix("/dev/", http.FileServer(http.Dir(d[0]))))
	mux.Handle("/release/", http.StripPrefix("/release", distHandler(t, d[1])))
	mux.Handle("/cases/", http.StripPrefix("/cases/", http.FileServer(http.Dir(filepath.Join("testdata", "node")))))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	var r leakResults
	evaluateAt(t, newTab(t), srv.URL+"/dev/manifest.json", `
		const { load } = await import("/dev/loader.js");
		const { run } = await import("/cases/leaks-cases.mjs");
		return run(load, "/dev/leaky.wasm", "/release/leaky.wasm");`, &r)
	checkLeaks(t, r)
}
