package noderun

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

// CheckArgs counts as Go's start-up lays the strings out (NUL-terminated,
// 8-byte aligned, a pointer each and two ends) and names what to cut.
func TestCheckArgs(t *testing.T) {
	big := strings.Repeat("x", 4000)
	if err := CheckArgs([]string{"prog"}, []string{"A=" + big}); err != nil {
		t.Errorf("4 kB of environment: %v", err)
	}
	err := CheckArgs([]string{"prog"}, []string{"A=" + big, "B=" + big + big})
	if err == nil || !strings.Contains(err.Error(), "largest variable is B (8000 bytes)") {
		t.Errorf("12 kB of environment: %v", err)
	}
	err = CheckArgs([]string{"prog", big + big + big}, []string{"A=x"})
	if err == nil || !strings.Contains(err.Error(), "the arguments alone take 12016") {
		t.Errorf("12 kB of arguments: %v", err)
	}
	// Exactly at the limit: three pointers and one string with its NUL.
	if err := CheckArgs([]string{strings.Repeat("y", 8192-24-1)}, nil); err != nil {
		t.Errorf("at the limit: %v", err)
	}
	if err := CheckArgs([]string{strings.Repeat("y", 8192-24)}, nil); err == nil {
		t.Error("one byte past the limit passed")
	}
}
