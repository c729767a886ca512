// Command startup measures time to ready of a ~10 MB Go program in headless
// Chromium with CDP network throttling, for the stock setup and for
// buildwasm's, side by side in one run, and prints Markdown tables for
// BENCHMARKS.md.
//
// Ready is the moment the program calls window.benchReady at the end of
// main (tests/testdata/startup), in ms since navigation start, the same
// point for every loader. Variants:
//
//	a  stock: go build + the wasm_exec.html approach (instantiateStreaming), served uncompressed
//	b  stock with arrayBuffer + WebAssembly.instantiate, uncompressed
//	c  stock given the .br/.gz files a CDN would serve (same brotli quality as ours)
//	d  buildwasm build's dist on nginx with the emitted nginx.conf
//	e  buildwasm serve (dev build)
//	f  d built with -preload (the program's download starts from the page's head)
//
// a–d are served by real nginx, e by buildwasm serve. Cold runs use a new
// browser with a fresh profile; warm runs reload the page in that browser
// after it has been idle a few seconds (HTTP cache and, where Chromium wrote
// one, the V8 wasm code cache).
//
// -returning measures instead a returning visitor after a deploy, with and
// without deltas (-delta-from), for two kinds of version 2 (returning.go).
//
// Usage: go run ./tests/bench/startup [-n N] [-mbit 20] [-rtt 40] [-only abcdef] [-returning]
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"maps"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/tracing"
	"github.com/chromedp/chromedp"

	"github.com/buildwasm/buildwasm/internal/chromium"
	"github.com/buildwasm/buildwasm/internal/dist"
	"github.com/buildwasm/buildwasm/tests/bench/benchutil"
	"github.com/buildwasm/buildwasm/tests/nginx"
)

const program = "./tests/testdata/startup"

type variant struct {
	key, name string
	url       string // the page
}

type result struct {
	cold, warm []float64
	cacheHit   bool
}

