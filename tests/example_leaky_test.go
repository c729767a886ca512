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
	sites := regexp.MustCompile(`examples/leaky/main\.go:(\d+)`).FindAllStringSubmatch(report, -1)
	if len(sites) == 0 {
		t.Fatalf("no leak site in %q", report)
	}
	got := runIn(t, "..", nil, buildwasmBin, "vet", "-json", "./examples/leaky")
	if got.code != 0 {
		t.Fatalf("buildwasm vet -json ./examples/leaky: exit %d\n%s", got.code, got.stderr)
	}
	var out map[string]map[string][]struct{ Posn string }
	if err := json.Unmarshal([]byte(got.stdout), &out); err != nil {
		t.Fatalf("buildwasm vet -json printed %q: %v", got.stdout, err)
	}
	found := map[string]bool{}
	for _, d := range out["github.com/buildwasm/buildwasm/examples/leaky"]["funcrelease"] {
		if _, line, ok := strings.Cut(d.Posn, "examples/leaky/main.go:"); ok {
			line, _, _ = strings.Cut(line, ":")
			found[line] = true
		}
	}
	t.Logf("run-time leak sites %v, found by vet at lines %v", sites, found)
	for _, site := range sites {
		if !found[site[1]] {
			t.Errorf("the run-time tracker reports a leak at main.go:%s, buildwasm vet found %v", site[1], found)
		}
	}
}
