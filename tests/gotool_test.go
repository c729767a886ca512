package tests

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// A project can pin buildwasm as a tool in its go.mod and run it with
// `go tool buildwasm`, as the README says.
func TestGoTool(t *testing.T) {
	repo, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	gomod := "module example.com/app\n\ngo 1.26\n\n" +
		"tool github.com/buildwasm/buildwasm/cmd/buildwasm\n\n" +
		"require github.com/buildwasm/buildwasm v0.0.0\n\n" +
		"replace github.com/buildwasm/buildwasm => " + repo + "\n"
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte(gomod), 0o644); err != nil {
		t.Fatal(err)
	}
	goCmd := func(args ...string) string {
		t.Helper()
		cmd := exec.Command("go", args...)
		cmd.Dir = dir
		// Everything it needs is in the module cache already: buildwasm's
		// own build fetched it.
		cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	goCmd("mod", "tidy", "-e") // -e: test-only modules of dependencies may be missing from the cache
	if out := goCmd("tool", "buildwasm", "version"); !strings.HasPrefix(out, "buildwasm ") {
		t.Errorf("go tool buildwasm version printed %q", out)
	}
}
