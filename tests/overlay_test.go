package tests

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// A runtime panic in a dev page (buildwasm serve, here under -csp) shows
// in an overlay with its Go frames as file:line, without breaking the
// policy, and goes away with its button; a release page stays as it was.
func TestDevPanicOverlay(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "devpanic")
	if err := os.CopyFS(dir, os.DirFS("testdata/devpanic")); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module devpanic\n\ngo 1.24\n"), 0o644)
	url := startBuildwasm(t, dir, []string{"GOWORK=off"}, "serve", "-csp", "-addr", "127.0.0.1:0", ".").serveURL(t)

	tab := newTab(t)
	if err := chromedp.Do(tab); err != nil {
		t.Fatal(err)
	}
	onNewDocument(t, tab, recordViolations)
	if err := chromedp.Do(tab, chromedp.Navigate(url), chromedp.WaitVisible(".buildwasm-overlay")); err != nil {
		t.Fatal(err)
	}
	var shown string
	evaluate(t, tab, `return document.querySelector(".buildwasm-overlay .buildwasm-error").textContent`, &shown)
	want := "GoPanicError: assignment to entry in nil map\n    at main.lookup (" + filepath.Join(dir, "main.go") + ":9)"
	if !strings.HasPrefix(shown, want) {
		t.Errorf("the overlay says:\n%s\nwant it to start with:\n%s", shown, want)
	}
	var violations []string
	evaluate(t, tab, `return violations`, &violations)
	if len(violations) > 0 {
		t.Errorf("CSP violations: %v", violations)
	}
	var left int
	evaluate(t, tab, `document.querySelector(".buildwasm-overlay-close").click(); return document.querySelectorAll(".buildwasm-overlay").length`, &left)
	if left != 0 {
		t.Error("the overlay's button did not dismiss it")
	}
	if err := chromedp.Do(tab, chromedp.Reload(), chromedp.WaitVisible(".buildwasm-overlay")); err != nil {
		t.Fatal(err)
	}
	evaluate(t, tab, `dispatchEvent(new KeyboardEvent("keydown", { key: "Escape" })); return document.querySelectorAll(".buildwasm-overlay").length`, &left)
	if left != 0 {
		t.Error("Escape did not dismiss the overlay")
	}

	// Release: the same program, the page unchanged by the panic.
	dist := buildDist(t, filepath.Join(t.TempDir(), "dist"), "./testdata/devpanic")
	srv := httptest.NewServer(http.FileServer(http.Dir(dist)))
	t.Cleanup(srv.Close)
	release := newTab(t)
	if err := chromedp.Do(release); err != nil {
		t.Fatal(err)
	}
	onNewDocument(t, release, `addEventListener("error", (e) => (globalThis.uncaught ??= []).push(e.error?.name));`)
	if err := chromedp.Do(release, chromedp.Navigate(srv.URL+"/"), chromedp.WaitVisible("#started")); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(release, chromedp.Poll[bool](`(globalThis.uncaught ?? []).includes("GoPanicError")`, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		t.Fatalf("the release page's program did not panic: %v", err)
	}
	var overlays int
	evaluate(t, release, `return document.querySelectorAll(".buildwasm-overlay").length`, &overlays)
	if overlays != 0 {
		t.Error("a release page shows the dev overlay")
	}
}
