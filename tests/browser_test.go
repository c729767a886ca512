package tests

import (
	"context"
	"crypto/sha512"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/buildwasm/buildwasm/internal/chromium"
)

var (
	browserOnce   sync.Once
	browserCtx    context.Context
	browserErr    error
	browserCancel = func() {}
)

// newTab opens a tab in the shared headless Chromium, started on first use
// with the flags a root sandbox with no network needs.
func newTab(t *testing.T) context.Context {
	t.Helper()
	browserOnce.Do(func() {
		browserCtx, browserCancel, browserErr = chromium.Start(filepath.Join(tmpRoot, "chromium-profile"), "--expose-gc")
	})
	if browserErr != nil {
		t.Fatal(browserErr)
	}
	return tabIn(t, browserCtx)
}

// newBrowser starts a Chromium of the test's own, with a fresh profile and
// V8 flags, and opens a tab in it.
func newBrowser(t *testing.T, jsFlags string) context.Context {
	t.Helper()
	ctx, cancel, err := chromium.Start(t.TempDir(), jsFlags)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(cancel)
	return tabIn(t, ctx)
}

func tabIn(t *testing.T, browser context.Context) context.Context {
	tab, cancel := chromedp.NewContext(browser)
	tab, cancelTimeout := context.WithTimeout(tab, 60*time.Second)
	t.Cleanup(func() { cancelTimeout(); cancel() })
	return tab
}

