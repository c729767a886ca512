package toolchain

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The added files join a user's own -overlay (go reads only the last one),
// other flags stay, and a user overlay of an added file is refused.
func TestWithFiles(t *testing.T) {
	dir := t.TempDir()
	user := filepath.Join(dir, "user.json")
	os.WriteFile(user, []byte(`{"Replace":{"/src/app/config.go":"/tmp/config.go"}}`), 0o644)
	added := map[string][]byte{"/src/app/zz.go": []byte("package main\n")}
	for _, flags := range [][]string{{"-v", "-overlay=" + user, "-tags=x"}, {"-v", "-overlay", user, "-tags=x"}, {"-v", "--overlay=" + user, "-tags=x"}} {
		got, err := WithFiles(flags, added, t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 3 || got[1] != "-v" || got[2] != "-tags=x" || !strings.HasPrefix(got[0], "-overlay=") {
			t.Fatalf("WithFiles(%q) = %q", flags, got)
		}
		var merged struct{ Replace map[string]string }
		b, _ := os.ReadFile(strings.TrimPrefix(got[0], "-overlay="))
		if err := json.Unmarshal(b, &merged); err != nil {
			t.Fatal(err)
		}
		src, _ := os.ReadFile(merged.Replace["/src/app/zz.go"])
		if merged.Replace["/src/app/config.go"] != "/tmp/config.go" || string(src) != "package main\n" {
			t.Errorf("merged overlay %v", merged.Replace)
		}
	}
	if got, err := WithFiles([]string{"-v"}, nil, dir); err != nil || len(got) != 1 {
		t.Errorf("no files: %q, %v", got, err)
	}
	// A test binary's -args are its own, -overlay included.
	got, err := WithFiles([]string{"./pkg", "-args", "-overlay=x"}, added, t.TempDir())
	if err != nil || len(got) != 4 || got[1] != "./pkg" || got[3] != "-overlay=x" {
		t.Errorf("with -args: %q, %v", got, err)
	}
	os.WriteFile(user, []byte(`{"Replace":{"/src/app/zz.go":"/tmp/mine.go"}}`), 0o644)
	if _, err := WithFiles([]string{"-overlay=" + user}, added, t.TempDir()); err == nil || !strings.Contains(err.Error(), "typed exports") {
		t.Errorf("a clash with an added file: %v", err)
	}
	if _, err := WithFiles([]string{"-overlay=" + filepath.Join(dir, "missing.json")}, added, t.TempDir()); err == nil {
		t.Error("a missing user overlay was accepted")
	}
}

// Builds whose overlays differ only by where they are written share one
// output, so go build can find it up to date.
func TestCachedOutputIgnoresOverlayPath(t *testing.T) {
	target := Target{Dir: t.TempDir(), Package: "."}
	a, err := cachedOutput(target, []string{"build", "-overlay=/tmp/one/overlay.json"})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := cachedOutput(target, []string{"build", "-overlay=/tmp/two/overlay.json"})
	c, _ := cachedOutput(target, []string{"build", "-tags=x", "-overlay=/tmp/two/overlay.json"})
	if a != b || a == c {
		t.Errorf("outputs %s, %s, %s: want the first two equal and the third apart", a, b, c)
	}
}
