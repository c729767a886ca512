package tests

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// workerDists builds the worker-mode fixtures once: the worker program and
// the heavy-init program, release builds.
var workerDists = sync.OnceValues(func() (map[string]string, error) {
	out := map[string]string{}
	for _, name := range []string{"worker", "heavyinit"} {
		dir := filepath.Join(tmpRoot, "worker-dists", name)
		if res := runQuiet(buildwasmBin, "build", "-o", dir, "./testdata/"+name); res.err != nil {
			return nil, res.err
		}
		out[name] = dir
	}
	return out, nil
})

// workerServer serves the fixtures' dists at /NAME/ and a blank page.
func workerServer(t *testing.T) *httptest.Server {
	dists, err := workerDists()
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	for name, dir := range dists {
		mux.Handle("/"+name+"/", http.StripPrefix("/"+name, distHandler(t, dir)))
	}
	mux.HandleFunc("/blank.html", blankPage)
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

// Worker mode end to end: exports return Promises, bytes are transferred
// both ways, Promises from Go resolve, stdout and progress reach the page,
// a panic arrives as a GoPanicError with Go frames and the program lives
// on, timings are published, an exit code and a DOM access end the program
// with their reasons.
func TestWorkerMode(t *testing.T) {
	srv := workerServer(t)
	tab := newTab(t)
	var got struct {
		IsPromise, Detached    bool
		Add, Later, StillAlive int
		Reversed               []int
		Stdout                 string
		Progress               [][2]float64
		Panic                  struct {
			Name, Message string
			Frames        []string
		}
		Exit     struct{ Code int }
		Document struct {
			Code    int
			Message string
		}
		Measures                          []string
		Timings                           map[string]struct{ Start, End float64 }
		HasWorker, NoModule               bool
		MainTimings                       map[string]struct{ Start, End float64 }
		MainMeasures                      []string
		MainSync                          int
		WithImports, Aborted, MissingStub string
		Stats                             struct{ WasmMemory int }
		AfterExit                         string
	}
	evaluateAt(t, tab, srv.URL+"/blank.html", `
		const { load } = await import("/worker/loader.js");
		let stdout = "";
		const progress = [];
		const app = await load("/worker/worker.wasm", {
			worker: true,
			stdout: (b) => (stdout += new TextDecoder().decode(b)),
			onProgress: (loaded, total) => progress.push([loaded, total ?? -1]),
		});
		const r = { progress };
		const p = app.exports.add(2, 3);
		r.isPromise = p instanceof Promise;
		r.add = await p;
		const buf = new Uint8Array([1, 2, 3, 4]).buffer;
		r.reversed = [...new Uint8Array(await app.exports.reverse(buf))];
		r.detached = buf.byteLength === 0;
		r.later = await app.exports.later(21);
		await app.exports.say("hello");
		r.panic = await app.exports.boom().then(() => ({}), (e) => ({ name: e.name, message: e.message, frames: e.goStack.map((f) => f.func + " " + f.file) }));
		r.stillAlive = await app.exports.add(1, 1);
		r.stats = await app.stats();
		r.hasWorker = app.worker instanceof Worker;
		r.noModule = app.module === undefined;
		r.timings = app.timings;
		r.measures = performance.getEntriesByType("measure").map((m) => m.name).filter((n) => n.startsWith("buildwasm:"));
		r.stdout = stdout;

		const second = await load("/worker/worker.wasm", { worker: true, stdout: () => {} });
		second.exports.quit(3).catch(() => {});
		r.exit = await second.exited;
		r.afterExit = await second.exports.add(1, 2).then(() => "resolved", (e) => e.name);

		performance.clearMeasures();
		const onMain = await load("/worker/worker.wasm", { stdout: () => {} });
		r.mainTimings = onMain.timings;
		r.mainMeasures = performance.getEntriesByType("measure").map((m) => m.name);
		r.mainSync = onMain.exports.add(1, 2);
		await onMain.dispose();

		const third = await load("/worker/worker.wasm", { worker: true, stdout: () => {} });
		third.exports.touchDocument().catch(() => {});
		const status = await third.exited;
		r.document = { code: status.code, message: status.error?.message ?? "" };
		await app.dispose();

		const settle = (p) => p.then(() => "resolved", (e) => e.name + ": " + e.message);
		r.withImports = await settle(load("/worker/worker.wasm", { worker: true, imports: { env: {} } }));
		const aborted = new AbortController();
		aborted.abort();
		r.aborted = await settle(load("/worker/worker.wasm", { worker: true, signal: aborted.signal }));
		r.missingStub = await settle(load("/worker/worker.wasm", { worker: "/worker/no-such-stub.js" }));
		return r;`, &got)

	if !got.IsPromise || got.Add != 5 || got.Later != 42 || fmt.Sprint(got.Reversed) != "[4 3 2 1]" || !got.Detached {
		t.Errorf("exports: %+v", got)
	}
	if !strings.Contains(got.Stdout, "worker ready\n") || !strings.Contains(got.Stdout, "worker says hello\n") {
		t.Errorf("stdout on the page: %q", got.Stdout)
	}
	if n := len(got.Progress); n == 0 || got.Progress[n-1][0] != got.Progress[n-1][1] {
		t.Errorf("progress: %v", got.Progress)
	}
	if got.Panic.Name != "GoPanicError" || !strings.Contains(got.Panic.Message, "assignment to entry in nil map") ||
		len(got.Panic.Frames) == 0 || !strings.Contains(strings.Join(got.Panic.Frames, "\n"), "testdata/worker/main.go") || got.StillAlive != 2 {
		t.Errorf("panic in worker mode: %+v, then add gave %d", got.Panic, got.StillAlive)
	}
	if !got.HasWorker || !got.NoModule || got.Stats.WasmMemory == 0 {
		t.Errorf("app in worker mode: worker %v, module undefined %v, stats %+v", got.HasWorker, got.NoModule, got.Stats)
	}
	if got.Exit.Code != 3 || got.AfterExit != "GoExitedError" {
		t.Errorf("exit: %+v, a later call: %s", got.Exit, got.AfterExit)
	}
	if got.Document.Code == 0 || !strings.Contains(got.Document.Message, "runs in a Web Worker") || !strings.Contains(got.Document.Message, "cannot use document") {
		t.Errorf("touching document in a worker: %+v", got.Document)
	}
	checkTimings(t, got.Timings, got.Measures)
	checkTimings(t, got.MainTimings, got.MainMeasures)
	if !strings.Contains(got.WithImports, "options.imports cannot be used in worker mode") || !strings.HasPrefix(got.Aborted, "AbortError") ||
		!strings.Contains(got.MissingStub, "no-such-stub.js failed") {
		t.Errorf("worker mode refusals: imports %q, aborted %q, missing script %q", got.WithImports, got.Aborted, got.MissingStub)
	}
	if got.MainSync != 3 {
		t.Errorf("main-thread exports should answer synchronously: %d", got.MainSync)
	}
}

// checkTimings: every phase is there, as an App field and as a measure,
// and together they cover the load from its start to ready.
func checkTimings(t *testing.T, timings map[string]struct{ Start, End float64 }, measures []string) {
	t.Helper()
	ready := timings["ready"]
	covered := ready.Start
	type span struct{ start, end float64 }
	var spans []span
	for _, phase := range []string{"fetch", "compile", "instantiate", "init"} {
		p, ok := timings[phase]
		if !ok || p.End < p.Start {
			t.Errorf("timings.%s: %+v (present %v)", phase, p, ok)
		}
		spans = append(spans, span{p.Start, p.End})
	}
	for range spans {
		for _, s := range spans {
			if s.start <= covered+5 && s.end > covered {
				covered = s.end
			}
		}
	}
	if covered < ready.End-5 || ready.End <= ready.Start {
		t.Errorf("phases %+v cover the load only up to %.1f of %.1f–%.1f", timings, covered, ready.Start, ready.End)
	}
	for _, phase := range []string{"fetch", "compile", "instantiate", "init", "ready"} {
		if !strings.Contains(strings.Join(measures, " "), "buildwasm:"+phase) {
			t.Errorf("no performance measure buildwasm:%s (have %v)", phase, measures)
		}
	}
}

// The page keeps painting while a program spends 400 ms in package init
// in worker mode; on the main thread the same load freezes it.
func TestWorkerKeepsPagePainting(t *testing.T) {
	srv := workerServer(t)
	tab := newTab(t)
	if err := chromedp.Do(tab, chromedp.Navigate(srv.URL+"/blank.html")); err != nil {
		t.Fatal(err)
	}
	type run struct {
		Frames             int
		MaxGap, Init       float64
		Ping               int
		PaintedAfterChange bool
	}
	measure := func(program string, worker bool) run {
		var r run
		evaluate(t, tab, fmt.Sprintf(`
			const { load } = await import("/%[1]s/loader.js");
			const frames = [];
			let running = true;
			const tick = (t) => { frames.push(performance.now()); if (running) requestAnimationFrame(tick); };
			requestAnimationFrame(tick);
			await new Promise((r) => setTimeout(r, 100));
			// The page changes with every progress call, up to the end of the
			// download; Go's init must not start before that state is drawn.
			let lastChange = 0;
			const onProgress = (loaded) => { document.body.dataset.loaded = loaded; lastChange = performance.now(); };
			const app = await load("/%[1]s/%[1]s.wasm", { worker: %[2]v, stdout: () => {}, onProgress });
			await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
			running = false;
			let maxGap = 0, before = 0;
			for (let i = 1; i < frames.length; i++) {
				if (frames[i] - frames[i - 1] > maxGap) [maxGap, before] = [frames[i] - frames[i - 1], frames[i - 1]];
			}
			const ping = await app.exports[%[1]q === "heavyinit" ? "ping" : "add"](7, 0);
			await app.dispose();
			const t = app.timings;
			return { frames: frames.length, maxGap, init: t.init.end - t.init.start, ping, paintedAfterChange: lastChange > 0 && before >= lastChange };`, program, worker), &r)
		return r
	}
	inWorker, onMain := measure("heavyinit", true), measure("heavyinit", false)
	t.Logf("worker: %+v; main thread: %+v", inWorker, onMain)
	if inWorker.Init < 300 || onMain.Init < 300 || inWorker.Ping != 7 || onMain.Ping != 7 {
		t.Fatalf("the fixture's init should take ≥ 300 ms: worker %+v, main %+v", inWorker, onMain)
	}
	// Idle here the page's longest frame gap is about 20 ms in worker mode;
	// the bound leaves room for a busy CI machine and stays far below the
	// fixture's ≥ 300 ms init.
	const jank = 150
	if inWorker.MaxGap > jank {
		t.Errorf("worker mode: the page went %.0f ms without a frame", inWorker.MaxGap)
	}
	if onMain.MaxGap < 300 {
		t.Errorf("main-thread mode: longest frame gap %.0f ms; the fixture should block the page ≥ 300 ms (is it heavy enough?)", onMain.MaxGap)
	}
	// On the main thread the page's last change (the download's end) is
	// drawn before Go's init takes the thread.
	if !onMain.PaintedAfterChange {
		t.Error("main-thread mode: Go's init started before the page drew its last change")
	}
	// A page that changed just before load() (here, from a compiled module,
	// so nothing else delays Go's init) is drawn before Go takes the thread.
	var drawn struct{ Before, Changed, MaxGap float64 }
	evaluate(t, tab, `
		const { load } = await import("/heavyinit/loader.js");
		const module = await WebAssembly.compileStreaming(fetch("/heavyinit/heavyinit.wasm"));
		const frames = [];
		let running = true;
		const tick = () => { frames.push(performance.now()); if (running) requestAnimationFrame(tick); };
		requestAnimationFrame(tick);
		await new Promise((r) => setTimeout(r, 100));
		document.body.dataset.state = "loading";
		const changed = performance.now();
		const app = await load(module);
		await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
		running = false;
		let maxGap = 0, before = 0;
		for (let i = 1; i < frames.length; i++) {
			if (frames[i] - frames[i - 1] > maxGap) [maxGap, before] = [frames[i] - frames[i - 1], frames[i - 1]];
		}
		await app.dispose();
		return { before, changed, maxGap };`, &drawn)
	if drawn.MaxGap < 300 || drawn.Before < drawn.Changed {
		t.Errorf("a change made just before load(module) was not drawn before Go's init: %+v", drawn)
	}
	// With a light init, nothing of the loader's blocks the page.
	if light := measure("worker", false); light.MaxGap > jank || light.Ping != 7 {
		t.Errorf("main-thread load of a light program: %+v, want no frame gap over %d ms", light, jank)
	}
}

// buildwasm build -worker: the generated page runs the program in a
// worker and hands the App to page scripts.
func TestWorkerBuildFlag(t *testing.T) {
	dist := buildDist(t, filepath.Join(t.TempDir(), "dist"), "-worker", "./testdata/worker")
	srv := httptest.NewServer(distHandler(t, dist))
	t.Cleanup(srv.Close)
	tab := newTab(t)
	if err := chromedp.Do(tab); err != nil {
		t.Fatal(err)
	}
	onNewDocument(t, tab, `document.addEventListener("buildwasm:ready", (e) => (window.app = e.detail));`)
	if err := chromedp.Do(tab, chromedp.Navigate(srv.URL+"/")); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Worker bool
		Add    int
		Bar    int
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		ok, _ := chromedp.Run(tab, chromedp.Evaluate[bool](`window.app !== undefined`))
		if ok {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("no buildwasm:ready within 30s")
		}
		time.Sleep(50 * time.Millisecond)
	}
	evaluate(t, tab, `return { worker: app.worker instanceof Worker, add: await app.exports.add(20, 22), bar: document.querySelectorAll(".buildwasm-progress").length }`, &got)
	if !got.Worker || got.Add != 42 || got.Bar != 0 {
		t.Errorf("page built with -worker: %+v", got)
	}
}

