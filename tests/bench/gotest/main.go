// Command gotest times Go's syscall/js tests three ways, alternating, and
// prints a Markdown table for BENCHMARKS.md: buildwasm test in headless
// Chromium, buildwasm test -node, and plain go test with the toolchain's
// stock go_js_wasm_exec (Node). Each run is a whole go test command with
// -count=1, so it includes building the test binary from a warm cache.
//
// Usage: go run ./tests/bench/gotest [-rounds 5] [-pkg syscall/js]
package main

import (
	"flag"
	"fmt"
	"runtime"
	"strings"
	"time"

	"github.com/buildwasm/buildwasm/internal/testenv"
	"github.com/buildwasm/buildwasm/tests/bench/benchutil"
)

func main() {
	rounds := flag.Int("rounds", 5, "runs of each; the table shows the median")
	pkg := flag.String("pkg", "syscall/js", "package to test")
	flag.Parse()
	_, bw, done := benchutil.Setup()
	defer done()
	goroot, err := testenv.GOROOT("")
	benchutil.Check(err)
	stockExec := testenv.StockRunner(goroot)
	variants := []struct {
		name string
		env  []string
		argv []string
	}{
		{"buildwasm test (headless Chromium)", nil, []string{bw, "test", "-count=1", *pkg}},
		{"buildwasm test -node", nil, []string{bw, "test", "-node", "-count=1", *pkg}},
		{"go test -exec go_js_wasm_exec (stock, Node)", benchutil.WasmEnv, []string{"go", "test", "-count=1", "-exec", stockExec, *pkg}},
	}
	times := make([][]float64, len(variants))
	for r := -1; r < *rounds; r++ { // round -1 warms the caches
		for i, v := range variants {
			start := time.Now()
			benchutil.Run(v.env, "", v.argv[0], v.argv[1:]...)
			if r >= 0 {
				times[i] = append(times[i], time.Since(start).Seconds())
			}
		}
	}
	fmt.Printf("Go %s, %s, %s/%s, %d cores, %d rounds\n\n", strings.TrimPrefix(runtime.Version(), "go"), benchutil.ChromiumVersion(), runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), *rounds)
	fmt.Printf("| %s tests, whole command, warm build cache | wall (s) | ratio to stock |\n|---|---:|---:|\n", *pkg)
	stock := benchutil.Median(times[2])
	for i, v := range variants {
		m := benchutil.Median(times[i])
		fmt.Printf("| %s | %.2f | %.2f |\n", v.name, m, m/stock)
	}
}