func evaluate(t *testing.T, tab context.Context, body string, v any) {
	t.Helper()
	raw, err := chromedp.Run(tab, chromedp.Evaluate[string]("(async () => JSON.stringify(await (async () => {"+body+"})()))()", chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("evaluate: %v", err)
	}
	if err := json.Unmarshal([]byte(raw), v); err != nil {
		t.Fatalf("decoding %s: %v", raw, err)
	}
}

// evaluateAt opens url in the tab, then evaluates body there.
func evaluateAt(t *testing.T, tab context.Context, url, body string, v any) {
	t.Helper()
	if err := chromedp.Do(tab, chromedp.Navigate(url)); err != nil {
		t.Fatal(err)
	}
	evaluate(t, tab, body, v)
}

// casesMux serves dist at /dist/ and the case scripts of testdata/node at
// /cases/, for pages that run them.
func casesMux(t *testing.T, dist string) *http.ServeMux {
	mux := http.NewServeMux()
	mux.Handle("/dist/", http.StripPrefix("/dist", distHandler(t, dist)))
	mux.Handle("/cases/", http.StripPrefix("/cases/", http.FileServer(http.Dir(filepath.Join("testdata", "node")))))
	return mux
}

// runCasesInChromium runs run(load, "/dist/"+wasm) of testdata/node/CASES
// in a page of a fresh tab, with dist served at /dist/, and decodes its
// result into v: the Chromium side of the suites Node runs with nodeScript.
// It returns the tab, on that page, for more.
func runCasesInChromium(t *testing.T, dist, cases, wasm string, v any) context.Context {
	t.Helper()
	srv := httptest.NewServer(casesMux(t, dist))
	t.Cleanup(srv.Close)
	tab := newTab(t)
	evaluateAt(t, tab, srv.URL+"/dist/manifest.json", fmt.Sprintf(`
		const { load } = await import("/dist/loader.js");
		const { run } = await import("/cases/%s");
		return run(load, "/dist/%s");`, cases, wasm), v)
	return tab
}

// blankPage is an empty page to run a test's script in.
func blankPage(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html")
	w.Write([]byte("<!doctype html><title>blank</title><body></body>"))
}

// distServer serves the hello dist at /dist/ and a few misbehaving routes.
func distServer(t *testing.T) *httptest.Server {
	dir := hello(t)
	wasm, err := os.ReadFile(distFile(t, dir, "wasm"))
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("/dist/", http.StripPrefix("/dist", distHandler(t, dir)))
	mux.HandleFunc("/blank.html", blankPage)
	mux.HandleFunc("/wrongmime/hello.wasm", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/octet-stream")
		w.Write(wasm)
	})
	// Sends the program in small pieces over about two seconds, so a test
	// can act in the middle of the download.
	mux.HandleFunc("/slow/hello.wasm", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/wasm")
		w.Header().Set("Content-Length", strconv.Itoa(len(wasm)))
		const pieces = 40
		step := len(wasm)/pieces + 1
		for i := 0; i < len(wasm); i += step {
			if _, err := w.Write(wasm[i:min(i+step, len(wasm))]); err != nil {
				return
			}
			w.(http.Flusher).Flush()
			select {
			case <-r.Context().Done():
				return
			case <-time.After(50 * time.Millisecond):
			}
		}
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

// The dist's own index.html boots the program, which writes to the page.
func TestBrowserIndexPage(t *testing.T) {
	srv := distServer(t)
	tab := newTab(t)
	if err := chromedp.Do(tab, chromedp.Navigate(srv.URL+"/dist/index.html"), chromedp.WaitVisible("#greeting")); err != nil {
		t.Fatal(err)
	}
	text, err := chromedp.Run(tab, chromedp.Text("#greeting"))
	if err != nil {
		t.Fatal(err)
	}
	if want := "Hello, world! This is Go go1."; len(text) < len(want) || text[:len(want)] != want {
		t.Errorf("page says %q", text)
	}
	var errors int
	evaluate(t, tab, `return document.querySelectorAll(".buildwasm-error").length`, &errors)
	if errors != 0 {
		t.Errorf("%d error boxes on the page", errors)
	}
	// The running program, from DevTools' console as demo.sh says.
	var greeting string
	evaluate(t, tab, `return document.querySelector("script[data-buildwasm-wasm]").app.exports.greet("you")`, &greeting)
	if greeting != "Hello, you!" {
		t.Errorf("the boot script's app answered %q", greeting)
	}
}

func TestBrowserLoad(t *testing.T) {
	srv := distServer(t)
	tab := newTab(t)
	if err := chromedp.Do(tab, chromedp.Navigate(srv.URL+"/blank.html")); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Greeting, GreetingB, AfterDispose string
		Added                             []string
		SameExports, SameGreet            bool
		Paragraphs                        int
	}
	evaluate(t, tab, `
		const { load } = await import("/dist/loader.js");
		const before = new Set(Object.getOwnPropertyNames(globalThis));
		const a = await load("/dist/hello.wasm");
		const greeting = a.exports.greet("Chromium");
		const added = Object.getOwnPropertyNames(globalThis).filter((k) => !before.has(k));
		const b = await load("/dist/hello.wasm");
		const result = {
			greeting, added,
			greetingB: b.exports.greet("second app"),
			sameExports: a.exports === b.exports,
			sameGreet: a.exports.greet === b.exports.greet,
			paragraphs: document.querySelectorAll("#greeting").length,
		};
		a.dispose();
		result.afterDispose = b.exports.greet("still here");
		return result;`, &got)
	if got.Greeting != "Hello, Chromium!" || got.GreetingB != "Hello, second app!" || got.AfterDispose != "Hello, still here!" {
		t.Errorf("greet results: %+v", got)
	}
	if len(got.Added) != 0 {
		t.Errorf("load added globals: %v", got.Added)
	}
	if got.SameExports || got.SameGreet || got.Paragraphs != 2 {
		t.Errorf("two apps are not separate: %+v", got)
	}
}

func TestBrowserSources(t *testing.T) {
	srv := distServer(t)
	tab := newTab(t)
	if err := chromedp.Do(tab, chromedp.Navigate(srv.URL+"/blank.html")); err != nil {
		t.Fatal(err)
	}
	size, _ := os.Stat(distFile(t, hello(t), "wasm"))
	wasm, _ := os.ReadFile(distFile(t, hello(t), "wasm"))
	sum := sha512.Sum384(wasm)
	integrity := "sha384-" + base64.StdEncoding.EncodeToString(sum[:])
	var got struct {
		WrongMime struct {
			Greeting string
			Warnings []string
		}
		NotFound, PreAborted, MidAborted struct{ Name, Message string }
		GoodIntegrity                    string
		BadIntegrity                     struct{ Name, Message string }
		MidProgress                      int
		Progress                         [][2]float64
	}
	evaluate(t, tab, `
		const { load } = await import("/dist/loader.js");
		const settle = (p) => p.then(() => ({ name: "resolved" }), (e) => ({ name: e.name, message: e.message }));
		const out = {};

		const warnings = [];
		const warn = console.warn;
		console.warn = (...args) => warnings.push(args.join(" "));
		const w = await load("/wrongmime/hello.wasm");
		console.warn = warn;
		out.wrongMime = { greeting: w.exports.greet("mime"), warnings };

		out.notFound = await settle(load("/missing.wasm"));

		const good = await load("/dist/hello.wasm", { fetch: { integrity: "`+integrity+`" } });
		out.goodIntegrity = good.exports.greet("integrity");
		out.badIntegrity = await settle(load("/dist/hello.wasm", { fetch: { integrity: "sha384-AAAA" } }));

		const progress = [];
		await load("/dist/hello.wasm", { onProgress: (loaded, total) => progress.push([loaded, total]) });
		out.progress = progress;

		const pre = new AbortController();
		pre.abort();
		out.preAborted = await settle(load("/dist/hello.wasm", { signal: pre.signal }));

		const mid = new AbortController();
		let seen = 0;
		out.midAborted = await settle(load("/slow/hello.wasm", {
			signal: mid.signal,
			onProgress: (loaded) => { seen = loaded; if (loaded > 0) mid.abort(); },
		}));
		out.midProgress = seen;
		return out;`, &got)

	if got.WrongMime.Greeting != "Hello, mime!" || len(got.WrongMime.Warnings) != 1 ||
		!contains(got.WrongMime.Warnings[0], `served as "application/octet-stream", not application/wasm`) {
		t.Errorf("wrong MIME: %+v, want it to load with one warning", got.WrongMime)
	}
	if got.NotFound.Name != "Error" || !contains(got.NotFound.Message, "/missing.wasm failed: HTTP 404") {
		t.Errorf("404: %+v", got.NotFound)
	}
	p := got.Progress
	if len(p) < 2 || p[len(p)-1][0] != float64(size.Size()) || p[len(p)-1][1] != float64(size.Size()) {
		t.Errorf("progress %v, want several calls ending at %d of %d", p, size.Size(), size.Size())
	}
	if got.GoodIntegrity != "Hello, integrity!" {
		t.Errorf("fetch init with the right integrity: %q", got.GoodIntegrity)
	}
	if got.BadIntegrity.Name != "Error" || !contains(got.BadIntegrity.Message, "fetching /dist/hello.wasm failed") {
		t.Errorf("fetch init with a wrong integrity: %+v, want a rejection naming the URL", got.BadIntegrity)
	}
	if got.PreAborted.Name != "AbortError" {
		t.Errorf("pre-aborted signal: %+v, want AbortError", got.PreAborted)
	}
	if got.MidAborted.Name != "AbortError" || got.MidProgress == 0 || got.MidProgress >= int(size.Size()) {
		t.Errorf("aborted mid-download after %d bytes: %+v, want AbortError", got.MidProgress, got.MidAborted)
	}
}

// dispose stops the program and lets the browser collect the instance.
func TestBrowserDispose(t *testing.T) {
	srv := distServer(t)
	tab := newTab(t)
	if err := chromedp.Do(tab, chromedp.Navigate(srv.URL+"/blank.html")); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Status             struct{ Code int }
		Threw, ThrewExport string
		Collected          bool
	}
	evaluate(t, tab, `
		const { load } = await import("/dist/loader.js");
		let app = await load("/dist/hello.wasm");
		const greet = app.exports.greet;
		const ref = new WeakRef(app.instance);
		app.dispose();
		const out = { status: await app.exited };
		try { greet("x"); } catch (e) { out.threw = e.name; }
		try { app.exports.greet("x"); } catch (e) { out.threwExport = e.name; }
		app = null;
		// deref() keeps its target alive until the current job ends, so gc()
		// runs in a job of its own.
		const tick = () => new Promise((r) => setTimeout(r, 20));
		out.collected = false;
		for (let i = 0; i < 20 && !out.collected; i++) {
			await tick();
			gc();
			await tick();
			out.collected = ref.deref() === undefined;
		}
		return out;`, &got)
	if got.Status.Code != -1 || got.Threw != "GoExitedError" {
		t.Errorf("after dispose: %+v, want exited code -1 and GoExitedError from a held function", got)
	}
	if got.ThrewExport != "TypeError" {
		t.Errorf("App.exports after dispose: %q, want it emptied (TypeError calling undefined)", got.ThrewExport)
	}
	if !got.Collected {
		t.Error("the instance was not collected after dispose: the loader still holds it")
	}
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }

// A program that panics while it starts: the page's error box shows the
// panic and its Go frames as file:line, not only the console.
func TestBrowserStartupPanicBox(t *testing.T) {
	out := buildDist(t, filepath.Join(t.TempDir(), "dist"), "./testdata/panic")
	srv := httptest.NewServer(http.FileServer(http.Dir(out)))
	t.Cleanup(srv.Close)
	tab := newTab(t)
	var box string
	if err := chromedp.Do(tab, chromedp.Navigate(srv.URL+"/"), chromedp.WaitVisible(".buildwasm-error")); err != nil {
		t.Fatal(err)
	}
	evaluate(t, tab, `return document.querySelector(".buildwasm-error").textContent`, &box)
	want := "boom with 3 items\n    at main.explode (github.com/buildwasm/buildwasm/tests/testdata/panic/main.go:12)\n    at main.main ("
	if !strings.Contains(box, "GoExitedError: Go program has exited with code 2: ") || !strings.Contains(box, want) {
		t.Errorf("the error box says:\n%s\nwant it to hold:\n%s", box, want)
	}
}
