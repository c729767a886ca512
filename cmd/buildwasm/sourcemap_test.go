package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSourcemapCommand(t *testing.T) {
	dir := t.TempDir()
	orig, err := os.ReadFile(tinyWasm(t))
	if err != nil {
		t.Fatal(err)
	}
	wasm := filepath.Join(dir, "tiny.wasm")
	os.WriteFile(wasm, orig, 0o644)

	got := buildwasm(t, "sourcemap", "-w", "-stats", "-url", "https://cdn.example/tiny.wasm.map", wasm)
	if got.code != 0 || !strings.HasPrefix(got.stdout, wasm+" (go1.") || !strings.Contains(got.stdout, "code bytes mapped to a Go line:") || got.stderr != "" {
		t.Fatalf("sourcemap -w -stats: %+v", got)
	}
	if _, err := os.Stat(wasm + ".map"); err != nil {
		t.Errorf("no map next to the binary: %v", err)
	}
	rewritten, _ := os.ReadFile(wasm)
	if !strings.HasPrefix(string(rewritten), string(orig)) || !strings.HasSuffix(string(rewritten), "https://cdn.example/tiny.wasm.map") {
		t.Error("-w must append the sourceMappingURL section and leave every byte before it alone")
	}
	// -o puts the map elsewhere and leaves the binary alone.
	other := filepath.Join(dir, "maps", "other.map")
	os.Mkdir(filepath.Dir(other), 0o755)
	if got := buildwasm(t, "sourcemap", "-o", other, wasm); got.code != 0 || got.stdout != "" || got.stderr != "" {
		t.Errorf("sourcemap -o: %+v", got)
	}
	if _, err := os.Stat(other); err != nil {
		t.Errorf("sourcemap -o: %v", err)
	}
	if again, _ := os.ReadFile(wasm); string(again) != string(rewritten) {
		t.Error("sourcemap without -w changed the binary")
	}
	needNode(t)
	// The rewritten binary still runs.
	if res := buildwasm(t, "exec", wasm, "x"); res.code != 0 || res.stdout != "args: x\n" {
		t.Errorf("rewritten binary: %+v", res)
	}
}

// A file that is not a Go js/wasm binary gets one line naming the problem
// and exit 1.
func TestSourcemapBadInput(t *testing.T) {
	dir := t.TempDir()
	orig, err := os.ReadFile(tinyWasm(t))
	if err != nil {
		t.Fatal(err)
	}
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, data, 0o644)
		return p
	}
	for name, c := range map[string]struct {
		file string
		want string
	}{
		"missing":      {filepath.Join(dir, "nope.wasm"), "no such file"},
		"random bytes": {write("random.wasm", []byte("\x8f\x13 not wasm")), "not a WebAssembly binary"},
		"truncated":    {write("half.wasm", orig[:len(orig)/2]), "runs past the end of the file"},
		"not Go":       {write("empty-module.wasm", []byte("\x00asm\x01\x00\x00\x00")), "not a Go binary"},
	} {
		got := buildwasm(t, "sourcemap", c.file)
		lines := strings.Split(strings.TrimSpace(got.stderr), "\n")
		if got.code != 1 || len(lines) != 1 || !strings.HasPrefix(lines[0], "buildwasm sourcemap: ") || !strings.Contains(lines[0], c.want) {
			t.Errorf("%s: exit %d, stderr %q; want one line with %q", name, got.code, got.stderr, c.want)
		}
	}
}
