package testenv

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

func TestBuildWasm(t *testing.T) {
	root, err := GOROOT("")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(StockLoader(root)); err != nil {
		t.Errorf("no wasm_exec.js in %s: %v", root, err)
	}
	out := filepath.Join(t.TempDir(), "hello.wasm")
	if err := BuildWasm("", out, []string{"../../examples/hello"}); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(out)
	if err != nil || !bytes.HasPrefix(b, []byte("\x00asm")) {
		t.Errorf("%s is no wasm module: %v", out, err)
	}
	if err := BuildWasm("", out, []string{"./no/such/package"}); err == nil {
		t.Error("building a missing package succeeded")
	}
}
