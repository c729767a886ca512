// Command exports measures typed exports (//buildwasm:export) against a
// js.FuncOf callback under the stock wasm_exec.js and stock syscall/js,
// and against a bare //go:wasmexport call doing the same work, in Node and
// in headless Chromium, every variant in the same process and run. Prints
// Markdown tables for BENCHMARKS.md.
//
// Usage: go run ./tests/bench/exports [-rounds N] [-browser=false]
package main

import (
	_ "embed"
	"encoding/json"
	"flag"
	"fmt"

	"github.com/buildwasm/buildwasm/tests/bench/benchutil"
)

//go:embed measure.mjs
var measureJS []byte

type times map[string]map[string]float64

func main() {
	rounds := flag.Int("rounds", 21, "rounds of each; the tables show the median")
	browser := flag.Bool("browser", true, "measure in headless Chromium too")
	flag.Parse()
	tmp, bw, done := benchutil.Setup()
	defer done()
	realm := benchutil.NewRealm(tmp, bw, "./tests/testdata/exportbench", measureJS)
	realm.Print(*rounds, *browser, func(result []byte) {
		var t times
		benchutil.Check(json.Unmarshal(result, &t))
		table(t)
	})
}

func table(t times) {
	fmt.Println("| call | js.FuncOf, stock (ns) | typed export (ns) | stock ÷ typed | bare //go:wasmexport (ns) | typed ÷ bare |")
	fmt.Println("|---|---:|---:|---:|---:|---:|")
	for _, c := range []struct{ key, name string }{
		{"add", "Add(int, int) int"},
		{"echo16", "Echo(string) string, 16 B"},
		{"echo16k", "Echo(string) string, 16 KB, 6% é"},
		{"echo16kASCII", "Echo(string) string, 16 KB ASCII"},
		{"sum1M", "Sum([]float64), 1M values"},
	} {
		r := t[c.key]
		fmt.Printf("| %s | %.0f | %.0f | %.1f× | %.0f | %.2f |\n", c.name, r["stock"], r["typed"], r["stock"]/r["typed"], r["bare"], r["typed"]/r["bare"])
	}
	r := t["record"]
	fmt.Printf("\nA struct of five fields (string, int, float64, bool, []string) in and out: js.FuncOf with js.ValueOf maps, stock %.0f ns; typed export %.0f ns; %.1f×.\n", r["stock"], r["typed"], r["stock"]/r["typed"])
	p := t["ping"]
	fmt.Printf("An async export that returns at once, awaited: %.0f ns a call on the main thread", p["main"])
	if w, ok := p["worker"]; ok {
		fmt.Printf(", %.0f ns in worker mode", w)
	}
	fmt.Println(".")
	fmt.Println()
	fmt.Println("The floor of a call: what its work costs with no bridge at all. For Echo, the")
	fmt.Println("JS side's UTF-8 conversions alone (encodeInto and TextDecoder, Go copying nothing);")
	fmt.Println("for Sum, copying the floats into wasm memory plus Go's loop over them.")
	fmt.Println()
	fmt.Println("| call | floor (ns) | stock ÷ floor: the best ratio possible | typed ÷ floor |")
	fmt.Println("|---|---:|---:|---:|")
	for _, c := range []struct{ key, name string }{
		{"echo16k", "Echo, 16 KB, 6% é"},
		{"echo16kASCII", "Echo, 16 KB ASCII"},
		{"sum1M", "Sum, 1M values"},
	} {
		r := t[c.key]
		fmt.Printf("| %s | %.0f | %.1f× | %.2f |\n", c.name, r["floor"], r["stock"]/r["floor"], r["typed"]/r["floor"])
	}
	if s := t["sum1M"]; s["copy"] > 0 {
		fmt.Printf("\nSum of 1M float64s: %.0f ns per call. Copying the same 8 MB into wasm memory alone: %.0f ns; passing them to a typed export that only takes their length: %.0f ns (%.2f× the copy).\n",
			s["typed"], s["copy"], s["pass"], s["pass"]/s["copy"])
	}
}
