package tests

import (
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// The generated page's download bar over a throttled link and nginx's
// brotli: determinate from the start (max is the decoded size, so no
// animated indeterminate bar), moving at most five times a second, full
// before Go's init starts, and gone once the program is ready.
func TestPageProgressBar(t *testing.T) {
	dist := hello(t)
	url := startNginx(t, dist)
	size := wasmSize(t, dist)
	tab := newTab(t)
	if err := chromedp.Do(tab); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(tab, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{
		MatchedNetworkConditions: []*network.Conditions{{Latency: 20, DownloadThroughput: 1e6, UploadThroughput: 1e6}},
	}); err != nil {
		t.Fatal(err)
	}
	onNewDocument(t, tab, `window.bar = [];
			new MutationObserver((records) => {
				for (const r of records) {
					for (const n of r.addedNodes) if (n.localName === "progress") bar.push({ at: performance.now(), value: n.value, max: n.max, added: true });
					if (r.type === "attributes" && r.target.localName === "progress" && r.attributeName === "value") bar.push({ at: performance.now(), value: r.target.value, max: r.target.max });
				}
			}).observe(document, { subtree: true, childList: true, attributes: true });`)
	if err := chromedp.Do(tab, chromedp.Navigate(url+"/"), chromedp.WaitVisible("#greeting")); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Bar []struct {
			At, Value, Max float64
			Added          bool
		}
		Fetch, Init []float64
		Left        int
	}
	evaluate(t, tab, `const span = (name) => { const m = performance.getEntriesByName("buildwasm:" + name)[0]; return [m.startTime, m.startTime + m.duration]; };
		return { bar, fetch: span("fetch"), init: span("init"), left: document.querySelectorAll(".buildwasm-progress").length };`, &got)
	if len(got.Bar) < 3 {
		t.Fatalf("bar states %+v: want it added and moving at least twice", got.Bar)
	}
	first, last := got.Bar[0], got.Bar[len(got.Bar)-1]
	if !first.Added || first.Value != 0 || first.Max != float64(size) {
		t.Errorf("bar added as %+v, want value 0 of max %d", first, size)
	}
	if last.Value != float64(size) || last.At > got.Init[0] {
		t.Errorf("last bar state %+v, want full (%d) before Go's init at %.0f ms", last, size, got.Init[0])
	}
	download := got.Fetch[1] - got.Fetch[0]
	if moves := len(got.Bar) - 1; float64(moves) > download/200+2 {
		t.Errorf("the bar moved %d times during a %.0f ms download, want at most one per 200 ms and the end", moves, download)
	}
	if got.Left != 0 {
		t.Error("the bar is still on the page after the program is ready")
	}
	t.Logf("%d bar states over a %.0f ms download", len(got.Bar), download)
}
