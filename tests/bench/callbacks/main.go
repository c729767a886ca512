// Command callbacks measures the cost of one JavaScript → Go callback call
// (a js.Func adding two numbers) with buildwasm's patched syscall/js against
// the toolchain's own, both run by buildwasm's loader in Node, alternating
// rounds in one process, and prints a Markdown table for BENCHMARKS.md.
//
// Usage: go run ./tests/bench/callbacks [-calls N] [-rounds N]
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"

	"github.com/buildwasm/buildwasm/loader"
	"github.com/buildwasm/buildwasm/tests/bench/benchutil"
)

const script = `
import { load } from "./loader.mjs";
const [stockPath, patchedPath, calls, rounds] = process.argv.slice(2);
const apps = { stock: await load(stockPath), patched: await load(patchedPath) };
const times = { stock: [], patched: [] };
for (let r = -1; r < Number(rounds); r++) {
  for (const name of ["stock", "patched"]) {
    const add = apps[name].exports.add;
    const start = performance.now();
    for (let i = 0; i < Number(calls); i++) add(i, 1);
    const ns = ((performance.now() - start) * 1e6) / Number(calls);
    if (r >= 0) times[name].push(ns); // the first round warms up
  }
}
const median = (xs) => xs.sort((a, b) => a - b)[xs.length >> 1];
console.log(JSON.stringify({ stock: median(times.stock), patched: median(times.patched) }));
process.exit(0);
`

func main() {
	calls := flag.Int("calls", 20000, "calls per round")
	rounds := flag.Int("rounds", 41, "rounds per variant; the table shows the median")
	flag.Parse()
	log.SetFlags(0)
	tmp, err := os.MkdirTemp("", "buildwasm-bench-")
	benchutil.Check(err)
	defer os.RemoveAll(tmp)
	bw := benchutil.Buildwasm(tmp)
	stock := filepath.Join(tmp, "stock.wasm")
	benchutil.Run(benchutil.WasmEnv, "", "go", "build", "-trimpath", "-o", stock, "./tests/testdata/callbench")
	benchutil.Run(nil, "", bw, "build", "-sourcemap=none", "-o", filepath.Join(tmp, "dist"), "./tests/testdata/callbench")
	patched := filepath.Join(tmp, "dist", "callbench.wasm")
	js, err := loader.Bundle(loader.Module, loader.Options{Minify: true})
	benchutil.Check(err)
	benchutil.Check(os.WriteFile(filepath.Join(tmp, "loader.mjs"), js, 0o644))
	benchutil.Check(os.WriteFile(filepath.Join(tmp, "bench.mjs"), []byte(script), 0o644))
	cmd := exec.Command("node", filepath.Join(tmp, "bench.mjs"), stock, patched, fmt.Sprint(*calls), fmt.Sprint(*rounds))
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	benchutil.Check(err)
	var r struct{ Stock, Patched float64 }
	benchutil.Check(json.Unmarshal(out, &r))
	fmt.Println("| js.Func call from JS (add two numbers) | ns per call | ratio |")
	fmt.Println("|---|---:|---:|")
	fmt.Printf("| stock syscall/js | %.0f | 1.00 |\n", r.Stock)
	fmt.Printf("| buildwasm-patched syscall/js | %.0f | %.3f |\n", r.Patched, r.Patched/r.Stock)
}
