// Package testenv holds what buildwasm's tests and benchmarks need of the
// Go toolchain: its GOROOT, and programs built for js/wasm.
package testenv

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/buildwasm/buildwasm/internal/toolchain"
)

// GOROOT is the GOROOT of the toolchain go picks in dir ("" for the
// current folder), with env added to the environment: GOTOOLCHAIN=go1.24.13
// names another release.
func GOROOT(dir string, env ...string) (string, error) {
	return toolchain.GOROOT(context.Background(), dir, env...)
}

// StockRunner is the Node runner that ships with the toolchain at goroot,
// the reference buildwasm is compared with.
func StockRunner(goroot string) string {
	return filepath.Join(goroot, "lib", "wasm", "go_js_wasm_exec")
}

// StockLoader is the toolchain's wasm_exec.js.
func StockLoader(goroot string) string {
	return filepath.Join(goroot, "lib", "wasm", "wasm_exec.js")
}

// WasmEnv is this process's environment for js/wasm, with env added.
func WasmEnv(env ...string) []string {
	return append(toolchain.Plain.Command(context.Background(), "").Env, env...)
}

// BuildWasm runs go build for js/wasm in dir, writing out; args are go
// build's flags and packages, env is added to the environment. The error
// carries go's output.
func BuildWasm(dir, out string, args []string, env ...string) error {
	cmd := toolchain.Plain.Command(context.Background(), dir, append([]string{"build", "-o", out}, args...)...)
	cmd.Env = append(cmd.Env, env...)
	if b, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("go build %s: %v\n%s", strings.Join(args, " "), err, b)
	}
	return nil
}

// Golden compares got with the golden file at path, or rewrites the file
// when update is set (the -update flag of the calling package's tests);
// refresh is the command that does so, for the failure message.
func Golden(t testing.TB, path string, got []byte, update bool, refresh string) {
	t.Helper()
	if update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run %s)", err, refresh)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from what the code makes now; if the change is intended, run %s and review the diff:\n%s", path, refresh, got)
	}
}
