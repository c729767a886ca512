// Command frames measures the frames of a real syscall/js-heavy program,
// Ebitengine's examples/noise (random pixels every frame, uploaded through
// WebGL2: many syscall/js calls per frame), in headless Chromium: built
// stock (GOOS=js GOARCH=wasm go build, run by the toolchain's own
// wasm_exec.js) against built by buildwasm (run by its dist's loader
// module). Each round runs both builds, each in a fresh browser, the order
// alternating; after a warm-up it records every requestAnimationFrame
// callback for -seconds. Prints a Markdown table for BENCHMARKS.md.
//
// The program comes from the Go module proxy into a temporary module (with
// the checksum database off for that module only), so the command needs the
// proxy or a module cache that holds it.
//
// Usage: go run ./tests/bench/frames [-seconds 10] [-rounds 5] [-warmup 5] [-ebiten v2.8.8]
package main

import (
	_ "embed"
	"flag"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/performance"
	"github.com/chromedp/chromedp"

	"github.com/buildwasm/buildwasm/internal/chromium"
	"github.com/buildwasm/buildwasm/internal/testenv"
	"github.com/buildwasm/buildwasm/tests/bench/benchutil"
)

//go:embed frames.js
var framesJS []byte

const (
	module  = "github.com/hajimehoshi/ebiten/v2"
	program = module + "/examples/noise"
)

// The temporary module's go commands: the module may add what it needs to
// go.mod and go.sum, which the checksum database (not reachable everywhere)
// does not vouch for.
var modEnv = []string{"GOFLAGS=-mod=mod", "GONOSUMDB=*", "GOSUMDB=off"}

const stockPage = `<!doctype html>
<meta charset="utf-8">
<script src="frames.js"></script>
<script src="wasm_exec.js"></script>
<script>
(async () => {
  const go = new Go();
  if (location.search === "?count") {
    for (const [name, f] of Object.entries(go.importObject.gojs)) {
      if (name.startsWith("syscall/js.")) go.importObject.gojs[name] = (sp) => (benchFrames.calls++, f(sp));
    }
  }
  const { instance } = await WebAssembly.instantiateStreaming(fetch("main.wasm"), go.importObject);
  go.run(instance);
})();
</script>
`

const oursPage = `<!doctype html>
<meta charset="utf-8">
<script src="frames.js"></script>
<script type="module">
import { load } from "./dist/%s";
load("./dist/%s");
</script>
`

// A run is what one page load of one build measured.
type run struct {
	frames       int
	interval     float64 // median ms between frames
	work         float64 // median ms in the frame's rAF callbacks
	scriptPerFrm float64 // ms of the renderer's script time (CDP ScriptDuration) per frame
	calls        float64 // syscall/js calls per frame, if the page counted them
}

