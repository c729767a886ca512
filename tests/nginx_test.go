package tests

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/cdproto/tracing"
	"github.com/chromedp/chromedp"

	"github.com/buildwasm/buildwasm/tests/nginx"
)

// collect gathers the events of one kind from now until the tab closes;
// the returned func gives those seen so far.
func collect[E any](ctx context.Context, ev cdp.Event[E]) func() []E {
	var mu sync.Mutex
	var got []E
	seq := chromedp.Events(ctx, ev)
	go func() {
		for e, err := range seq {
			if err != nil {
				return
			}
			mu.Lock()
			got = append(got, e)
			mu.Unlock()
		}
	}()
	return func() []E {
		mu.Lock()
		defer mu.Unlock()
		return append([]E(nil), got...)
	}
}

func startNginx(t *testing.T, dist string) string {
	t.Helper()
	s, err := nginx.Start(dist, t.TempDir(), "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Stop)
	return s.URL
}

// consoleText flattens a console call's arguments.
func consoleText(e runtime.EventConsoleAPICalled) string {
	var parts []string
	for _, a := range e.Args {
		var s string
		if json.Unmarshal(a.Value, &s) != nil {
			s = a.Description
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, " ")
}

// watchWarnings collects the tab's console and browser log; the check it
// returns fails t for every warning or error among them (favicon.ico's 404
// aside): a streaming fallback, a CSP report, an unused or unmatched preload.
func watchWarnings(t *testing.T, tab context.Context) (check func()) {
	console := collect(tab, runtime.ConsoleAPICalled)
	logs := collect(tab, log.EntryAdded)
	return func() {
		t.Helper()
		for _, c := range console() {
			if c.Type == "warning" || c.Type == "error" {
				t.Errorf("console.%s: %s", c.Type, consoleText(c))
			}
		}
		for _, l := range logs() {
			if (l.Entry.Level == "error" || l.Entry.Level == "warning") && !strings.HasSuffix(l.Entry.URL, "/favicon.ico") {
				t.Errorf("browser log %s: %s", l.Entry.Level, l.Entry.Text)
			}
		}
	}
}

// recordViolations keeps a page's Content-Security-Policy violations in
// window.violations.
const recordViolations = `window.violations = []; document.addEventListener("securitypolicyviolation", (e) => violations.push(e.violatedDirective + " " + e.blockedURI));`

// onNewDocument runs script at the start of every document tab loads.
func onNewDocument(t *testing.T, tab context.Context, script string) {
	t.Helper()
	if _, err := chromedp.Call(tab, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: script}); err != nil {
		t.Fatal(err)
	}
}

// The dist as nginx serves it with its own nginx.conf, under the strict
// CSP: brotli on the wire, streaming compilation, each asset fetched once
// (the preloads are used), no policy violation, and progress counted in
// decoded bytes although Content-Length counts brotli's.
func TestNginxChromium(t *testing.T) {
	dist := buildDist(t, filepath.Join(t.TempDir(), "dist"), "-csp", "../examples/hello")
	m := readManifest(t, dist)
	url := startNginx(t, dist)
	tab := newTab(t)
	if err := chromedp.Do(tab); err != nil {
		t.Fatal(err)
	}
	requests := collect(tab, network.RequestWillBeSent)
	responses := collect(tab, network.ResponseReceived)
	checkWarnings := watchWarnings(t, tab)
	onNewDocument(t, tab, recordViolations)
	if err := chromedp.Do(tab, chromedp.Navigate(url+"/"), chromedp.WaitVisible("#greeting")); err != nil {
		t.Fatal(err)
	}
	var violations []string
	evaluate(t, tab, `return violations`, &violations)
	if len(violations) > 0 {
		t.Errorf("CSP violations: %v", violations)
	}

	byName := map[string]*network.Response{}
	for _, r := range responses() {
		byName[r.Response.URL[len(url)+1:]] = r.Response
	}
	if r := byName[""]; r == nil || !strings.HasPrefix(headerOf(r.Headers, "Content-Security-Policy"), "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'") || headerOf(r.Headers, "Cache-Control") != "no-cache" {
		t.Errorf("index response lacks the CSP or no-cache: %+v", r)
	}
	wasm := byName[m.Entry["wasm"]]
	if wasm == nil {
		t.Fatalf("no response for %s; got %v", m.Entry["wasm"], byName)
	}
	if headerOf(wasm.Headers, "Content-Encoding") != "br" || headerOf(wasm.Headers, "Content-Type") != "application/wasm" ||
		headerOf(wasm.Headers, "Cache-Control") != "public, max-age=31536000, immutable" || !strings.Contains(headerOf(wasm.Headers, "Vary"), "Accept-Encoding") {
		t.Errorf("wasm served with %v, want brotli, application/wasm, immutable, Vary", wasm.Headers)
	}
	count := map[string]int{}
	for _, r := range requests() {
		name := r.Request.URL[len(url)+1:]
		count[name]++
		// The program's download waits for boot.js, which Chromium would
		// fetch at low priority as an async script.
		if name == m.Entry["boot"] && r.Request.InitialPriority != network.ResourcePriorityHigh {
			t.Errorf("boot.js requested at priority %s, want High", r.Request.InitialPriority)
		}
	}
	for _, role := range []string{"wasm", "loader", "boot", "style"} {
		if n := count[m.Entry[role]]; n != 1 {
			t.Errorf("%s was requested %d times, want once (a preload that is not reused costs a second download)", m.Entry[role], n)
		}
	}
	checkWarnings()

	// Progress through nginx's brotli: Content-Length is the compressed
	// size, so only the size the page passes gives a right total.
	var p struct {
		WithSize, WithoutSize [][2]float64
		ContentLength         string
	}
	evaluate(t, tab, fmt.Sprintf(`
		const { load } = await import(%q);
		const run = async (size) => {
			const calls = [];
			await load(%q, { size, onProgress: (loaded, total) => calls.push([loaded, total ?? -1]) });
			return calls;
		};
		const res = await fetch(%q, { cache: "no-store" });
		await res.arrayBuffer();
		return { withSize: await run(%d), withoutSize: await run(undefined), contentLength: res.headers.get("Content-Length") };`,
		"/"+m.Entry["loader"], "/"+m.Entry["wasm"], "/"+m.Entry["wasm"], wasmSize(t, dist)), &p)
	size := float64(wasmSize(t, dist))
	if last := p.WithSize[len(p.WithSize)-1]; len(p.WithSize) < 2 || last != [2]float64{size, size} || p.WithSize[0][1] != size {
		t.Errorf("progress with size: %v, want totals of %v and the last call at %v", p.WithSize, size, size)
	}
	if p.ContentLength == fmt.Sprint(size) {
		t.Errorf("Content-Length %s is the decoded size: nginx did not send brotli", p.ContentLength)
	}
	if p.WithoutSize[0][1] != -1 {
		t.Errorf("progress without size under Content-Encoding: first total %v, want unknown (not the compressed length)", p.WithoutSize[0][1])
	}
}

func wasmSize(t *testing.T, dist string) int {
	for _, f := range readManifest(t, dist).Files {
		if f.Name == readManifest(t, dist).Entry["wasm"] {
			return f.Size
		}
	}
	t.Fatal("no wasm in the manifest")
	return 0
}

// A second visit compiles nothing: V8 takes the program from its wasm
// code cache (trace event v8.wasm.moduleCacheHit). Chromium caches a
// module once TurboFan code exists and has stopped growing for 2 s; how
// soon depends on what the program runs, so this browser tiers up at once
// and caches without the wait, and the first page stays open until the
// cache is written. Caching needs the untouched streamed response: the
// page's progress bar reads a clone.
func TestNginxWasmCodeCache(t *testing.T) {
	// -preload gives up the cache: Chromium does not look it up for a fetch
	// served from a <link rel=preload>. Should this start failing for
	// -preload, Chromium has changed, and preloading could be the default.
	for _, c := range []struct {
		flag string
		hit  bool
	}{{"", true}, {"-preload", false}} {
		t.Run("build"+c.flag, func(t *testing.T) {
			args := []string{"../examples/hello"}
			if c.flag != "" {
				args = append([]string{c.flag}, args...)
			}
			dist := buildDist(t, filepath.Join(t.TempDir(), "dist"), args...)
			url := startNginx(t, dist)
			tab := newBrowser(t, codeCacheFlags)
			visit := func() {
				if err := chromedp.Do(tab, chromedp.Navigate(url+"/"), chromedp.WaitVisible("#greeting")); err != nil {
					t.Fatal(err)
				}
			}
			first := traceWasm(t, tab, visit)
			waitCached(t, tab, first)
			if err := chromedp.Do(tab, chromedp.Navigate("about:blank")); err != nil {
				t.Fatal(err)
			}
			second := traceWasm(t, tab, visit)
			hit := second["v8.wasm.moduleCacheHit"] > 0 && second["v8.wasm.moduleCacheInvalid"] == 0
			if hit != c.hit {
				t.Errorf("second visit: valid v8.wasm.moduleCacheHit %v, want %v; wasm events: %v (first visit: %v)", hit, c.hit, second, first)
			}
		})
	}
}

// codeCacheFlags make V8 cache a program's compiled code soon after a
// visit, not after seconds of running hot: functions tier up after a few
// calls, and the first tiered-up code is written at once. V8 waits for 1 MB
// of it by default; run beside other heavy work, a visit once did not get
// there within waitCached's 30 s.
const codeCacheFlags = "--wasm-tiering-budget=10 --wasm-caching-timeout-ms=0 --wasm-caching-threshold=1"

// waitCached waits, tracing, until Chromium has put the module of the
// visit whose wasm events are seen in its code cache; seen gets the events.
func waitCached(t *testing.T, tab context.Context, seen map[string]int) {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); seen["v8.wasm.cachedModule"] == 0 && time.Now().Before(deadline); {
		for name, n := range traceWasm(t, tab, func() { time.Sleep(time.Second) }) {
			seen[name] += n
		}
	}
	if seen["v8.wasm.cachedModule"] == 0 {
		t.Fatalf("Chromium did not cache the module within 30s; wasm events: %v", seen)
	}
}

