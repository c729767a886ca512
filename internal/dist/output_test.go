package dist

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCheckOutDir(t *testing.T) {
	root := t.TempDir()
	mk := func(name string, files map[string]string) string {
		dir := filepath.Join(root, name)
		os.MkdirAll(dir, 0o755)
		for f, s := range files {
			os.WriteFile(filepath.Join(dir, f), []byte(s), 0o644)
		}
		return dir
	}
	file := filepath.Join(root, "file")
	os.WriteFile(file, nil, 0o644)
	for _, c := range []struct {
		dir  string
		want string // "" for allowed
	}{
		{filepath.Join(root, "missing"), ""},
		{mk("empty", nil), ""},
		{mk("ours", map[string]string{"manifest.json": `{"generator":"buildwasm v1"}`, "x.wasm": ""}), ""},
		{file, "is not a directory"},
		{mk("source", map[string]string{"go.mod": "module x"}), "was not written by buildwasm"},
		{mk("other manifest", map[string]string{"manifest.json": `{"name":"a web app"}`}), "was not written by buildwasm"},
		{mk("broken manifest", map[string]string{"manifest.json": `{`}), "was not written by buildwasm"},
	} {
		err := checkOutDir(c.dir)
		if c.want == "" && err != nil || c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)) {
			t.Errorf("%s: %v, want %q", filepath.Base(c.dir), err, c.want)
		}
	}
}

func TestWriteDirReplaces(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "dist")
	if err := writeDir(dir, map[string][]byte{"old.txt": []byte("old"), "manifest.json": []byte(`{"generator":"buildwasm"}`)}); err != nil {
		t.Fatal(err)
	}
	if err := writeDir(dir, map[string][]byte{"new.txt": []byte("new"), "manifest.json": []byte(`{"generator":"buildwasm"}`)}); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(filepath.Dir(dir))
	if len(entries) != 1 {
		t.Errorf("left beside the output: %v", entries)
	}
	if _, err := os.Stat(filepath.Join(dir, "old.txt")); err == nil {
		t.Error("old file survived the replacement")
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "new.txt")); string(b) != "new" {
		t.Errorf("new.txt = %q", b)
	}
}
