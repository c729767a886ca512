package jspatch_test

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/buildwasm/buildwasm/internal/jspatch"
	"github.com/buildwasm/buildwasm/internal/testenv"
)

func goroot(t *testing.T) string {
	t.Helper()
	root, err := testenv.GOROOT("")
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// The patch changes one place of handleEvent and keeps every line number.
func TestPatchKeepsLines(t *testing.T) {
	src, err := os.ReadFile(filepath.Join(goroot(t), "src", "syscall", "js", "func.go"))
	if err != nil {
		t.Fatal(err)
	}
	got, err := jspatch.Patch(src)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Count(got, []byte("\n")) != bytes.Count(src, []byte("\n")) {
		t.Error("the patch changed the number of lines")
	}
	if !bytes.Contains(got, []byte("invokeEvent(cb, f, this, args)")) || bytes.Contains(got, []byte("result := f(this, args)")) {
		t.Error("handleEvent still calls the callback directly")
	}
	if !bytes.Contains(got, []byte("func handleEvent() bool { if memoryEvent() { return true };")) {
		t.Error("handleEvent does not first look for a call in memory")
	}
	// Every line before the edit and after it is where it was.
	a, b := strings.Split(string(src), "\n"), strings.Split(string(got), "\n")
	changed := 0
	for i := range a {
		if a[i] != b[i] {
			changed++
		}
	}
	if changed > 4 {
		t.Errorf("%d lines changed, want the two statements only", changed)
	}
}

func TestPatchRefusesOtherShapes(t *testing.T) {
	for name, src := range map[string]string{
		"no handleEvent": "package js\n\nfunc other() {}\n",
		"other body":     "package js\n\nfunc handleEvent() bool {\n\tresult := g()\n\t_ = result\n\treturn true\n}\n",
		"not Go":         "this is not go",
	} {
		if _, err := jspatch.Patch([]byte(src)); err == nil {
			t.Errorf("%s: patched", name)
		}
	}
	if _, err := jspatch.Toolchain(t.TempDir(), filepath.Join(t.TempDir(), "tc"), false); err == nil || !strings.Contains(err.Error(), "cannot patch syscall/js") {
		t.Errorf("a GOROOT without syscall/js: %v", err)
	}
}

// The patched toolchain is the original but for syscall/js, and works.
func TestToolchain(t *testing.T) {
	root := goroot(t)
	dir := filepath.Join(t.TempDir(), "tc")
	got, err := jspatch.Toolchain(root, dir, false)
	if err != nil {
		t.Fatal(err)
	}
	if again, err := jspatch.Toolchain(root, dir, false); err != nil || again != got {
		t.Errorf("second call: %s, %v", again, err)
	}
	if target, err := os.Readlink(filepath.Join(got, "src", "fmt")); err != nil || target != filepath.Join(root, "src", "fmt") {
		t.Errorf("src/fmt links to %q (%v)", target, err)
	}
	b, _ := os.ReadFile(filepath.Join(got, "src", "syscall", "js", "func.go"))
	if !bytes.Contains(b, []byte("invokeEvent(cb, f, this, args)")) {
		t.Error("func.go is not patched")
	}
	b, _ = os.ReadFile(filepath.Join(got, "src", "runtime", "lock_js.go"))
	if !bytes.Contains(b, []byte("if !buildwasmQuiet()")) {
		t.Error("the runtime's lock_js.go is not patched")
	}
	if _, err := os.Stat(filepath.Join(got, "src", "runtime", "buildwasm_quiet.go")); err != nil {
		t.Error(err)
	}
	if target, err := os.Readlink(filepath.Join(got, "src", "runtime", "proc.go")); err != nil || target != filepath.Join(root, "src", "runtime", "proc.go") {
		t.Errorf("src/runtime/proc.go links to %q (%v)", target, err)
	}
	cmd := exec.Command(filepath.Join(got, "bin", "go"), "env", "GOROOT", "GOVERSION")
	cmd.Env = append(os.Environ(), "GOROOT="+got, "GOTOOLCHAIN=local")
	out, err := cmd.Output()
	if err != nil || !strings.HasPrefix(string(out), got+"\n") {
		t.Errorf("go env in the patched toolchain: %q, %v", out, err)
	}
}

func TestPatchLeaks(t *testing.T) {
	src, err := os.ReadFile(filepath.Join(goroot(t), "src", "syscall", "js", "func.go"))
	if err != nil {
		t.Fatal(err)
	}
	patched, err := jspatch.Patch(src)
	if err != nil {
		t.Fatal(err)
	}
	got, err := jspatch.PatchLeaks(patched)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Count(got, []byte("\n")) != bytes.Count(src, []byte("\n")) ||
		!bytes.Contains(got, []byte(`jsGo.Call("_makeFuncWrapper", id, funcSite(fn))`)) || !bytes.Contains(got, []byte("defer funcReleased(c.id);")) {
		t.Errorf("leak patch:\n%s", got)
	}
	if _, err := jspatch.PatchLeaks([]byte("package js\n\nfunc FuncOf() {}\n")); err == nil {
		t.Error("patched a func.go without the expected shape")
	}
}

// The patched syscall/js, added files included, passes go vet as a whole,
// with and without leak tracking: the added files are compiled only there.
func TestVetPatched(t *testing.T) {
	if testing.Short() {
		t.Skip("vets the standard library's syscall/js twice")
	}
	root := goroot(t)
	for _, leaks := range []bool{false, true} {
		got, err := jspatch.Toolchain(root, filepath.Join(t.TempDir(), "tc"), leaks)
		if err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(filepath.Join(got, "bin", "go"), "vet", "syscall/js")
		cmd.Env = append(os.Environ(), "GOROOT="+got, "GOTOOLCHAIN=local", "GOOS=js", "GOARCH=wasm")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("go vet syscall/js (leaks %v): %v\n%s", leaks, err, out)
		}
	}
}

