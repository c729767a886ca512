package tests

import (
	"path/filepath"
	"testing"

	"github.com/buildwasm/buildwasm/internal/testenv"
)

// Go holds JS values through refs that only its GC releases, and a small Go
// heap never collects on js/wasm: 1,000 dropped 1 MiB ArrayBuffers all stay
// alive under the stock setup. buildwasm's loader asks Go to collect, so
// JS memory stays bounded.
func TestGCSync(t *testing.T) {
	dist := buildDist(t, filepath.Join(t.TempDir(), "dist"), "-sourcemap=none", "./testdata/gcsync")
	var ours, keep, stock struct{ PeakMiB float64 }
	nodeScript(t, "gcsync.mjs", &ours, "ours", distFile(t, dist, "wasm"))
	// Values that Go keeps, made beside the buffers, keep none of them
	// alive (they share no finalizer with a buffer: heavyRefs).
	nodeScript(t, "gcsync.mjs", &keep, "keep", distFile(t, dist, "wasm"))
	if keep.PeakMiB > 200 {
		t.Errorf("with an object kept each round, peak ArrayBuffer memory %.0f MiB, want it bounded as without", keep.PeakMiB)
	}
	nodeScript(t, "gcsync.mjs", &stock, "stock", program(t, "gcsync", []string{"-trimpath"}), testenv.StockLoader(goroot()))
	if stock.PeakMiB < 900 {
		t.Errorf("stock peak %.0f MiB: the fixture no longer shows the problem", stock.PeakMiB)
	}
	if ours.PeakMiB > 200 {
		t.Errorf("peak ArrayBuffer memory %.0f MiB (stock %.0f MiB), want it bounded well below", ours.PeakMiB, stock.PeakMiB)
	}
	t.Logf("peak ArrayBuffer memory: ours %.0f MiB, stock %.0f MiB (%.1f%%)", ours.PeakMiB, stock.PeakMiB, 100*ours.PeakMiB/stock.PeakMiB)
}
