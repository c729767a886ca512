package main

import (
	"encoding/json"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/buildwasm/buildwasm/internal/dist"
	"github.com/buildwasm/buildwasm/tests/bench/benchutil"
	"github.com/buildwasm/buildwasm/tests/nginx"
)

// change is version 2 of the start-up program: edits of its main.go.
type change struct {
	key, name string
	edits     [][2]string
}

var changes = []change{
	{"a", "one-line change (a condition in main)", [][2]string{{`if !word.MatchString(it.Name) {`, `if !word.MatchString(it.Name) || it.Count < 0 {`}}},
	{"b", "adds a dependency (encoding/xml)", [][2]string{
		{`"encoding/json"`, "\"encoding/json\"\n\t\"encoding/xml\""},
		{`div.Call("setAttribute", "data-build", build)`, "div.Call(\"setAttribute\", \"data-build\", build)\n\t\txb, _ := xml.Marshal(items)\n\t\tdiv.Call(\"setAttribute\", \"data-xml\", string(xb))"},
	}},
}

// overlay writes version 2's main.go and the -overlay file that swaps it
// in, and returns the flag.
func overlay(tmp string, c change) string {
	src, err := filepath.Abs(filepath.Join(program, "main.go"))
	benchutil.Check(err)
	b, err := os.ReadFile(src)
	benchutil.Check(err)
	text := string(b)
	for _, e := range c.edits {
		if !strings.Contains(text, e[0]) {
			log.Fatalf("%s no longer holds %q, which change %s edits", src, e[0], c.key)
		}
		text = strings.Replace(text, e[0], e[1], 1)
	}
	dir := filepath.Join(tmp, "v2-"+c.key)
	benchutil.Check(os.MkdirAll(dir, 0o755))
	benchutil.Check(os.WriteFile(filepath.Join(dir, "main.go"), []byte(text), 0o644))
	o, err := json.Marshal(map[string]map[string]string{"Replace": {src: filepath.Join(dir, "main.go")}})
	benchutil.Check(err)
	benchutil.Check(os.WriteFile(filepath.Join(dir, "overlay.json"), o, 0o644))
	return "-overlay=" + filepath.Join(dir, "overlay.json")
}

// returning measures a returning visitor after a deploy: a fresh browser
// visits version 1, stays idle (Chromium stores the dictionary and the
// code cache), then version 2 replaces it on the same origin and the
// browser comes back. Time to ready and the program's bytes on the wire,
// with deltas (-delta-from version 1), without (br), and the floor: br
// with the program's request unthrottled, so its bytes cost nothing and
// only compiling it again and the page's round trips remain.
func returning(tmp, bw string, throttle *network.Conditions, runs int, idle time.Duration) {
	v1 := filepath.Join(tmp, "returning-v1")
	benchutil.Run(nil, "", bw, "build", "-o", v1, program)
	fmt.Println("Returning visitor after a deploy: version 1 visited, then version 2 deployed and visited again.")
	fmt.Println()
	type row struct {
		c                     change
		size, br, dcz         int64
		encode                time.Duration
		with, without, floor  []float64
		withBytes, plainBytes []float64
	}
	var rows []*row
	for _, c := range changes {
		flag := overlay(tmp, c)
		plain := filepath.Join(tmp, "returning-"+c.key+"-plain")
		delta := filepath.Join(tmp, "returning-"+c.key+"-delta")
		benchutil.Run(nil, "", bw, "build", flag, "-o", plain, program)
		benchutil.Run(nil, "", bw, "build", flag, "-delta-from", v1, "-o", delta, program)
		r := &row{c: c, size: fileSize(benchutil.DistFile(plain, "wasm")), br: fileSize(benchutil.DistFile(plain, "wasm") + ".br"), encode: timeDelta(benchutil.DistFile(v1, "wasm"), benchutil.DistFile(delta, "wasm"))}
		for _, f := range readFiles(delta) {
			if f.Encoding == "dcz" {
				r.dcz = int64(f.Size)
			}
		}
		if r.dcz == 0 {
			log.Fatalf("change %s: the build wrote no delta", c.key)
		}
		for i := 0; i < runs; i++ {
			ms, bytes := revisit(tmp, v1, delta, throttle, idle, false)
			r.with, r.withBytes = append(r.with, ms), append(r.withBytes, bytes)
			ms, bytes = revisit(tmp, v1, plain, throttle, idle, false)
			r.without, r.plainBytes = append(r.without, ms), append(r.plainBytes, bytes)
			ms, _ = revisit(tmp, v1, plain, throttle, idle, true)
			r.floor = append(r.floor, ms)
			log.Printf("returning %s run %d: with deltas %.0f ms, without %.0f ms, floor %.0f ms", c.key, i+1, r.with[i], r.without[i], r.floor[i])
		}
		rows = append(rows, r)
	}
	fmt.Printf("Version 1's program: %d bytes.\n\n", fileSize(benchutil.DistFile(v1, "wasm")))
	fmt.Println("| version 2 | program (bytes) | br (bytes) | delta dcz (bytes) | dcz / br | program bytes on the wire, with / without deltas | ready with deltas (ms) | ready without (ms) | without / with | floor: program free (ms) | with − floor (ms) | delta encode (s) |")
	fmt.Println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
	for _, r := range rows {
		with, without, floor := benchutil.Median(r.with), benchutil.Median(r.without), benchutil.Median(r.floor)
		fmt.Printf("| %s: %s | %d | %d | %d | %.1f%% | %.0f / %.0f | %.0f | %.0f | %.2f× | %.0f | %+.0f | %.2f |\n",
			r.c.key, r.c.name, r.size, r.br, r.dcz, 100*float64(r.dcz)/float64(r.br), benchutil.Median(r.withBytes), benchutil.Median(r.plainBytes),
			with, without, without/with, floor, with-floor, r.encode.Seconds())
	}
	fmt.Println()
}

