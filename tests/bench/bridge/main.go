// Command bridge measures the common syscall/js operations and js.Func
// calls under the stock wasm_exec.js with stock syscall/js against
// buildwasm's loader with its patched syscall/js: the same program, built
// both ways, in one Node process and one Chromium page, rounds
// alternating. Prints Markdown tables for BENCHMARKS.md.
//
// Usage: go run ./tests/bench/bridge [-rounds N] [-browser=false]
package main

import (
	_ "embed"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"math"
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
	rounds := flag.Int("rounds", 11, "rounds of each; the tables show the median")
	browser := flag.Bool("browser", true, "measure in headless Chromium too")
	cpuprof := flag.String("cpuprof", "", "write V8 CPU profiles of the Node run into `DIR` (node --cpu-prof)")
	flag.Parse()
	tmp, bw, done := benchutil.Setup()
	defer done()
	benchutil.Run(benchutil.WasmEnv, "", "go", "build", "-trimpath", "-o", filepath.Join(tmp, "stock.wasm"), "./tests/testdata/bridgebench")
	benchutil.Run(nil, "", bw, "build", "-sourcemap=none", "-o", filepath.Join(tmp, "dist"), "./tests/testdata/bridgebench")
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

	var nodeFlags []string
	if *cpuprof != "" {
		dir, err := filepath.Abs(*cpuprof)
		benchutil.Check(err)
		nodeFlags = []string{"--cpu-prof", "--cpu-prof-dir=" + dir}
	}
	cmd := exec.Command("node", append(nodeFlags, filepath.Join(tmp, "bench.mjs"), filepath.Join(tmp, "stock.wasm"), filepath.Join(tmp, "ours.wasm"), filepath.Join(tmp, "wasm_exec.js"), fmt.Sprint(*rounds))...)
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
	fmt.Println("| operation | stock (ns) | buildwasm (ns) | stock ÷ buildwasm |")
	fmt.Println("|---|---:|---:|---:|")
	logSum, n := 0.0, 0
	for _, name := range opNames {
		r := t[name]
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