func main() {
	runs := flag.Int("n", 5, "cold and warm runs per variant; the table shows the median")
	mbit := flag.Float64("mbit", 20, "throttled download speed, Mbit/s, at most 1000 (Chromium stalls above); 0 turns throttling off")
	rtt := flag.Float64("rtt", 40, "throttled latency, ms")
	idle := flag.Duration("idle", 3*time.Second, "time on the page between the cold load and the warm reload")
	only := flag.String("only", "abcdef", "variants to run (a and c are the baselines of the ratios)")
	returningOnly := flag.Bool("returning", false, "measure a returning visitor after a deploy, with and without deltas, instead")
	flag.Parse()
	tmp, bw, done := benchutil.Setup()
	defer done()
	if *returningOnly {
		throttle, conditions := throttling(*mbit, *rtt)
		header(conditions, *runs)
		returning(tmp, bw, throttle, *runs, *idle)
		return
	}

	stock := filepath.Join(tmp, "stock")
	stockCDN := filepath.Join(tmp, "stock-cdn")
	dist := filepath.Join(tmp, "dist")
	makeStock(stock, stockCDN)
	benchutil.Run(nil, "", bw, "build", "-o", dist, program)
	distPreload := filepath.Join(tmp, "dist-preload")
	benchutil.Run(nil, "", bw, "build", "-preload", "-o", distPreload, program)

	servers := []*nginx.Server{}
	serve := func(dir string) string {
		work := filepath.Join(tmp, "nginx-"+filepath.Base(dir))
		benchutil.Check(os.MkdirAll(work, 0o755))
		s, err := nginx.Start(dir, work, "")
		benchutil.Check(err)
		servers = append(servers, s)
		return s.URL
	}
	stockURL, cdnURL, distURL, preloadURL := serve(stock), serve(stockCDN), serve(dist), serve(distPreload)
	defer func() {
		for _, s := range servers {
			s.Stop()
		}
	}()
	serveURL, stopServe := startServe(bw, tmp)
	defer stopServe()

	variants := []variant{
		{"a", "stock, wasm_exec.html (instantiateStreaming), uncompressed", stockURL + "/streaming.html"},
		{"b", "stock, arrayBuffer + instantiate, uncompressed", stockURL + "/arraybuffer.html"},
		{"c", "stock, precompressed .br/.gz", cdnURL + "/streaming.html"},
		{"d", "buildwasm build, nginx with its nginx.conf", distURL + "/"},
		{"e", "buildwasm serve (dev build)", serveURL},
		{"f", "buildwasm build -preload, nginx", preloadURL + "/"},
	}
	throttle, conditions := throttling(*mbit, *rtt)
	header(conditions, *runs)
	sizes(stock, stockCDN, dist)

	variants = slices.DeleteFunc(variants, func(v variant) bool { return !strings.Contains(*only, v.key) })
	results := map[string]*result{}
	for _, v := range variants {
		results[v.key] = &result{}
	}
	// Rounds alternate the variants, so drift of the machine hits all alike.
	for r := 0; r < *runs; r++ {
		for _, v := range variants {
			cold, warm := coldAndWarm(tmp, v.url, throttle, *idle, false)
			res := results[v.key]
			res.cold, res.warm = append(res.cold, cold), append(res.warm, warm)
			log.Printf("run %d %s: cold %.0f ms, warm %.0f ms", r+1, v.key, cold, warm)
		}
	}
	// One more warm visit per variant, traced, says whether V8's wasm code
	// cache served it (tracing costs time, so it is not among the runs).
	for _, v := range variants {
		_, _, hit := coldAndWarmTraced(tmp, v.url, throttle, *idle)
		results[v.key].cacheHit = hit
	}
	floorUnthrottled, _ := coldAndWarm(tmp, distURL+"/", nil, 0, true)

	median := func(key string, warm bool) float64 {
		res, ok := results[key]
		switch {
		case !ok:
			return math.NaN()
		case warm:
			return benchutil.Median(res.warm)
		}
		return benchutil.Median(res.cold)
	}
	ratio := func(base, x float64) string {
		if math.IsNaN(base) {
			return "–"
		}
		return fmt.Sprintf("%.2f×", base/x)
	}
	// Rounds drift together, so the median of each round's difference to c
	// says more about "faster than c" than the difference of the medians.
	paired := func(key string, warm bool) string {
		base, ok := results["c"]
		if !ok {
			return "–"
		}
		x, b := results[key].cold, base.cold
		if warm {
			x, b = results[key].warm, base.warm
		}
		diffs := make([]float64, len(x))
		for i := range x {
			diffs[i] = x[i] - b[i]
		}
		return fmt.Sprintf("%+.0f", benchutil.Median(diffs))
	}
	fmt.Println("| variant | cold (ms) | cold: a / this | cold: c / this | cold − c, paired (ms) | warm (ms) | warm: a / this | warm: c / this | warm − c, paired (ms) | wasm code cache on warm |")
	fmt.Println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|")
	for _, v := range variants {
		cold, warm := median(v.key, false), median(v.key, true)
		hit := "no"
		if results[v.key].cacheHit {
			hit = "hit"
		}
		fmt.Printf("| %s: %s | %.0f | %s | %s | %s | %.0f | %s | %s | %s | %s |\n", v.key, v.name, cold,
			ratio(median("a", false), cold), ratio(median("c", false), cold), paired(v.key, false),
			warm, ratio(median("a", true), warm), ratio(median("c", true), warm), paired(v.key, true), hit)
	}
	fmt.Println()
	if *mbit > 0 {
		floor(dist, *mbit, floorUnthrottled, median("d", false))
	}
}

// throttling is the CDP network conditions of -mbit and -rtt (nil for
// none) and their description.
func throttling(mbit, rtt float64) (*network.Conditions, string) {
	if mbit < 0 || mbit > 1000 {
		log.Fatalf("-mbit %g: use 0 (no throttling) to 1000", mbit)
	}
	if mbit == 0 {
		return nil, "no throttling"
	}
	return &network.Conditions{Latency: rtt, DownloadThroughput: mbit * 1e6 / 8, UploadThroughput: mbit * 1e6 / 8},
		fmt.Sprintf("%g Mbit/s, %g ms latency (CDP)", mbit, rtt)
}

func header(conditions string, runs int) {
	fmt.Printf("Go %s, %s, %s/%s, %d cores; %s, %d runs each\n\n",
		strings.TrimPrefix(runtime.Version(), "go"), benchutil.ChromiumVersion(), runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), conditions, runs)
}

