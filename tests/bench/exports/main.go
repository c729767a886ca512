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
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/buildwasm/buildwasm/internal/chromium"
	"github.com/buildwasm/buildwasm/internal/testenv"
	"github.com/buildwasm/buildwasm/tests/bench/benchutil"
)

//go:embed measure.mjs
var measureJS []byte

const nodeScript = `
import fs from "node:fs";
import { load } from "./loader.mjs";
import { measure } from "./measure.mjs";
const [stock, ours, wasmExec, rounds] = process.argv.slice(2);
await import(wasmExec);
console.log(JSON.stringify(await measure(load, fs.readFileSync(stock), ours, Number(rounds))));
process.exit(0);
`

const page = `<!doctype html>
<script src="wasm_exec.js"></script>
<script type="module">
import { load } from "./loader.mjs";
import { measure } from "./measure.mjs";
const stock = await (await fetch("stock.wasm")).arrayBuffer();
const rounds = Number(new URLSearchParams(location.search).get("rounds"));
window.result = JSON.stringify(await measure(load, stock, "ours.wasm", rounds));
</script>
`

type times map[string]map[string]float64

func main() {
	rounds := flag.Int("rounds", 21, "rounds of each; the tables show the median")
	browser := flag.Bool("browser", true, "measure in headless Chromium too")
	flag.Parse()
	tmp, bw, done := benchutil.Setup()
	defer done()
	benchutil.Run(benchutil.WasmEnv, "", "go", "build", "-trimpath", "-o", filepath.Join(tmp, "stock.wasm"), "./tests/testdata/exportbench")
	benchutil.Run(nil, "", bw, "build", "-sourcemap=none", "-o", filepath.Join(tmp, "dist"), "./tests/testdata/exportbench")
	ours, err := os.ReadFile(benchutil.DistFile(filepath.Join(tmp, "dist"), "wasm"))
	benchutil.Check(err)
	benchutil.Check(os.WriteFile(filepath.Join(tmp, "ours.wasm"), ours, 0o644))
	goroot, err := testenv.GOROOT("")
	benchutil.Check(err)
	wasmExec, err := os.ReadFile(testenv.StockLoader(goroot))
	benchutil.Check(err)
	benchutil.WriteLoader(tmp)
	for name, data := range map[string][]byte{"wasm_exec.js": wasmExec, "measure.mjs": measureJS, "bench.mjs": []byte(nodeScript), "index.html": []byte(page)} {
		benchutil.Check(os.WriteFile(filepath.Join(tmp, name), data, 0o644))
	}

	cmd := exec.Command("node", filepath.Join(tmp, "bench.mjs"), filepath.Join(tmp, "stock.wasm"), filepath.Join(tmp, "ours.wasm"), filepath.Join(tmp, "wasm_exec.js"), fmt.Sprint(*rounds))
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	benchutil.Check(err)
	var node times
	benchutil.Check(json.Unmarshal(out, &node))
	nodeVersion, _ := exec.Command("node", "--version").Output()
	fmt.Printf("Node %s", nodeVersion)
	table(node)

	if *browser {
		fmt.Printf("\n%s\n", benchutil.ChromiumVersion())
		table(inChromium(tmp, *rounds))
	}
}

func inChromium(dir string, rounds int) times {
	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	defer srv.Close()
	profile, err := os.MkdirTemp(dir, "profile-")
	benchutil.Check(err)
	tab, cancel, err := chromium.Start(profile, "")
	benchutil.Check(err)
	defer cancel()
	benchutil.Check(chromedp.Do(tab, chromedp.Navigate(fmt.Sprintf("%s/index.html?rounds=%d", srv.URL, rounds))))
	for deadline := time.Now().Add(10 * time.Minute); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		result, err := chromedp.Run(tab, chromedp.Evaluate[string](`window.result ?? ""`))
		benchutil.Check(err)
		if result != "" {
			var t times
			benchutil.Check(json.Unmarshal([]byte(result), &t))
			return t
		}
	}
	log.Fatal("Chromium: no result within 10 minutes")
	return nil
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
	if s := t["sum1M"]; s["copy"] > 0 {
		fmt.Printf("\nSum of 1M float64s: %.0f ns per call. Copying the same 8 MB into wasm memory alone: %.0f ns; passing them to a typed export that only takes their length: %.0f ns (%.2f× the copy).\n",
			s["typed"], s["copy"], s["pass"], s["pass"]/s["copy"])
	}
}
