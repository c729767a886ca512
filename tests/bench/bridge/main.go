// Command bridge measures the common syscall/js operations and js.Func
// calls under the stock wasm_exec.js with stock syscall/js against
// buildwasm's loader with its patched syscall/js: the same program, built
// both ways, in one Node process and one Chromium page, rounds
// alternating. Prints Markdown tables for BENCHMARKS.md.
//
// Usage: go run ./tests/bench/bridge [-rounds N] [-browser=false] [-cpuprof DIR] [-only REGEXP]
package main

import (
	_ "embed"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"path/filepath"

	"github.com/buildwasm/buildwasm/tests/bench/benchutil"
)

//go:embed measure.mjs
var measureJS []byte

type times map[string]map[string]float64

func main() {
	rounds := flag.Int("rounds", 11, "rounds of each; the tables show the median")
	browser := flag.Bool("browser", true, "measure in headless Chromium too")
	cpuprof := flag.String("cpuprof", "", "write V8 CPU profiles of the Node run (node --cpu-prof) and of the Chromium run (its Profiler domain) into `DIR`")
	only := flag.String("only", "", "measure only the operations whose names match `REGEXP` (JS syntax), e.g. to profile one")
	flag.Parse()
	tmp, bw, done := benchutil.Setup()
	defer done()
	realm := benchutil.NewRealm(tmp, bw, "./tests/testdata/bridgebench", measureJS)
	realm.Only = *only
	if *cpuprof != "" {
		dir, err := filepath.Abs(*cpuprof)
		benchutil.Check(err)
		realm.ProfileDir = dir
	}
	realm.Print(*rounds, *browser, func(result []byte) {
		var t times
		benchutil.Check(json.Unmarshal(result, &t))
		table(t)
	})
}

func table(t times) {
	fmt.Println("| operation | stock (ns) | buildwasm (ns) | stock ÷ buildwasm |")
	fmt.Println("|---|---:|---:|---:|")
	logSum, n := 0.0, 0
	for _, name := range opNames {
		r, ok := t[name]
		if !ok {
			continue // not measured: -only
		}
		fmt.Printf("| %s | %.0f | %.0f | %.2f× |\n", name, r["stock"], r["buildwasm"], r["stock"]/r["buildwasm"])
		logSum += math.Log(r["stock"] / r["buildwasm"])
		n++
	}
	fmt.Printf("| geometric mean | | | %.2f× |\n", math.Exp(logSum/float64(n)))
}

// opNames are measure.mjs's operations, in its order.
var opNames = []string{
	"Value.Get", "Value.Call, no arguments", "Value.Call, 3 arguments", "js.ValueOf(short string)",
	"Value.String, short", "Value.String, 12 KB", "CopyBytesToGo, 1 MiB", "CopyBytesToJS, 1 MiB",
	"FuncOf + Release", "Value.Index", "Value.Length", "Value.Bool", "Value.Set(short string)",
	"js.Func called from JS, no arguments", "js.Func called from JS, 3 arguments",
}