// -preload: the page's head starts the program's download and boot.js's
// fetch takes that response: one request, no unused-preload warning, also
// with -wasm-integrity (the link carries no integrity, which Chromium
// ignores on fetch preloads with a warning; the fetch checks it).
func TestNginxPreload(t *testing.T) {
	for _, flags := range [][]string{{"-preload", "-csp"}, {"-preload", "-wasm-integrity"}} {
		t.Run(strings.Join(flags, " "), func(t *testing.T) {
			dist := buildDist(t, filepath.Join(t.TempDir(), "dist"), append(flags, "../examples/hello")...)
			m := readManifest(t, dist)
			url := startNginx(t, dist)
			tab := newTab(t)
			if err := chromedp.Do(tab); err != nil {
				t.Fatal(err)
			}
			requests := collect(tab, network.RequestWillBeSent)
			checkWarnings := watchWarnings(t, tab)
			if err := chromedp.Do(tab, chromedp.Navigate(url+"/"), chromedp.WaitVisible("#greeting")); err != nil {
				t.Fatal(err)
			}
			// Chromium warns of a preload nobody used 3 s after the load event.
			time.Sleep(3500 * time.Millisecond)
			var wasm []network.EventRequestWillBeSent
			for _, r := range requests() {
				if strings.HasSuffix(r.Request.URL, "/"+m.Entry["wasm"]) {
					wasm = append(wasm, r)
				}
			}
			if len(wasm) != 1 || wasm[0].Initiator.Type != network.InitiatorTypeParser {
				for _, r := range wasm {
					t.Logf("request by %s", r.Initiator.Type)
				}
				t.Errorf("the program was requested %d times, want once, by the parser (the preload)", len(wasm))
			}
			checkWarnings()
		})
	}
}

