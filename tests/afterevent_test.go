package tests

import (
	"path/filepath"
	"testing"

	"github.com/buildwasm/buildwasm/internal/testenv"
)

// afterEvent is what testdata/node/afterevent.mjs prints.
type afterEvent struct {
	StartedAtReturn      bool
	ReceivedAtReturn     int
	FiredAtReturn        bool
	FiredLater           bool
	Sleep                string
	SleptMs              int
	FinalizedDuringCalls bool
	ReleasedCall         string
}

// What a js.Func call leaves behind runs as under stock: buildwasm's
// runtime patch skips the scheduler after a call only when nothing is
// pending, so goroutines a callback starts or readies run before the call
// returns, its timers fire later, a sleep blocks the caller, and
// finalizers run between calls made back to back; a released Func
// returns undefined.
func TestAfterEvent(t *testing.T) {
	var ours, stock afterEvent
	dist := buildDist(t, filepath.Join(t.TempDir(), "dist"), "-sourcemap=none", "./testdata/afterevent")
	nodeScript(t, "afterevent.mjs", &ours, "ours", distFile(t, dist, "wasm"))
	nodeScript(t, "afterevent.mjs", &stock, "stock", program(t, "afterevent", []string{"-trimpath"}), testenv.StockLoader(goroot()))
	checkAfterEvent(t, "buildwasm", ours)
	checkAfterEvent(t, "stock", stock)
}

// The same with every toolchain of the compat target, whose runtimes the
// patch fits in two shapes.
func TestAfterEventCompat(t *testing.T) {
	for _, v := range compatToolchains(t) {
		t.Run(v, func(t *testing.T) {
			var got afterEvent
			nodeScript(t, "afterevent.mjs", &got, "ours", buildWith(t, v, "afterevent", "example.com/afterevent"))
			checkAfterEvent(t, v, got)
		})
	}
}

func checkAfterEvent(t *testing.T, name string, got afterEvent) {
	t.Helper()
	if got.SleptMs < 30 {
		t.Errorf("%s: a callback sleeping 30 ms returned after %d ms", name, got.SleptMs)
	}
	got.SleptMs = 0
	if want := (afterEvent{true, 7, false, true, "slept", 0, true, "undefined"}); got != want {
		t.Errorf("%s: %+v, want %+v", name, got, want)
	}
}