func fileSize(path string) int64 {
	info, err := os.Stat(path)
	benchutil.Check(err)
	return info.Size()
}

func readFiles(distDir string) []dist.File {
	var m struct{ Files []dist.File }
	b, err := os.ReadFile(filepath.Join(distDir, "manifest.json"))
	benchutil.Check(err)
	benchutil.Check(json.Unmarshal(b, &m))
	return m.Files
}

// timeDelta is how long one delta of the new program against the old one
// takes to encode, the build's cache aside: the best of three.
func timeDelta(oldPath, newPath string) time.Duration {
	old, err := os.ReadFile(oldPath)
	benchutil.Check(err)
	wasm, err := os.ReadFile(newPath)
	benchutil.Check(err)
	best := time.Duration(1 << 62)
	for range 3 {
		start := time.Now()
		_, err := dist.Delta(wasm, old)
		benchutil.Check(err)
		best = min(best, time.Since(start))
	}
	return best
}

// revisit visits v1 in a fresh browser, deploys v2 on the same origin and
// visits again; it returns the second visit's time to ready and the
// program's encoded body bytes. free leaves the program's request of the
// second visit unthrottled.
func revisit(tmp, v1, v2 string, throttle *network.Conditions, idle time.Duration, free bool) (float64, float64) {
	port, err := nginx.FreePort()
	benchutil.Check(err)
	serve := func(dir string) *nginx.Server {
		work, err := os.MkdirTemp(tmp, "nginx-")
		benchutil.Check(err)
		s, err := nginx.StartAt(port, dir, work, "")
		benchutil.Check(err)
		return s
	}
	url := fmt.Sprintf("http://127.0.0.1:%d/", port)
	tab, done := newTab(tmp, throttle)
	defer done()
	s := serve(v1)
	visit(tab, url, false)
	time.Sleep(idle)
	s.Stop()
	s = serve(v2)
	defer s.Stop()
	benchutil.Check(chromedp.Do(tab, chromedp.Navigate("about:blank")))
	if free && throttle != nil {
		unthrottled := *throttle
		unthrottled.URLPattern, unthrottled.DownloadThroughput, unthrottled.UploadThroughput = url+"*.wasm", -1, -1
		_, err := chromedp.Call(tab, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{
			MatchedNetworkConditions: []*network.Conditions{&unthrottled, throttle},
		})
		benchutil.Check(err)
	}
	ms := visit(tab, url, false)
	bytes, err := chromedp.Run(tab, chromedp.Evaluate[float64](
		`performance.getEntriesByType("resource").filter((e) => e.name.endsWith(".wasm")).reduce((n, e) => n + e.encodedBodySize, 0)`))
	benchutil.Check(err)
	return ms, bytes
}
