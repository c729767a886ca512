// Command worker measures what worker mode buys and costs, in headless
// Chromium, and prints Markdown tables for BENCHMARKS.md:
//
//   - the main thread's longest task while tests/testdata/heavyinit (about
//     400 ms of package init) loads: buildwasm in worker mode, buildwasm on
//     the main thread, and the stock wasm_exec.js;
//   - call round trips (median, p99) of an export, worker against main thread;
//   - throughput of 1 MiB ArrayBuffer arguments and results, transferred.
//
// Usage: go run ./tests/bench/worker [-runs 5] [-calls 2000]
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/buildwasm/buildwasm/internal/chromium"
	"github.com/buildwasm/buildwasm/tests/bench/benchutil"
)

const program = "./tests/testdata/heavyinit"

// observe records, from the start of every page, long tasks and the time of
// every frame: a frame gap catches blocking that Chromium does not report
// as a long task (work in a promise continuation).
const observe = `window.longTasks = [];
new PerformanceObserver((list) => { for (const e of list.getEntries()) longTasks.push(e.duration); }).observe({ type: "longtask", buffered: true });
window.frames_ = [];
const tick = () => { frames_.push(performance.now()); requestAnimationFrame(tick); };
requestAnimationFrame(tick);`

func main() {
	runs := flag.Int("runs", 5, "page loads per variant; the table shows the median of each load's longest task")
	calls := flag.Int("calls", 2000, "calls for the round-trip table")
	flag.Parse()
	tmp, bw, done := benchutil.Setup()
	defer done()
	dist := filepath.Join(tmp, "dist")
	benchutil.Run(nil, "", bw, "build", "-o", dist, program)
	stock := filepath.Join(tmp, "stock")
	benchutil.StockBuild(stock, program)

	mux := http.NewServeMux()
	mux.Handle("/dist/", http.StripPrefix("/dist/", http.FileServer(http.Dir(dist))))
	mux.Handle("/stock/", http.StripPrefix("/stock/", http.FileServer(http.Dir(stock))))
	mux.HandleFunc("/blank.html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte("<!doctype html><title>blank</title><body></body>"))
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	profile, err := os.MkdirTemp(tmp, "profile-")
	benchutil.Check(err)
	ctx, cancel, err := chromium.Start(profile, "")
	benchutil.Check(err)
	defer cancel()
	_, err = chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: observe})
	benchutil.Check(err)

	loader, wasm := "/dist/"+filepath.Base(benchutil.DistFile(dist, "loader")), "/dist/"+filepath.Base(benchutil.DistFile(dist, "wasm"))
	variants := []struct{ name, load string }{
		{"buildwasm, worker mode", fmt.Sprintf(`const { load } = await import(%q); const app = await load(%q, { worker: true });`, loader, wasm)},
		{"buildwasm, main thread", fmt.Sprintf(`const { load } = await import(%q); const app = await load(%q);`, loader, wasm)},
		{"stock wasm_exec.js (as wasm_exec.html), main thread", `await new Promise((resolve) => { const s = document.createElement("script"); s.src = "/stock/wasm_exec.js"; s.onload = resolve; document.head.append(s); });
			const go = new Go();
			const { instance } = await WebAssembly.instantiateStreaming(fetch("/stock/main.wasm"), go.importObject);
			go.run(instance);`},
	}
	fmt.Printf("Go %s, %s, %s/%s, %d cores\n\n", strings.TrimPrefix(runtime.Version(), "go"), benchutil.ChromiumVersion(), runtime.GOOS, runtime.GOARCH, runtime.NumCPU())
	fmt.Println("| heavyinit (≈400 ms of package init) | longest main-thread task (ms) | longest gap between frames (ms) | load to ready (ms) |")
	fmt.Println("|---|---:|---:|---:|")
	for _, v := range variants {
		var longest, gap, total []float64
		for range *runs {
			benchutil.Check(chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/blank.html")))
			var r struct{ Longest, Gap, Total float64 }
			evaluate(ctx, `await new Promise((r) => setTimeout(r, 100));
				const t0 = performance.now();
				`+v.load+`
				const total = performance.now() - t0;
				await new Promise((r) => setTimeout(r, 200)); // entries and frames arrive after the task
				let gap = 0;
				for (let i = 1; i < frames_.length; i++) if (frames_[i] > t0) gap = Math.max(gap, frames_[i] - frames_[i - 1]);
				return { longest: Math.max(0, ...longTasks), gap, total };`, &r)
			longest, gap, total = append(longest, r.Longest), append(gap, r.Gap), append(total, r.Total)
		}
		fmt.Printf("| %s | %s | %.0f | %.0f |\n", v.name, longTask(benchutil.Median(longest)), benchutil.Median(gap), benchutil.Median(total))
	}
	fmt.Println()

	// performance.now() is coarsened to 100 µs without cross-origin
	// isolation, so calls are timed in batches of 20.
	fmt.Println("| export call ping(7), " + fmt.Sprint(*calls) + " calls in batches of 20 | median (µs) | p99 (µs) | 1 MiB ArrayBuffer in and out, transferred (MiB/s) |")
	fmt.Println("|---|---:|---:|---:|")
	for _, mode := range []struct {
		name   string
		worker bool
	}{{"buildwasm, main thread", false}, {"buildwasm, worker mode", true}} {
		benchutil.Check(chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/blank.html")))
		var r struct{ Median, P99, Throughput float64 }
		evaluate(ctx, fmt.Sprintf(`const { load } = await import(%q);
			const app = await load(%q, { worker: %v });
			const times = [];
			for (let i = 0; i < %d / 20; i++) {
				const t = performance.now();
				for (let j = 0; j < 20; j++) await app.exports.ping(7);
				times.push((performance.now() - t) / 20);
			}
			times.sort((a, b) => a - b);
			let buf = new ArrayBuffer(1 << 20);
			const n = 200, t0 = performance.now();
			for (let i = 0; i < n; i++) buf = await app.exports.ping(buf);
			const seconds = (performance.now() - t0) / 1000;
			await app.dispose();
			return { median: times[times.length >> 1] * 1000, p99: times[Math.floor(times.length * 0.99)] * 1000, throughput: (2 * n) / seconds };`,
			loader, wasm, mode.worker, *calls), &r)
		fmt.Printf("| %s | %.0f | %.0f | %.0f |\n", mode.name, r.Median, r.P99, r.Throughput)
	}
}

func longTask(ms float64) string {
	if ms == 0 {
		return "none ≥ 50"
	}
	return fmt.Sprintf("%.0f", ms)
}

func evaluate(ctx context.Context, body string, v any) {
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[string]("(async () => JSON.stringify(await (async () => {"+body+"})()))()", chromedp.EvalAwaitPromise))
	benchutil.Check(err)
	benchutil.Check(json.Unmarshal([]byte(raw), v))
}
