package sourcemap

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sync"
	"testing"
)

var builds sync.Map // toolchain+package → []byte

// goBuild builds pkg for js/wasm with the given toolchain ("local" for the
// go on PATH), once per test run.
func goBuild(t testing.TB, toolchain, pkg string, flags ...string) []byte {
	t.Helper()
	key := fmt.Sprint(toolchain, pkg, flags)
	if b, ok := builds.Load(key); ok {
		return b.([]byte)
	}
	out := filepath.Join(t.TempDir(), "prog.wasm")
	cmd := exec.Command("go", append(append([]string{"build", "-o", out}, flags...), pkg)...)
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm", "GOTOOLCHAIN="+toolchain)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build %s: %v\n%s", pkg, err, b)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	builds.Store(key, b)
	return b
}

var unsafeName = regexp.MustCompile(`[^\w.]`)

// Every mapped point lies in a function whose outermost frame is the
// function the name section names for that body: PCs and bodies agree.
func TestFramesMatchNameSection(t *testing.T) {
	b, err := Parse(goBuild(t, "local", "../examples/hello"))
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for i, pts := range b.points {
		want := b.mod.Names[b.mod.FuncImports+i]
		for _, p := range pts {
			frames := b.Lookup(p.off)
			if len(frames) == 0 {
				t.Fatalf("body %d (%s): no frames at %#x", i, want, p.off)
			}
			got := unsafeName.ReplaceAllString(frames[len(frames)-1].Function, "_")
			if got != want {
				t.Fatalf("body %d at %#x: outermost frame %s, name section says %s", i, p.off, got, want)
			}
			checked++
		}
	}
	if checked < 10000 {
		t.Errorf("only %d points", checked)
	}
}
