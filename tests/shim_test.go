package tests

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/buildwasm/buildwasm/internal/testenv"
)

// load waits for shim.Ready after shim.HoldReady, and rejects when the
// program exits or panics first.
func TestShimReadiness(t *testing.T) {
	var got struct {
		Late        string
		Exit, Panic struct {
			Name, Message, Cause, CauseMessage string
			Code                               int
		}
	}
	nodeScript(t, "shim.mjs", &got, program(t, "shimready", nil))
	if got.Late != "late export, called" {
		t.Errorf("export registered before Ready: %q, want it callable when load resolves", got.Late)
	}
	if got.Exit.Name != "GoExitedError" || got.Exit.Code != 0 {
		t.Errorf("exit before ready: %+v, want GoExitedError with code 0", got.Exit)
	}
	if got.Panic.Name != "GoExitedError" || got.Panic.Code != 2 || got.Panic.Cause != "GoPanicError" || got.Panic.CauseMessage != "not ready after all" {
		t.Errorf("panic before ready: %+v, want GoExitedError caused by the GoPanicError", got.Panic)
	}
}

// A program importing shim runs under the stock wasm_exec.js too.
func TestShimUnderStockLoader(t *testing.T) {
	script, _ := filepath.Abs(filepath.Join("testdata", "node", "stock.cjs"))
	wasmExec := testenv.StockLoader(goroot())
	res := run(t, "", nil, "node", script, wasmExec, program(t, "shimready", nil))
	if res.code != 0 || strings.TrimSpace(res.stdout) != `{"late":"late export, stock"}` {
		t.Errorf("under stock: exit %d, stdout %q, stderr %q", res.code, res.stdout, res.stderr)
	}
}
