package benchutil

import (
	"encoding/json"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/profiler"
	"github.com/chromedp/chromedp"

	"github.com/buildwasm/buildwasm/internal/chromium"
)

// A Realm runs a bench's measure.mjs against one program built two ways:
// plainly, run by the toolchain's own wasm_exec.js (stock), and by
// buildwasm, run by its loader: both in one JS realm, Node's or a
// Chromium page's. measure.mjs exports
//
//	measure(load, stockBytes, oursSource, rounds, only)
//
// with globalThis.Go defined, and returns what the bench prints; only is
// Realm.Only, for benches that can measure a part of their cases.
type Realm struct {
	dir string
	// ProfileDir, if set, receives a V8 CPU profile of each run: node
	// --cpu-prof's, and Chromium's from its Profiler domain, both in the
	// .cpuprofile format that Chrome DevTools opens.
	ProfileDir string
	// Only, if set, is a regular expression (JS syntax) of the cases to
	// measure, for profiling one of them alone.
	Only string
}

const realmNode = `
import fs from "node:fs";
import { load } from "./loader.mjs";
import { measure } from "./measure.mjs";
const [stock, ours, wasmExec, rounds, only] = process.argv.slice(2);
await import(wasmExec);
console.log(JSON.stringify(await measure(load, fs.readFileSync(stock), ours, Number(rounds), only)));
process.exit(0);
`

const realmPage = `<!doctype html>
<script src="wasm_exec.js"></script>
<script type="module">
import { load } from "./loader.mjs";
import { measure } from "./measure.mjs";
const stock = await (await fetch("main.wasm")).arrayBuffer();
const query = new URLSearchParams(location.search);
window.result = JSON.stringify(await measure(load, stock, "ours.wasm", Number(query.get("rounds")), query.get("only") ?? ""));
</script>
`

// NewRealm builds pkg both ways into tmp, with buildwasm at bw.
func NewRealm(tmp, bw, pkg string, measure []byte) Realm {
	StockBuild(tmp, pkg) // main.wasm and wasm_exec.js
	Run(nil, "", bw, "build", "-sourcemap=none", "-o", filepath.Join(tmp, "dist"), pkg)
	ours, err := os.ReadFile(DistFile(filepath.Join(tmp, "dist"), "wasm"))
	Check(err)
	WriteLoader(tmp)
	for name, data := range map[string][]byte{"ours.wasm": ours, "measure.mjs": measure, "bench.mjs": []byte(realmNode), "index.html": []byte(realmPage)} {
		Check(os.WriteFile(filepath.Join(tmp, name), data, 0o644))
	}
	return Realm{dir: tmp}
}

// Node runs measure in a Node process and returns its JSON.
func (r Realm) Node(rounds int) []byte {
	var args []string
	if r.ProfileDir != "" {
		args = []string{"--cpu-prof", "--cpu-prof-dir=" + r.ProfileDir}
	}
	args = append(args, filepath.Join(r.dir, "bench.mjs"), filepath.Join(r.dir, "main.wasm"), filepath.Join(r.dir, "ours.wasm"), filepath.Join(r.dir, "wasm_exec.js"), fmt.Sprint(rounds), r.Only)
	cmd := exec.Command("node", args...)
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	Check(err)
	return out
}

// Chromium runs measure in a page of a fresh headless Chromium and returns
// its JSON.
func (r Realm) Chromium(rounds int) []byte {
	srv := httptest.NewServer(http.FileServer(http.Dir(r.dir)))
	defer srv.Close()
	profile, err := os.MkdirTemp(r.dir, "profile-")
	Check(err)
	tab, cancel, err := chromium.Start(profile, "")
	Check(err)
	defer cancel()
	if r.ProfileDir != "" {
		_, err = chromedp.Call(tab, profiler.Enable, cdp.Empty{})
		Check(err)
		_, err = chromedp.Call(tab, profiler.SetSamplingInterval, profiler.SetSamplingIntervalParams{Interval: 100})
		Check(err)
		_, err = chromedp.Call(tab, profiler.Start, cdp.Empty{})
		Check(err)
	}
	Check(chromedp.Do(tab, chromedp.Navigate(fmt.Sprintf("%s/index.html?rounds=%d&only=%s", srv.URL, rounds, url.QueryEscape(r.Only)))))
	for deadline := time.Now().Add(10 * time.Minute); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		result, err := chromedp.Run(tab, chromedp.Evaluate[string](`window.result ?? ""`))
		Check(err)
		if result != "" {
			if r.ProfileDir != "" {
				stopped, err := chromedp.Call(tab, profiler.Stop, cdp.Empty{})
				Check(err)
				b, err := json.Marshal(stopped.Profile)
				Check(err)
				Check(os.WriteFile(filepath.Join(r.ProfileDir, "chromium.cpuprofile"), b, 0o644))
			}
			return []byte(result)
		}
	}
	log.Fatal("Chromium: no result within 10 minutes")
	return nil
}

// Print measures in Node and, if browser, in Chromium, and prints each
// environment's name and then table of its result.
func (r Realm) Print(rounds int, browser bool, table func(result []byte)) {
	node := r.Node(rounds)
	version, _ := exec.Command("node", "--version").Output()
	fmt.Printf("Node %s", version)
	table(node)
	if browser {
		page := r.Chromium(rounds)
		fmt.Printf("\n%s\n", ChromiumVersion())
		table(page)
	}
}
