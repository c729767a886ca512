// Command sourcemap measures `buildwasm sourcemap` on a large real program
// (esbuild's command, built for js/wasm from the module cache, about 14 MB)
// and on examples/hello, next to a warm go build of the same program whose
// compile steps are all cached (only the link runs), and prints a Markdown
// table for BENCHMARKS.md.
//
// Usage: go run ./tests/bench/sourcemap [-rounds N]
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/buildwasm/buildwasm/tests/bench/benchutil"
)

func main() {
	rounds := flag.Int("rounds", 7, "runs of each command; the table shows medians")
	flag.Parse()
	tmp, bw, done := benchutil.Setup()
	defer done()

	fmt.Println("| program | wasm | code | map | map time (s) | max RSS | link-only go build (s) | ratio |")
	fmt.Println("|---|---:|---:|---:|---:|---:|---:|---:|")
	for _, p := range []struct{ name, pkg string }{
		{"esbuild", "github.com/evanw/esbuild/cmd/esbuild"},
		{"examples/hello", "./examples/hello"},
	} {
		wasm := filepath.Join(tmp, strings.ReplaceAll(p.name, "/", "_")+".wasm")
		// A new -X value each time changes the link's inputs only: every
		// compile step comes from the cache and the link runs in full.
		var link, mapTime []float64
		var rss int64
		for r := -1; r < *rounds; r++ {
			start := time.Now()
			benchutil.Run(benchutil.WasmEnv, "", "go", "build", fmt.Sprintf("-ldflags=-X main.benchNonce=%d_%d", r, time.Now().UnixNano()), "-o", wasm, p.pkg)
			l := time.Since(start).Seconds()
			start = time.Now()
			cmd := exec.Command(bw, "sourcemap", "-o", wasm+".map", wasm)
			out, err := cmd.CombinedOutput()
			if err != nil {
				log.Fatalf("buildwasm sourcemap: %v\n%s", err, out)
			}
			m := time.Since(start).Seconds()
			if r >= 0 { // the first round warms the caches
				link = append(link, l)
				mapTime = append(mapTime, m)
				rss = max(rss, cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss)
			}
		}
		wasmInfo, _ := os.Stat(wasm)
		mapInfo, _ := os.Stat(wasm + ".map")
		code := codeSize(bw, wasm)
		fmt.Printf("| %s | %.1f MB | %.1f MB | %.2f MB | %.3f | %d MB | %.3f | %.0f%% |\n", p.name,
			mb(wasmInfo.Size()), mb(code), mb(mapInfo.Size()), benchutil.Median(mapTime), rss/1024, benchutil.Median(link), 100*benchutil.Median(mapTime)/benchutil.Median(link))
	}
}

// codeSize reads the code bytes from `buildwasm sourcemap -stats`.
func codeSize(bw, wasm string) int64 {
	out, err := exec.Command(bw, "sourcemap", "-stats", "-o", wasm+".map", wasm).Output()
	benchutil.Check(err)
	var mapped, code int64
	for _, l := range strings.Split(string(out), "\n") {
		if _, err := fmt.Sscanf(l, "code bytes mapped to a Go line: %d of %d", &mapped, &code); err == nil {
			return code
		}
	}
	log.Fatalf("no coverage line in:\n%s", out)
	return 0
}

func mb(n int64) float64 { return float64(n) / 1e6 }
