// A test that passes only under buildwasm's loader (which serves a global
// __buildwasm the stock one lacks), to prove which runner go test picked.
package runnertest

import (
	"syscall/js"
	"testing"
)

func TestRunsUnderBuildwasm(t *testing.T) {
	if js.Global().Get("__buildwasm").IsUndefined() {
		t.Fatal("running under the stock wasm_exec.js, not buildwasm")
	}
}
