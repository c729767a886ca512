// A test that passes only under buildwasm's loader (the stock one defines a
// global Go class), to prove which runner go test picked.
package runnertest

import (
	"syscall/js"
	"testing"
)

func TestRunsUnderBuildwasm(t *testing.T) {
	if !js.Global().Get("Go").IsUndefined() {
		t.Fatal("running under the stock wasm_exec.js, not buildwasm")
	}
}
