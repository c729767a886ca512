package tests

import (
	"net/http"
	"net/http/httptest"
	"path/filepath"
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
}
