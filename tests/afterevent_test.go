package tests

import (
	"path/filepath"
	"testing"

	"github.com/buildwasm/buildwasm/internal/testenv"
)

// What a js.Func call leaves behind runs as under stock: buildwasm's
// runtime patch skips the scheduler after a call only when nothing is
// pending, so goroutines a callback starts or readies run before the call
// returns, its timers fire later, a sleep blocks the caller, and
// finalizers run between calls made back to back.
func TestAfterEvent(t *testing.T) {
	type result struct {
		StartedAtReturn      bool
		ReceivedAtReturn     int
		FiredAtReturn        bool
		FiredLater           bool
		Sleep                string
		SleptMs              int
		FinalizedDuringCalls bool
	}
	var ours, stock result
	dist := buildDist(t, filepath.Join(t.TempDir(), "dist"), "-sourcemap=none", "./testdata/afterevent")
	nodeScript(t, "afterevent.mjs", &ours, "ours", distFile(t, dist, "wasm"))
	nodeScript(t, "afterevent.mjs", &stock, "stock", program(t, "afterevent", []string{"-trimpath"}), testenv.StockLoader(goroot()))
	want := result{true, 7, false, true, "slept", 0, true}
	for name, got := range map[string]result{"buildwasm": ours, "stock": stock} {
		if got.SleptMs < 30 {
			t.Errorf("%s: a callback sleeping 30 ms returned after %d ms", name, got.SleptMs)
		}
		got.SleptMs = 0
		if got != want {
			t.Errorf("%s: %+v, want %+v", name, got, want)
		}
	}
}