// A Response given to load() in worker mode crosses to the worker with its
// body: the program is downloaded once, compiled as it streams (no MIME
// warning), progress counts it, and errors name its URL. An abort after
// start-up leaves the program running, as on the main thread.
func TestWorkerResponseSource(t *testing.T) {
	dists, err := workerDists()
	if err != nil {
		t.Fatal(err)
	}
	var wasmRequests atomic.Int32
	dist := distHandler(t, dists["worker"])
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/blank.html" {
			blankPage(w, r)
			return
		}
		if strings.HasSuffix(r.URL.Path, ".wasm") {
			wasmRequests.Add(1)
		}
		dist.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	tab := newTab(t)
	if err := chromedp.Do(tab); err != nil {
		t.Fatal(err)
	}
	// The worker's console.warn (the loader's warning when it cannot
	// compile while downloading) reaches the browser log.
	checkWarnings := watchWarnings(t, tab)
	var got struct {
		Sum      int
		Progress [][2]float64
	}
	evaluateAt(t, tab, srv.URL+"/blank.html", `
		const { load } = await import("/loader.js");
		const progress = [];
		const startup = new AbortController();
		const app = await load(await fetch("/worker.wasm"), {
			worker: true,
			stdout: () => {},
			onProgress: (loaded, total) => progress.push([loaded, total ?? -1]),
			signal: startup.signal,
		});
		startup.abort(); // too late: it covers the download and start-up only
		const sum = await app.exports.add(2, 3);
		await app.dispose();
		return { sum, progress };`, &got)
	checkWarnings()
	if got.Sum != 5 {
		t.Errorf("a Response in worker mode: sum %d", got.Sum)
	}
	if n := wasmRequests.Load(); n != 1 {
		t.Errorf("%d requests for worker.wasm, want 1: the worker fetched it again", n)
	}
	if n := len(got.Progress); n == 0 || got.Progress[n-1][0] != got.Progress[n-1][1] {
		t.Errorf("progress: %v", got.Progress)
	}
	var failed string
	evaluate(t, tab, `return await (await import("/loader.js")).load(await fetch("/missing.wasm"), { worker: true }).then(() => "", (e) => e.message)`, &failed)
	if !strings.Contains(failed, srv.URL+"/missing.wasm failed: HTTP 404") {
		t.Errorf("a 404 Response in worker mode: %q, want the URL and the status", failed)
	}
}
