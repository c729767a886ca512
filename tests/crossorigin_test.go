package tests

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/buildwasm/buildwasm/tests/nginx"
)

// crossOrigin builds fixture with -base pointing at an nginx that serves
// the dist under /app/ with its emitted config, serves index.html (and, if
// built, the worker stub) from another origin with the CSP the build wrote,
// and opens the page. It returns the tab once wait holds, and checks that
// the page's assets came from the base, with no CSP violation, console
// warning or browser log warning.
func crossOrigin(t *testing.T, fixture, wait string, flags ...string) context.Context {
	t.Helper()
	port, err := nginx.FreePort()
	if err != nil {
		t.Fatal(err)
	}
	base := fmt.Sprintf("http://127.0.0.1:%d/app/", port)
	dist := buildDist(t, filepath.Join(t.TempDir(), "dist"), append(append([]string{"-base", base, "-csp"}, flags...), fixture)...)
	files := snapshot(t, dist)
	m := readManifest(t, dist)
	hosted := filepath.Join(t.TempDir(), "root")
	os.MkdirAll(hosted, 0o755)
	os.Symlink(dist, filepath.Join(hosted, "app"))
	conf := strings.ReplaceAll(string(files["nginx.conf"]), "location ~ ^/(", "location ~ ^/app/(")
	os.WriteFile(filepath.Join(hosted, "nginx.conf"), []byte(conf), 0o644)
	s, err := nginx.StartAt(port, hosted, t.TempDir(), "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Stop)

	csp := ""
	for _, line := range strings.Split(string(files["_headers"]), "\n") {
		if v, ok := strings.CutPrefix(strings.TrimSpace(line), "Content-Security-Policy: "); ok {
			csp = v
		}
	}
	if !strings.Contains(csp, "script-src 'self' "+base+" 'wasm-unsafe-eval'") {
		t.Fatalf("_headers CSP %q does not allow the base", csp)
	}
	// The page's origin serves index.html and the worker stub, as the
	// README says to deploy them.
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(r.URL.Path, "/")
		switch {
		case name == "":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			name = "index.html"
		case name == m.Entry["worker"] && name != "":
			w.Header().Set("Content-Type", "text/javascript")
		default:
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Security-Policy", csp)
		w.Write(files[name])
	}))
	t.Cleanup(site.Close)

	tab := newTab(t)
	if err := chromedp.Do(tab); err != nil {
		t.Fatal(err)
	}
	responses := collect(tab, network.ResponseReceived)
	checkWarnings := watchWarnings(t, tab)
	onNewDocument(t, tab, recordViolations+
		`document.addEventListener("buildwasm:ready", (e) => (window.app = e.detail));`)
	if err := chromedp.Do(tab, chromedp.Navigate(site.URL+"/")); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(tab, chromedp.Poll[bool](wait, chromedp.WithPollingTimeout(30*time.Second))); err != nil {
		t.Fatalf("waiting for %s: %v", wait, err)
	}
	var violations []string
	evaluate(t, tab, `return violations`, &violations)
	if len(violations) > 0 {
		t.Errorf("CSP violations: %v", violations)
	}
	fromBase := map[string]bool{}
	for _, r := range responses() {
		if name, ok := strings.CutPrefix(r.Response.URL, base); ok && r.Response.Status == 200 {
			fromBase[name] = true
		}
	}
	for _, role := range []string{"loader", "boot", "style"} {
		if !fromBase[m.Entry[role]] {
			t.Errorf("%s was not loaded from %s (got %v)", role, base, fromBase)
		}
	}
	checkWarnings()
	return tab
}

// -base with -csp: the page on one origin, every asset on another (nginx
// with the emitted config, which sends the CORS header), under the policy
// the build wrote: the program runs, SRI checks pass, nothing is refused.
func TestNginxAssetsOnAnotherOrigin(t *testing.T) {
	crossOrigin(t, "../examples/hello", `document.querySelector("#greeting") !== null`)
}

// The same with -worker: a worker's script must be same-origin, so the page
// starts the build's stub, which imports the loader from the base.
func TestNginxWorkerOnAnotherOrigin(t *testing.T) {
	tab := crossOrigin(t, "./testdata/worker", `window.app !== undefined`, "-worker")
	var got struct {
		Worker bool
		Add    int
	}
	evaluate(t, tab, `return { worker: app.worker instanceof Worker, add: await app.exports.add(40, 2) }`, &got)
	if !got.Worker || got.Add != 42 {
		t.Errorf("worker mode from another origin: %+v", got)
	}
}
