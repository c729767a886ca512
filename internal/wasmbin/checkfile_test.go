package wasmbin

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCheckFile(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		name, data string
		want       string // "" for no error
	}{
		{"ok.wasm", "\x00asm\x01\x00\x00\x00", ""},
		{"short-but-wasm", "\x00asm", ""}, // the loader says what is wrong with it
		{"empty", "", "is empty"},
		{"text", "hello", "is not a WebAssembly binary"},
		{"three", "\x00as", "is not a WebAssembly binary"},
	}
	for _, c := range cases {
		p := filepath.Join(dir, c.name)
		if err := os.WriteFile(p, []byte(c.data), 0o644); err != nil {
			t.Fatal(err)
		}
		err := CheckFile(p)
		if c.want == "" && err != nil || c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)) {
			t.Errorf("%s: got %v, want %q", c.name, err, c.want)
		}
	}
	if err := CheckFile(filepath.Join(dir, "missing")); err == nil || !strings.HasSuffix(err.Error(), "missing: no such file") {
		t.Errorf("missing file: %v", err)
	}
	if err := CheckFile(dir); err == nil {
		t.Error("a directory passed the check")
	}
}