// The runtime's patch changes two lines of lock_js.go and keeps the rest
// where it was.
func TestPatchRuntime(t *testing.T) {
	src, err := os.ReadFile(filepath.Join(goroot(t), "src", "runtime", "lock_js.go"))
	if err != nil {
		t.Fatal(err)
	}
	got, err := jspatch.PatchRuntime(src)
	if err != nil {
		t.Fatal(err)
	}
	a, b := strings.Split(string(src), "\n"), strings.Split(string(got), "\n")
	if len(a) != len(b) {
		t.Fatal("the patch changed the number of lines")
	}
	var changed []string
	for i := range a {
		if a[i] != b[i] {
			changed = append(changed, strings.TrimSpace(b[i]))
		}
	}
	want := []string{
		"if allDeadlineNotes == nil { return }; now := nanotime()",
		"if !buildwasmQuiet() { gopark(nil, nil, waitReasonZero, traceBlockGeneric, 1) }",
	}
	if !slices.Equal(changed, want) {
		t.Errorf("changed lines %q, want %q", changed, want)
	}
	if _, err := jspatch.PatchRuntime([]byte("package runtime\n\nfunc handleEvent() {}\n")); err == nil {
		t.Error("patched a lock_js.go of another shape")
	}
}

// The runtime's added file fits each shape of runtime that Go 1.24 to 1.27
// have, and a runtime without a name it uses is refused by name.
func TestRuntimeQuiet(t *testing.T) {
	got, err := jspatch.RuntimeQuiet(filepath.Join(goroot(t), "src", "runtime"))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(got, []byte("RUNQ_EMPTY")) || bytes.Contains(got, []byte("CLEANUPS_IDLE")) || !bytes.Contains(got, []byte("func buildwasmQuiet() bool")) {
		t.Errorf("for this toolchain:\n%s", got)
	}
	names := "func runqempty(\nfunc (ts *timers) wakeTime() int64\nvar gcBlackenEnabled uint32\nfingWake\ngcwaiting\nrunSafePointFn\n" +
		"func traceEnabled() bool\nfunc traceShuttingDown() bool\nvar allDeadlineNotes\n"
	for _, c := range []struct{ name, src, want string }{
		{"Go 1.24", names + "if sched.runqsize != 0 {", "sched.runqsize == 0 && pp.timers"},
		{"Go 1.25", names + "if !sched.runq.empty() {\nif gcCleanups.needsWake() {", "sched.runq.empty() && pp.timers"},
		{"no run queue", names, "global run queue"},
		{"no trace", strings.Replace(names, "func traceShuttingDown() bool", "", 1) + "sched.runqsize != 0", "func traceShuttingDown() bool"},
	} {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "proc.go"), []byte(c.src), 0o644); err != nil {
			t.Fatal(err)
		}
		got, err := jspatch.RuntimeQuiet(dir)
		if msg := fmt.Sprint(err); !bytes.Contains(got, []byte(c.want)) && !strings.Contains(msg, c.want) {
			t.Errorf("%s: %v\n%s", c.name, err, got)
		}
		if c.name == "Go 1.24" && !bytes.Contains(got, []byte("fingWake == 0 && true &&")) {
			t.Errorf("Go 1.24 has no cleanup goroutines:\n%s", got)
		}
	}
}