// traceWasm records a trace while do runs and counts its wasm events by name.
func traceWasm(t *testing.T, tab context.Context, do func()) map[string]int {
	t.Helper()
	data := collect(tab, tracing.DataCollected)
	done := collect(tab, tracing.TracingComplete)
	if _, err := chromedp.Call(tab, tracing.Start, tracing.StartParams{TraceConfig: &tracing.TraceConfig{
		IncludedCategories: []string{"disabled-by-default-devtools.timeline", "devtools.timeline", "v8.wasm"},
	}}); err != nil {
		t.Fatal(err)
	}
	do()
	if _, err := chromedp.Call(tab, tracing.End, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(10 * time.Second); len(done()) == 0 && time.Now().Before(deadline); {
		time.Sleep(50 * time.Millisecond)
	}
	names := map[string]int{}
	for _, batch := range data() {
		for _, raw := range batch.Value {
			var ev struct{ Name string }
			if json.Unmarshal(raw, &ev) == nil && strings.HasPrefix(ev.Name, "v8.wasm") {
				names[ev.Name]++
			}
		}
	}
	return names
}

// -wasm-integrity (alone and with -preload): the page loads with the right
// hash, and shows an error box, not a half-started app, when the program
// does not match it.
func TestBrowserWasmIntegrity(t *testing.T) {
	for _, flags := range [][]string{{"-wasm-integrity"}, {"-wasm-integrity", "-preload"}} {
		t.Run(strings.Join(flags, " "), func(t *testing.T) {
			dist := buildDist(t, filepath.Join(t.TempDir(), "dist"), append(flags, "../examples/hello")...)
			url := startNginx(t, dist)
			tab := newTab(t)
			if err := chromedp.Do(tab, chromedp.Navigate(url+"/"), chromedp.WaitVisible("#greeting")); err != nil {
				t.Fatal(err)
			}
			html := filepath.Join(dist, "index.html")
			page := string(snapshot(t, dist)["index.html"])
			wrong := strings.Replace(page, `data-buildwasm-integrity="sha384-`, `data-buildwasm-integrity="sha384-AAAA`, 1)
			if wrong == page {
				t.Fatal("index.html has no data-buildwasm-integrity")
			}
			for _, name := range []string{html, html + ".br", html + ".gz"} {
				os.Remove(name)
			}
			os.WriteFile(html, []byte(wrong), 0o644)
			if err := chromedp.Do(tab, chromedp.Navigate(url+"/"), chromedp.WaitVisible(".buildwasm-error")); err != nil {
				t.Fatal(err)
			}
			var shown struct {
				Error    string
				Greeting int
			}
			evaluate(t, tab, `return { error: document.querySelector(".buildwasm-error").textContent, greeting: document.querySelectorAll("#greeting").length }`, &shown)
			if !strings.Contains(shown.Error, "Error: fetching "+url+"/") || !strings.Contains(shown.Error, "integrity") || shown.Greeting != 0 {
				t.Errorf("with a wrong hash the page shows %+v, want the failed fetch in the error box and no app", shown)
			}
		})
	}
}