func main() {
	seconds := flag.Int("seconds", 10, "seconds of frames recorded per run, after the warm-up")
	rounds := flag.Int("rounds", 5, "rounds; each runs both builds in a fresh browser")
	warmup := flag.Int("warmup", 5, "seconds of frames before recording")
	version := flag.String("ebiten", "v2.8.8", "version of "+module)
	flag.Parse()
	tmp, bw, done := benchutil.Setup()
	defer done()

	mod := filepath.Join(tmp, "mod")
	benchutil.Check(os.MkdirAll(mod, 0o755))
	goMod := fmt.Sprintf("module framesbench\n\ngo 1.24\n\nrequire %s %s\n", module, *version)
	benchutil.Check(os.WriteFile(filepath.Join(mod, "go.mod"), []byte(goMod), 0o644))

	// Stock: go build and the toolchain's wasm_exec.js.
	site := filepath.Join(tmp, "site")
	benchutil.Check(os.MkdirAll(site, 0o755))
	benchutil.Run(append(modEnv, benchutil.WasmEnv...), mod, "go", "build", "-trimpath", "-o", filepath.Join(site, "main.wasm"), program)
	goroot, err := testenv.GOROOT("")
	benchutil.Check(err)
	wasmExec, err := os.ReadFile(testenv.StockLoader(goroot))
	benchutil.Check(err)
	// buildwasm: its dist, loaded by the dist's loader module.
	dist := filepath.Join(site, "dist")
	benchutil.Run(modEnv, mod, bw, "build", "-sourcemap=none", "-o", dist, program)
	ours := fmt.Sprintf(oursPage, filepath.Base(benchutil.DistFile(dist, "loader")), filepath.Base(benchutil.DistFile(dist, "wasm")))
	for name, data := range map[string][]byte{"wasm_exec.js": wasmExec, "frames.js": framesJS, "stock.html": []byte(stockPage), "buildwasm.html": []byte(ours)} {
		benchutil.Check(os.WriteFile(filepath.Join(site, name), data, 0o644))
	}

	// Cross-origin isolated, so that performance.now() counts in µs
	// rather than in steps of 0.1 ms.
	files := http.FileServer(http.Dir(site))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cross-Origin-Opener-Policy", "same-origin")
		w.Header().Set("Cross-Origin-Embedder-Policy", "require-corp")
		files.ServeHTTP(w, r)
	}))
	defer srv.Close()
	runs := map[string][]run{}
	for r := range *rounds {
		order := []string{"stock", "buildwasm"}
		if r%2 == 1 {
			order = []string{"buildwasm", "stock"}
		}
		for _, build := range order {
			m := measure(tmp, srv.URL+"/"+build+".html", time.Duration(*warmup)*time.Second, time.Duration(*seconds)*time.Second)
			log.Printf("round %d, %s: %d frames, %.2f ms apart, %.2f ms in rAF callbacks, %.2f ms script per frame", r+1, build, m.frames, m.interval, m.work, m.scriptPerFrm)
			runs[build] = append(runs[build], m)
		}
	}

	// How many syscall/js calls a frame makes: the stock page once more,
	// with wasm_exec.js's syscall/js imports wrapped to count them (not
	// timed: the wrappers cost time).
	counted := measure(tmp, srv.URL+"/stock.html?count", time.Duration(*warmup)*time.Second, time.Duration(*seconds)*time.Second)

	load, _ := exec.Command("uptime").Output()
	fmt.Printf("%s (WebGL2: %s), %s; Go %s; %s@%s; %d s of frames after %d s of warm-up, median of %d rounds\n",
		benchutil.ChromiumVersion(), renderer, runtime.GOOS+"/"+runtime.GOARCH, strings.TrimPrefix(runtime.Version(), "go"),
		program, *version, *seconds, *warmup, *rounds)
	fmt.Printf("load: %s\n\n", strings.TrimSpace(string(load)))
	fmt.Println("| measure | stock | buildwasm | buildwasm better by |")
	fmt.Println("|---|---:|---:|---:|")
	row := func(name, format string, more bool, f func(run) float64) {
		var s, b []float64
		for i := range runs["stock"] {
			s, b = append(s, f(runs["stock"][i])), append(b, f(runs["buildwasm"][i]))
		}
		ms, mb := benchutil.Median(s), benchutil.Median(b)
		ratio := ms / mb
		if more { // more is better: buildwasm ÷ stock
			ratio = mb / ms
		}
		fmt.Printf("| %s | "+format+" | "+format+" | %.2f× |\n", name, ms, mb, ratio)
	}
	row(fmt.Sprintf("frames in %d s (buildwasm ÷ stock)", *seconds), "%.0f", true, func(m run) float64 { return float64(m.frames) })
	row("frame time, median (ms) (stock ÷ buildwasm)", "%.2f", false, func(m run) float64 { return m.interval })
	row("time in the frame's rAF callback, median (ms) (stock ÷ buildwasm)", "%.2f", false, func(m run) float64 { return m.work })
	row("renderer's script time per frame (ms) (stock ÷ buildwasm)", "%.2f", false, func(m run) float64 { return m.scriptPerFrm })
	fmt.Printf("\nsyscall/js calls per frame (the stock build, counted in one more run): %.0f\n", counted.calls)
}

