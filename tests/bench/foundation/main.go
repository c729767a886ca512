// Command foundation measures buildwasm's loader against the toolchain's
// stock wasm_exec.js, side by side in one run, and prints Markdown tables
// for BENCHMARKS.md:
//
//   - loader size: raw, minified (esbuild, for both) and minified+gzip;
//   - wall time of `buildwasm build` against plain `GOOS=js GOARCH=wasm go
//     build` of examples/hello, warm build cache, alternating;
//   - wall time of Go's own test suites under `buildwasm exec` and under the
//     stock go_js_wasm_exec, the same prebuilt test binaries, alternating.
//
// Usage: go run ./tests/bench/foundation [-rounds N] [-build-rounds N] [-suites list]
package main

import (
	"bytes"
	"compress/gzip"
	"flag"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/buildwasm/buildwasm/internal/testenv"
	"github.com/buildwasm/buildwasm/loader"
	"github.com/buildwasm/buildwasm/tests/bench/benchutil"
	"github.com/evanw/esbuild/pkg/api"
)

func main() {
	rounds := flag.Int("rounds", 1, "runs of each suite with each runner; the table shows the median")
	buildRounds := flag.Int("build-rounds", 9, "builds of examples/hello with each command; the table shows the median")
	suites := flag.String("suites", "syscall/js,os,time,encoding/json,strconv", "comma-separated std packages to time")
	flag.Parse()
	tmp, bw, done := benchutil.Setup()
	defer done()
	goroot, err := testenv.GOROOT("")
	benchutil.Check(err)
	stockJS, err := os.ReadFile(testenv.StockLoader(goroot))
	benchutil.Check(err)
	fmt.Printf("Go %s, Node %s, %s/%s, %d cores\n\n", strings.TrimPrefix(runtime.Version(), "go"),
		strings.TrimSpace(output("node", "--version")), runtime.GOOS, runtime.GOARCH, runtime.NumCPU())
	sizes(stockJS)
	buildTimes(bw, tmp, *buildRounds)
	if *suites != "" {
		suiteTimes(goroot, bw, tmp, strings.Split(*suites, ","), *rounds)
	}
}

// timed runs each command once to warm the caches, then rounds times in
// turn, and returns the median seconds of each.
func timed(rounds int, cmds [][]string, env []string) []float64 {
	times := make([][]float64, len(cmds))
	for r := -1; r < rounds; r++ {
		for i, argv := range cmds {
			start := time.Now()
			benchutil.Run(env, "", argv[0], argv[1:]...)
			if r >= 0 {
				times[i] = append(times[i], time.Since(start).Seconds())
			}
		}
	}
	medians := make([]float64, len(cmds))
	for i, ts := range times {
		medians[i] = benchutil.Median(ts)
	}
	return medians
}

// buildTimes times unchanged rebuilds of examples/hello (2.7 MB) and of
// the start-up benchmark's program (9 MB): compiles and links are cached,
// and buildwasm takes its .br and .gz from its compression cache. A last
// row changes the program each round (-X of a new value), so only the
// link, the map and the program's compression run.
func buildTimes(bw, tmp string, rounds int) {
	env := []string{"GOOS=js", "GOARCH=wasm"}
	fmt.Println("| warm caches, no change | wall (s) | ratio to go build |")
	fmt.Println("|---|---:|---:|")
	for _, pkg := range []string{"./examples/hello", "./tests/testdata/startup"} {
		t := timed(rounds, [][]string{
			{"go", "build", "-trimpath", "-o", filepath.Join(tmp, "app.wasm"), pkg},
			{bw, "build", "-o", filepath.Join(tmp, "dist"), pkg},
			{bw, "build", "-dev", "-o", filepath.Join(tmp, "dist-dev"), pkg},
		}, env)
		fmt.Printf("| %s: GOOS=js GOARCH=wasm go build -trimpath | %.3f | 1.00 |\n", pkg, t[0])
		fmt.Printf("| %s: buildwasm build (release) | %.3f | %.2f |\n", pkg, t[1], t[1]/t[0])
		fmt.Printf("| %s: buildwasm build -dev | %.3f | %.2f |\n", pkg, t[2], t[2]/t[0])
	}
	pkg := "./tests/testdata/startup"
	var changed [2][]float64
	for r := 0; r < rounds; r++ {
		flag := fmt.Sprintf("-ldflags=-X main.build=%d-%d", time.Now().UnixNano(), r)
		for i, argv := range [][]string{
			{"go", "build", "-trimpath", flag, "-o", filepath.Join(tmp, "app.wasm"), pkg},
			{bw, "build", flag, "-o", filepath.Join(tmp, "dist"), pkg},
		} {
			start := time.Now()
			benchutil.Run(env, "", argv[0], argv[1:]...)
			changed[i] = append(changed[i], time.Since(start).Seconds())
		}
	}
	g, b := benchutil.Median(changed[0]), benchutil.Median(changed[1])
	fmt.Printf("| %s, program changed: go build (link) | %.3f | 1.00 |\n", pkg, g)
	fmt.Printf("| %s, program changed: buildwasm build (release) | %.3f | %.2f |\n\n", pkg, b, b/g)
}