// makeStock writes the stock setup: the go build output, the toolchain's
// wasm_exec.js and the two pages people copy from wasm_exec.html. The CDN
// copy adds .br and .gz siblings as buildwasm would compress them.
func makeStock(dir, cdn string) {
	benchutil.StockBuild(dir, program)
	page := func(instantiate string) []byte {
		return []byte(`<!doctype html><html><head><meta charset="utf-8"><title>stock</title>
<script src="wasm_exec.js"></script>
<script>
const go = new Go();
` + instantiate + `.then((result) => go.run(result.instance));
</script></head><body></body></html>
`)
	}
	benchutil.Check(os.WriteFile(filepath.Join(dir, "streaming.html"), page(`WebAssembly.instantiateStreaming(fetch("main.wasm"), go.importObject)`), 0o644))
	benchutil.Check(os.WriteFile(filepath.Join(dir, "arraybuffer.html"), page(`fetch("main.wasm").then((r) => r.arrayBuffer()).then((b) => WebAssembly.instantiate(b, go.importObject))`), 0o644))
	// A stock deployment gets nginx's defaults: the MIME type wasm needs,
	// no compression, no caching headers (browsers cache heuristically).
	conf := "types {\n    text/html html;\n    text/javascript js;\n    application/wasm wasm;\n}\n"
	benchutil.Check(os.WriteFile(filepath.Join(dir, "nginx.conf"), []byte(conf), 0o644))

	benchutil.Check(os.MkdirAll(cdn, 0o755))
	files := map[string][]byte{}
	for _, name := range []string{"main.wasm", "wasm_exec.js", "streaming.html"} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		benchutil.Check(err)
		files[name] = b
	}
	siblings, err := dist.Compressed(context.Background(), files, dist.ReleaseBrotliQuality, false)
	benchutil.Check(err)
	maps.Copy(files, siblings)
	for name, data := range files {
		benchutil.Check(os.WriteFile(filepath.Join(cdn, name), data, 0o644))
	}
	conf += "gzip_static on;\ngzip_vary on;\nbrotli_static on;\n"
	benchutil.Check(os.WriteFile(filepath.Join(cdn, "nginx.conf"), []byte(conf), 0o644))
}

// startServe runs buildwasm serve on the program and returns its URL.
func startServe(bw, tmp string) (string, func()) {
	cmd := exec.Command(bw, "serve", "-addr", "127.0.0.1:0", "-o", filepath.Join(tmp, "serve"), program)
	stdout, err := cmd.StdoutPipe()
	benchutil.Check(err)
	cmd.Stderr = os.Stderr
	benchutil.Check(cmd.Start())
	url, err := bufio.NewReader(stdout).ReadString('\n')
	benchutil.Check(err)
	return strings.TrimSpace(url), func() { cmd.Process.Signal(os.Interrupt); cmd.Wait() }
}

const readyHook = `window.benchReady = () => { window.__readyAt = performance.now(); };`

// visit navigates (or reloads) and returns the ms from navigation start to
// window.benchReady.
func visit(tab context.Context, url string, reload bool) float64 {
	nav := chromedp.Navigate(url)
	if reload {
		nav = chromedp.Reload()
	}
	benchutil.Check(chromedp.Do(tab, nav))
	for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		at, err := chromedp.Run(tab, chromedp.Evaluate[float64](`window.__readyAt ?? -1`))
		if err == nil && at >= 0 {
			if os.Getenv("STARTUP_DEBUG") != "" {
				t, _ := chromedp.Run(tab, chromedp.Evaluate[string](`JSON.stringify(performance.getEntriesByType("resource").map(e => [e.name.split("/").pop().slice(0,20), Math.round(e.startTime), Math.round(e.responseStart), Math.round(e.responseEnd), e.transferSize]))`))
				log.Printf("%s ready %.0f: %s", url, at, t)
			}
			return at
		}
	}
	log.Fatalf("%s: not ready within 60s", url)
	return 0
}