// renderer is the WebGL2 renderer of the browser, as the first page said.
var renderer string

const rendererJS = `(() => {
  const gl = document.createElement("canvas").getContext("webgl2");
  const info = gl && gl.getExtension("WEBGL_debug_renderer_info");
  return !gl ? "none" : info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER);
})()`

// measure loads page in a fresh browser, waits for its first frame and the
// warm-up, and records frames for d.
func measure(tmp, page string, warmup, d time.Duration) run {
	profile, err := os.MkdirTemp(tmp, "profile-")
	benchutil.Check(err)
	defer os.RemoveAll(profile)
	// WebGL2 without a GPU: SwiftShader, asked for by name (Chromium's
	// silent fallback to it is going away). The window is the size the
	// program asks for (its 320×240 screen, doubled): SwiftShader draws
	// every pixel of it on the CPU each frame.
	tab, cancel, err := chromium.Start(profile, "", chromedp.Flag("enable-unsafe-swiftshader", true), chromedp.WindowSize(640, 480))
	benchutil.Check(err)
	defer cancel()
	benchutil.Check(chromedp.Do(tab, chromedp.Navigate(page)))
	for deadline := time.Now().Add(2 * time.Minute); ; time.Sleep(100 * time.Millisecond) {
		n, err := chromedp.Run(tab, chromedp.Evaluate[int](`benchFrames.count()`))
		benchutil.Check(err)
		if n > 0 {
			break
		}
		if time.Now().After(deadline) {
			msg, _ := chromedp.Run(tab, chromedp.Evaluate[string](`benchFrames.errors()`))
			log.Fatalf("%s: no frame within 2 minutes %s", page, msg)
		}
	}
	if isolated, err := chromedp.Run(tab, chromedp.Evaluate[bool](`crossOriginIsolated`)); err != nil || !isolated {
		log.Fatalf("%s: not cross-origin isolated (%v)", page, err)
	}
	if renderer == "" {
		renderer, err = chromedp.Run(tab, chromedp.Evaluate[string](rendererJS))
		benchutil.Check(err)
	}
	time.Sleep(warmup)
	_, err = chromedp.Call(tab, performance.Enable, performance.EnableParams{})
	benchutil.Check(err)
	script := func() float64 {
		res, err := chromedp.Call(tab, performance.GetMetrics, cdp.Empty{})
		benchutil.Check(err)
		for _, m := range res.Metrics {
			if m.Name == "ScriptDuration" {
				return m.Value
			}
		}
		log.Fatal("Performance.getMetrics: no ScriptDuration")
		return 0
	}
	_, err = chromedp.Run(tab, chromedp.Evaluate[int](`benchFrames.reset(), 0`))
	benchutil.Check(err)
	before := script()
	time.Sleep(d)
	after := script()
	got, err := chromedp.Run(tab, chromedp.Evaluate[struct {
		Calls     int       `json:"calls"`
		Intervals []float64 `json:"intervals"`
		Work      []float64 `json:"work"`
	}](`benchFrames.take()`))
	benchutil.Check(err)
	if msg, _ := chromedp.Run(tab, chromedp.Evaluate[string](`benchFrames.errors()`)); msg != "" {
		log.Fatalf("%s: %s", page, msg)
	}
	if len(got.Intervals) < 2 {
		log.Fatalf("%s: %d frames in %v", page, len(got.Work), d)
	}
	return run{
		frames:       len(got.Work),
		interval:     benchutil.Median(got.Intervals),
		work:         benchutil.Median(got.Work),
		scriptPerFrm: (after - before) * 1000 / float64(len(got.Work)),
		calls:        float64(got.Calls) / float64(len(got.Work)),
	}
}
