// Command throttle measures what Chromium's DevTools network throttling
// (the start-up benchmark's link) really delivers: a bare fetch of N MiB of
// random bytes (nothing to compress) from nginx on loopback, in a fresh
// browser each time, and prints a Markdown table for BENCHMARKS.md.
//
// Usage: go run ./tests/bench/throttle [-mbit 20] [-rtt 40]
package main

import (
	"crypto/rand"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/buildwasm/buildwasm/internal/chromium"
	"github.com/buildwasm/buildwasm/tests/bench/benchutil"
	"github.com/buildwasm/buildwasm/tests/nginx"
)

func main() {
	mbit := flag.Float64("mbit", 20, "throttled download speed, Mbit/s")
	rtt := flag.Float64("rtt", 40, "throttled latency, ms")
	flag.Parse()
	log.SetFlags(0)
	tmp, err := os.MkdirTemp("", "buildwasm-throttle-")
	benchutil.Check(err)
	defer os.RemoveAll(tmp)
	www, work := filepath.Join(tmp, "www"), filepath.Join(tmp, "nginx")
	benchutil.Check(os.MkdirAll(www, 0o755))
	benchutil.Check(os.MkdirAll(work, 0o755))
	sizes := []int{1, 2, 4, 8}
	for _, mib := range sizes {
		b := make([]byte, mib<<20)
		rand.Read(b)
		benchutil.Check(os.WriteFile(filepath.Join(www, fmt.Sprintf("%d.bin", mib)), b, 0o644))
	}
	benchutil.Check(os.WriteFile(filepath.Join(www, "index.html"), []byte("<!doctype html><title>throttle</title>"), 0o644))
	benchutil.Check(os.WriteFile(filepath.Join(www, "nginx.conf"), []byte("types { text/html html; application/octet-stream bin; }\n"), 0o644))
	s, err := nginx.Start(www, work, "")
	benchutil.Check(err)
	defer s.Stop()

	nominal := *mbit * 1e6 / 8
	fmt.Printf("%s; set to %g Mbit/s (%.2f MB/s), %g ms latency\n\n", benchutil.ChromiumVersion(), *mbit, nominal/1e6, *rtt)
	fmt.Println("| fetch of | time (ms) | delivered (MB/s) | of the set rate |")
	fmt.Println("|---|---:|---:|---:|")
	for _, mib := range sizes {
		profile, err := os.MkdirTemp(tmp, "profile-")
		benchutil.Check(err)
		tab, cancel, err := chromium.Start(profile, "")
		benchutil.Check(err)
		_, err = chromedp.Call(tab, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{
			MatchedNetworkConditions: []*network.Conditions{{Latency: *rtt, DownloadThroughput: nominal, UploadThroughput: nominal}},
		})
		benchutil.Check(err)
		benchutil.Check(chromedp.Do(tab, chromedp.Navigate(s.URL+"/")))
		ms, err := chromedp.Run(tab, chromedp.Evaluate[float64](fmt.Sprintf(
			`(async () => { const t = performance.now(); await (await fetch("%d.bin")).arrayBuffer(); return performance.now() - t; })()`, mib), chromedp.EvalAwaitPromise))
		benchutil.Check(err)
		cancel()
		rate := float64(mib<<20) / ms / 1000
		fmt.Printf("| %d MiB | %.0f | %.2f | %.0f%% |\n", mib, ms, rate, 100*rate*1e6/nominal)
	}
}
