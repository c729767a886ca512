package tests

import (
	"net/url"
	"os"
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
	// A project adding buildwasm gets its dependencies' checksums in go.sum
	// (go get writes them); without them go asks the checksum database.
	sums, err := os.ReadFile(filepath.Join(repo, "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "go.sum"), sums, 0o644); err != nil {
		t.Fatal(err)
	}
	// A module cache of its own, fed from this machine's (its download
	// folder is a module proxy) with no network: like a fresh machine's, it
	// has no cached answers from the checksum database, so the test passes
	// only where one would.
	local := strings.TrimSpace(run(t, "", nil, "go", "env", "GOMODCACHE").stdout)
	env := []string{
		"GOFLAGS=-mod=mod -modcacherw",
		"GOMODCACHE=" + t.TempDir(),
		"GOPROXY=" + (&url.URL{Scheme: "file", Path: filepath.ToSlash(filepath.Join(local, "cache", "download"))}).String(),
	}
	goCmd := func(args ...string) string {
		t.Helper()
		got := runIn(t, dir, env, append([]string{"go"}, args...)...)
		if got.code != 0 {
			t.Fatalf("go %s: exit %d\n%s", strings.Join(args, " "), got.code, got.stderr)
		}
		return got.stdout
	}
	goCmd("mod", "tidy", "-e") // -e: test-only modules of dependencies are not in the cache
	if out := goCmd("tool", "buildwasm", "version"); !strings.HasPrefix(out, "buildwasm ") {
		t.Errorf("go tool buildwasm version printed %q", out)
	}
}

// go.work.sum holds every line go writes into it: in a fresh clone, listing
// and downloading the workspace's modules leaves it as committed (before,
// any go command there rewrote it, and the tree was dirty after the tests).
func TestGoWorkSumComplete(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"go.work", "go.work.sum", "go.mod", "go.sum", "shim/go.mod"} {
		b, err := os.ReadFile(filepath.Join("..", name))
		if err != nil {
			t.Fatal(err)
		}
		os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755)
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, _ := os.ReadFile(filepath.Join(dir, "go.work.sum"))
	for _, args := range [][]string{{"list", "-m", "all"}, {"mod", "download"}} {
		if got := runIn(t, dir, nil, append([]string{"go"}, args...)...); got.code != 0 {
			t.Fatalf("go %s: exit %d\n%s", strings.Join(args, " "), got.code, got.stderr)
		}
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "go.work.sum")); string(got) != string(want) {
		t.Errorf("go rewrote go.work.sum; commit what it writes:\n%s", got)
	}
}