// newTab opens a fresh browser (fresh profile) with throttling set.
func newTab(tmp string, throttle *network.Conditions) (context.Context, func()) {
	profile, err := os.MkdirTemp(tmp, "profile-")
	benchutil.Check(err)
	ctx, cancel, err := chromium.Start(profile, "")
	benchutil.Check(err)
	if throttle != nil {
		_, err = chromedp.Call(ctx, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{
			MatchedNetworkConditions: []*network.Conditions{throttle},
		})
		benchutil.Check(err)
	}
	_, err = chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: readyHook})
	benchutil.Check(err)
	return ctx, func() { cancel(); os.RemoveAll(profile) }
}

func coldAndWarm(tmp, url string, throttle *network.Conditions, idle time.Duration, coldOnly bool) (cold, warm float64) {
	tab, done := newTab(tmp, throttle)
	defer done()
	cold = visit(tab, url, false)
	if coldOnly {
		return cold, 0
	}
	time.Sleep(idle)
	return cold, visit(tab, url, true)
}

// coldAndWarmTraced is coldAndWarm with the warm visit traced for V8's
// wasm code cache events.
func coldAndWarmTraced(tmp, url string, throttle *network.Conditions, idle time.Duration) (cold, warm float64, cacheHit bool) {
	tab, done := newTab(tmp, throttle)
	defer done()
	cold = visit(tab, url, false)
	time.Sleep(idle)
	events := chromedp.Events(tab, tracing.DataCollected)
	complete := chromedp.Events(tab, tracing.TracingComplete)
	_, err := chromedp.Call(tab, tracing.Start, tracing.StartParams{TraceConfig: &tracing.TraceConfig{
		IncludedCategories: []string{"disabled-by-default-devtools.timeline"},
	}})
	benchutil.Check(err)
	warm = visit(tab, url, true)
	found := make(chan bool, 1)
	go func() {
		hit := false
		for batch, err := range events {
			if err != nil {
				break
			}
			for _, raw := range batch.Value {
				var ev struct{ Name string }
				if json.Unmarshal(raw, &ev) == nil && ev.Name == "v8.wasm.moduleCacheHit" {
					hit = true
				}
			}
		}
		found <- hit
	}()
	_, err = chromedp.Call(tab, tracing.End, cdp.Empty{})
	benchutil.Check(err)
	for _, err := range complete {
		benchutil.Check(err)
		break
	}
	done()
	return cold, warm, <-found
}

func sizes(stock, cdn, dist string) {
	size := func(path string) int64 {
		info, err := os.Stat(path)
		benchutil.Check(err)
		return info.Size()
	}
	fmt.Println("| bytes on the wire | program | JS (loader, boot or wasm_exec.js) |")
	fmt.Println("|---|---:|---:|")
	fmt.Printf("| a, b: stock uncompressed | %d | %d |\n", size(filepath.Join(stock, "main.wasm")), size(filepath.Join(stock, "wasm_exec.js")))
	fmt.Printf("| c: stock, brotli | %d | %d |\n", size(filepath.Join(cdn, "main.wasm.br")), size(filepath.Join(cdn, "wasm_exec.js.br")))
	br := func(role string) int64 { return size(benchutil.DistFile(dist, role) + ".br") }
	fmt.Printf("| d: buildwasm, brotli | %d | %d |\n\n", br("wasm"), br("loader")+br("boot"))
}

// floor is the physical limit: every compressed byte of d at link speed,
// plus what compiling and starting the program cost with no throttling.
func floor(dist string, mbit, unthrottled, d float64) {
	var wire int64
	for _, role := range []string{"html", "boot", "loader", "style", "wasm"} {
		info, err := os.Stat(benchutil.DistFile(dist, role) + ".br")
		benchutil.Check(err)
		wire += info.Size()
	}
	transfer := float64(wire) * 8 / (mbit * 1e6) * 1000
	fmt.Printf("Floor for d: %d compressed bytes at %g Mbit/s = %.0f ms, plus %.0f ms unthrottled cold start (compile, Go init) = %.0f ms; d's cold median is %.0f ms (%.0f ms, %.2f× above).\n",
		wire, mbit, transfer, unthrottled, transfer+unthrottled, d, d-(transfer+unthrottled), d/(transfer+unthrottled))
}
