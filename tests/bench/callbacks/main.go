// Command callbacks measures, with buildwasm's patched syscall/js (release,
// and with leak tracking) against the toolchain's own, all run by
// buildwasm's loader in one Node process with rounds alternating: the cost of
// one JavaScript → Go callback call (a js.Func adding two numbers), and of
// one js.FuncOf + Release made in Go. Prints a Markdown table for
// BENCHMARKS.md.
//
// Usage: go run ./tests/bench/callbacks [-calls N] [-rounds N]
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

const script = `
import { load } from "./loader.mjs";
const [calls, rounds, ...paths] = process.argv.slice(2);
const names = ["stock", "patched", "leaks"];
const apps = {};
for (const [i, name] of names.entries()) apps[name] = await load(paths[i]);
const times = { add: {}, churn: {} };
for (const name of names) times.add[name] = [], times.churn[name] = [];
const n = Number(calls);
for (let r = -1; r < Number(rounds); r++) {
  for (const name of names) {
    const { add, churn } = apps[name].exports;
    let start = performance.now();
    for (let i = 0; i < n; i++) add(i, 1);
    const addNs = ((performance.now() - start) * 1e6) / n;
    start = performance.now();
    churn(n);
    const churnNs = ((performance.now() - start) * 1e6) / n;
    if (r >= 0) times.add[name].push(addNs), times.churn[name].push(churnNs); // the first round warms up
  }
}
const median = (xs) => xs.sort((a, b) => a - b)[xs.length >> 1];
const out = {};
for (const k of ["add", "churn"]) out[k] = Object.fromEntries(names.map((name) => [name, median(times[k][name])]));
console.log(JSON.stringify(out));
process.exit(0);
`

func main() {
	calls := flag.Int("calls", 20000, "calls per round")
	rounds := flag.Int("rounds", 41, "rounds per variant; the table shows the median")
	flag.Parse()
	tmp, bw, done := benchutil.Setup()
	defer done()
	stock := filepath.Join(tmp, "stock.wasm")
	benchutil.Run(benchutil.WasmEnv, "", "go", "build", "-trimpath", "-o", stock, "./tests/testdata/callbench")
	benchutil.Run(nil, "", bw, "build", "-sourcemap=none", "-o", filepath.Join(tmp, "dist"), "./tests/testdata/callbench")
	patched := benchutil.DistFile(filepath.Join(tmp, "dist"), "wasm")
	benchutil.Run(nil, "", bw, "build", "-leaks", "-sourcemap=none", "-o", filepath.Join(tmp, "leaks"), "./tests/testdata/callbench")
	leaks := benchutil.DistFile(filepath.Join(tmp, "leaks"), "wasm")
	benchutil.WriteLoader(tmp)
	benchutil.Check(os.WriteFile(filepath.Join(tmp, "bench.mjs"), []byte(script), 0o644))
	cmd := exec.Command("node", filepath.Join(tmp, "bench.mjs"), fmt.Sprint(*calls), fmt.Sprint(*rounds), stock, patched, leaks)
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	benchutil.Check(err)
	type times struct{ Stock, Patched, Leaks float64 }
	var r struct{ Add, Churn times }
	benchutil.Check(json.Unmarshal(out, &r))
	fmt.Println("| syscall/js | js.Func call from JS (ns) | ratio | FuncOf + Release in Go (ns) | ratio |")
	fmt.Println("|---|---:|---:|---:|---:|")
	row := func(name string, add, churn float64) {
		fmt.Printf("| %s | %.0f | %.3f | %.0f | %.3f |\n", name, add, add/r.Add.Stock, churn, churn/r.Churn.Stock)
	}
	row("stock", r.Add.Stock, r.Churn.Stock)
	row("buildwasm release (panic boundary, GC sync)", r.Add.Patched, r.Churn.Patched)
	row("buildwasm -leaks (and dev)", r.Add.Leaks, r.Churn.Leaks)
}
