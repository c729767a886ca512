package toolchain

import (
	"os"
	"strings"
	"testing"
)

// go keeps its work folder for -work in any spelling go accepts, up to a
// test binary's -args; buildwasm must then leave GOTMPDIR alone.
func TestKeepsWork(t *testing.T) {
	for args, want := range map[string]bool{
		"":                        false,
		"-work":                   true,
		"--work":                  true,
		"-work=true":              true,
		"-work=false":             false,
		"-work -work=false":       false,
		"-v -run X":               false,
		"-args -work":             false,
		"./pkg work":              false,
		"-count=1 --work=1 ./...": true,
	} {
		if got := keepsWork(strings.Fields(args)); got != want {
			t.Errorf("keepsWork(%q) = %v, want %v", args, got, want)
		}
	}
	dir, err := TempDir([]string{"-work"})
	if err != nil || dir != "" {
		t.Errorf("TempDir with -work = %q, %v; want none", dir, err)
	}
	dir, err = TempDir(nil)
	if err != nil || dir == "" {
		t.Fatalf("TempDir = %q, %v", dir, err)
	}
	os.RemoveAll(dir)
}
