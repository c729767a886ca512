// Command gcsync measures the peak of Node's ArrayBuffer memory while a Go
// program creates and drops 1,000 ArrayBuffers of 1 MiB in a loop
// (tests/testdata/gcsync): built by buildwasm and run by its loader, against
// plain go build run by the toolchain's wasm_exec.js. It prints a Markdown
// table for BENCHMARKS.md.
//
// Usage: go run ./tests/bench/gcsync [-runs N]
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"

	"github.com/buildwasm/buildwasm/tests/bench/benchutil"
)

func main() {
	runs := flag.Int("runs", 5, "runs of each setup; the table shows the median peak")
	flag.Parse()
	tmp, bw, done := benchutil.Setup()
	defer done()
	stockDir := filepath.Join(tmp, "stock")
	benchutil.StockBuild(stockDir, "./tests/testdata/gcsync")
	benchutil.Run(nil, "", bw, "build", "-sourcemap=none", "-o", filepath.Join(tmp, "dist"), "./tests/testdata/gcsync")
	benchutil.WriteLoader(tmp)
	script, err := os.ReadFile(filepath.Join("tests", "testdata", "node", "gcsync.mjs"))
	benchutil.Check(err)
	benchutil.Check(os.WriteFile(filepath.Join(tmp, "gcsync.mjs"), script, 0o644))

	peak := func(args ...string) float64 {
		var ps []float64
		for range *runs {
			out, err := exec.Command("node", append([]string{filepath.Join(tmp, "gcsync.mjs")}, args...)...).Output()
			benchutil.Check(err)
			var r struct{ PeakMiB float64 }
			benchutil.Check(json.Unmarshal(out, &r))
			ps = append(ps, r.PeakMiB)
		}
		return benchutil.Median(ps)
	}
	ours := peak("ours", benchutil.DistFile(filepath.Join(tmp, "dist"), "wasm"))
	stock := peak("stock", filepath.Join(stockDir, "main.wasm"), filepath.Join(stockDir, "wasm_exec.js"))
	fmt.Println("| 1,000 × 1 MiB ArrayBuffers created and dropped by Go | peak ArrayBuffer memory (MiB) | ratio |")
	fmt.Println("|---|---:|---:|")
	fmt.Printf("| stock: go build + wasm_exec.js | %.0f | 1.00 |\n", stock)
	fmt.Printf("| buildwasm build + loader | %.0f | %.3f |\n", ours, ours/stock)
}
