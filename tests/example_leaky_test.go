package tests

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// examples/leaky's page shows the leaks its clicks make, with their site.
func TestExampleLeaky(t *testing.T) {
	dist := buildDist(t, filepath.Join(t.TempDir(), "dist"), "-dev", "../examples/leaky")
	srv := httptest.NewServer(http.FileServer(http.Dir(dist)))
	t.Cleanup(srv.Close)
	tab := newTab(t)
	if err := chromedp.Do(tab, chromedp.Navigate(srv.URL+"/index.html"), chromedp.WaitVisible("#leak")); err != nil {
		t.Fatal(err)
	}
	var clicked int
	evaluate(t, tab, `const b = document.querySelector("#leak"); for (let i = 0; i < 50; i++) b.click(); return 50;`, &clicked)
	want := "50 js.Funcs leaked at "
	var text string
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); {
		// The page's Go collects every half second; the JS side needs a GC too.
		evaluate(t, tab, `gc(); await new Promise((r) => setTimeout(r, 200)); return document.querySelector("#report").textContent;`, &text)
		if strings.Contains(text, want) {
			break
		}
	}
	if !strings.Contains(text, "50 clicks") || !strings.Contains(text, want) || !strings.Contains(text, "examples/leaky/main.go:") || !strings.Contains(text, "onClick.func1") {
		t.Errorf("the page says %q, want the 50 leaked Funcs with their site", text)
	}
	checkFoundStatically(t, text)
}

// checkFoundStatically checks that buildwasm vet's funcrelease finds every
// leak site the run-time tracker reported in report.
func checkFoundStatically(t *testing.T, report string) {
	t.Helper()
	var sites []string
	for _, m := range regexp.MustCompile(`examples/leaky/main\.go:\d+`).FindAllString(report, -1) {
		sites = append(sites, m)
	}
	if len(sites) == 0 {
		t.Fatalf("no leak site in %q", report)
	}
	checkVetFinds(t, "./examples/leaky", sites)
}

// checkVetFinds runs buildwasm vet -json on pkg (a pattern from the
// repository's root) and checks that funcrelease reports each site
// ("dir/file.go:line").
func checkVetFinds(t *testing.T, pkg string, sites []string) {
	t.Helper()
	got := runIn(t, "..", nil, buildwasmBin, "vet", "-json", pkg)
	if got.code != 0 {
		t.Fatalf("buildwasm vet -json %s: exit %d\n%s", pkg, got.code, got.stderr)
	}
	var found []string
	dec := json.NewDecoder(strings.NewReader(got.stdout))
	for dec.More() {
		var out map[string]map[string][]struct{ Posn string }
		if err := dec.Decode(&out); err != nil {
			t.Fatalf("buildwasm vet -json printed %q: %v", got.stdout, err)
		}
		for _, analyzers := range out {
			for _, d := range analyzers["funcrelease"] {
				found = append(found, d.Posn[:strings.LastIndex(d.Posn, ":")]) // without the column
			}
		}
	}
	t.Logf("run-time leak sites %v, found by buildwasm vet %v", sites, found)
	for _, site := range sites {
		ok := false
		for _, f := range found {
			ok = ok || strings.HasSuffix(f, "/"+site)
		}
		if !ok {
			t.Errorf("the run-time tracker reports a leak at %s, buildwasm vet finds %v", site, found)
		}
	}
}