func sizes(stockJS []byte) {
	res := api.Transform(string(stockJS), api.TransformOptions{MinifyWhitespace: true, MinifyIdentifiers: true, MinifySyntax: true})
	if len(res.Errors) > 0 {
		log.Fatalf("minifying wasm_exec.js: %v", res.Errors[0].Text)
	}
	stockMin := res.Code
	bundle := func(entry loader.Entry, opts loader.Options) (raw, min []byte) {
		raw, err := loader.Bundle(entry, opts)
		benchutil.Check(err)
		opts.Minify = true
		min, err = loader.Bundle(entry, opts)
		benchutil.Check(err)
		return raw, min
	}
	ours, oursMin := bundle(loader.Module, loader.Options{})
	fmt.Println("| loader | raw | minified | min+gzip |")
	fmt.Println("|---|---:|---:|---:|")
	fmt.Printf("| buildwasm loader (ES module) | %d | %d | %d |\n", len(ours), len(oursMin), gzipLen(oursMin))
	fmt.Printf("| stock wasm_exec.js | %d | %d | %d |\n", len(stockJS), len(stockMin), gzipLen(stockMin))
	fmt.Printf("| ratio | %.2f | %.2f | %.2f |\n", ratio(len(ours), len(stockJS)), ratio(len(oursMin), len(stockMin)),
		ratio(gzipLen(oursMin), gzipLen(stockMin)))
	for _, f := range []struct {
		name  string
		entry loader.Entry
		opts  loader.Options
	}{{"npm dist/index.js", loader.NPMModule, loader.Options{}}, {"npm dist/worker.js", loader.NPMWorker, loader.Options{}}} {
		raw, min := bundle(f.entry, f.opts)
		fmt.Printf("| %s | %d | %d | %d |\n", f.name, len(raw), len(min), gzipLen(min))
	}
	fmt.Println()
}

func suiteTimes(goroot, bw, tmp string, pkgs []string, rounds int) {
	runners := []struct {
		name string
		argv []string
	}{
		{"buildwasm exec", []string{bw, "exec"}},
		{"stock go_js_wasm_exec", []string{testenv.StockRunner(goroot)}},
	}
	fmt.Println("| suite | buildwasm exec (s) | stock (s) | ratio |")
	fmt.Println("|---|---:|---:|---:|")
	var total [2]float64
	for _, pkg := range pkgs {
		bin := filepath.Join(tmp, strings.ReplaceAll(pkg, "/", "_")+".test")
		benchutil.Run(benchutil.WasmEnv, "", "go", "test", "-c", "-o", bin, pkg)
		times := [2][]float64{}
		for r := 0; r < rounds; r++ {
			for i, rn := range runners {
				argv := append(slices.Clone(rn.argv), bin, "-test.paniconexit0", "-test.timeout=10m", "-test.count=1")
				start := time.Now()
				benchutil.Run(nil, filepath.Join(goroot, "src", pkg), argv[0], argv[1:]...)
				times[i] = append(times[i], time.Since(start).Seconds())
			}
		}
		ours, stock := benchutil.Median(times[0]), benchutil.Median(times[1])
		total[0] += ours
		total[1] += stock
		fmt.Printf("| %s | %.2f | %.2f | %.2f |\n", pkg, ours, stock, ours/stock)
		os.Remove(bin)
	}
	fmt.Printf("| all | %.2f | %.2f | %.2f |\n", total[0], total[1], total[0]/total[1])
}

func output(name string, args ...string) string {
	out, err := exec.Command(name, args...).Output()
	benchutil.Check(err)
	return string(out)
}

func gzipLen(b []byte) int {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	w.Write(b)
	w.Close()
	return buf.Len()
}

func ratio(a, b int) float64 { return float64(a) / float64(b) }
