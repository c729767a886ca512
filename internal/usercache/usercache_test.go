package usercache

import (
	"os"
	"path/filepath"
	"testing"
)

func TestDir(t *testing.T) {
	home := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", home)
	t.Setenv("HOME", home)
	t.Setenv("LocalAppData", home)
	dir, err := Dir("wasm")
	if err != nil {
		t.Fatal(err)
	}
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		t.Fatalf("%s was not made: %v", dir, err)
	}
	if filepath.Base(dir) != "wasm" || filepath.Base(filepath.Dir(dir)) != "buildwasm" {
		t.Errorf("Dir = %s, want .../buildwasm/wasm", dir)
	}
}
