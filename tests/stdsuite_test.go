package tests

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/buildwasm/buildwasm/internal/jspatch"
	"github.com/buildwasm/buildwasm/internal/testenv"
)

// stdSuites are Go's own test suites that must pass under our runner.
var stdSuites = []string{"syscall/js", "os", "time", "encoding/json", "strconv"}

// goCmd is a go command to test with: a toolchain by GOTOOLCHAIN, or a
// patched copy of one.
type goCmd struct {
	bin string
	env []string
}

func toolchain(v string) goCmd { return goCmd{"go", []string{"GOTOOLCHAIN=" + v}} }

// goTest runs go test for js/wasm in dir with the given go command and flags
// and fails unless every package passes.
func goTest(t *testing.T, dir string, gc goCmd, flags []string, pkgs ...string) {
	t.Helper()
	args := append(flags, pkgs...)
	cmd := exec.Command(gc.bin, append([]string{"test", "-count=1"}, args...)...)
	cmd.Dir = dir
	cmd.Env = testenv.WasmEnv(gc.env...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go test %s with %v: %v\n%s", strings.Join(args, " "), gc, err, out)
	}
	for _, pkg := range pkgs {
		okLine := regexp.MustCompile(`(?m)^ok  \t(\S*/)?` + regexp.QuoteMeta(strings.TrimPrefix(pkg, "./")) + `\t`)
		if !okLine.Match(out) {
			t.Errorf("no 'ok' line for %s:\n%s", pkg, out)
		}
	}
}

func TestGoStdSuites(t *testing.T) {
	if testing.Short() {
		t.Skip("Go's own suites take about two minutes")
	}
	goTest(t, t.TempDir(), toolchain("local"), []string{"-exec", buildwasmBin + " exec"}, stdSuites...)
}

// The compat target (scripts/compat.sh) runs Go's syscall/js suite, as it
// is and with buildwasm's patch (and vets the patched package), with every
// supported toolchain; each is
// downloaded through the module proxy once.
func TestGoStdSuitesCompat(t *testing.T) {
	for _, v := range compatToolchains(t) {
		t.Run(v, func(t *testing.T) {
			goTest(t, t.TempDir(), toolchain(v), []string{"-exec", buildwasmBin + " exec"}, "syscall/js")
			patched := patchedGo(t, v)
			goTest(t, t.TempDir(), patched, []string{"-exec", buildwasmBin + " exec"}, "syscall/js")
			// The files the patch adds pass go vet with this release too.
			vet := exec.Command(patched.bin, "vet", "syscall/js")
			vet.Dir, vet.Env = t.TempDir(), testenv.WasmEnv(patched.env...)
			if out, err := vet.CombinedOutput(); err != nil {
				t.Errorf("go vet of the patched syscall/js: %v\n%s", err, out)
			}
		})
	}
}

// Go's own syscall/js tests pass with buildwasm's patch of syscall/js.
func TestPatchedSyscallJSSuite(t *testing.T) {
	goTest(t, t.TempDir(), patchedGo(t, "local"), []string{"-exec", buildwasmBin + " exec"}, "syscall/js")
}

// patchedGo is the go command of a copy of a toolchain with syscall/js
// patched, as buildwasm build uses it.
func patchedGo(t *testing.T, v string) goCmd {
	t.Helper()
	root, err := testenv.GOROOT(t.TempDir(), "GOTOOLCHAIN="+v)
	if err != nil {
		t.Fatal(err)
	}
	dir, err := jspatch.Toolchain(root, filepath.Join(t.TempDir(), "goroot"), true)
	if err != nil {
		t.Fatal(err)
	}
	return goCmd{filepath.Join(dir, "bin", "go"), []string{"GOROOT=" + dir, "GOTOOLCHAIN=local"}}
}

// Installed as go_js_wasm_exec on PATH, buildwasm is what go test and go
// run use for js/wasm; -exec works for go run as for go test.
func TestGoJSWasmExecOnPath(t *testing.T) {
	bin := t.TempDir()
	if err := os.Symlink(buildwasmBin, filepath.Join(bin, "go_js_wasm_exec")); err != nil {
		t.Fatal(err)
	}
	path := "PATH=" + bin + string(os.PathListSeparator) + os.Getenv("PATH")
	wasmEnv := []string{"GOOS=js", "GOARCH=wasm"}
	for _, c := range []struct {
		name string
		env  []string
		argv []string
		want string
	}{
		{"stock for reference", wasmEnv, []string{"go", "run", "-exec", stockExec(), "./testdata/runner"}, "stock\n"},
		{"go run -exec", wasmEnv, []string{"go", "run", "-exec", buildwasmBin + " exec", "./testdata/runner"}, "buildwasm\n"},
		{"go run, on PATH", append(wasmEnv, path), []string{"go", "run", "./testdata/runner"}, "buildwasm\n"},
		{"symlink called directly", nil, []string{filepath.Join(bin, "go_js_wasm_exec"), program(t, "runner", nil)}, "buildwasm\n"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := run(t, "", c.env, c.argv...)
			if got.code != 0 || got.stdout != c.want {
				t.Errorf("%v: exit %d, stdout %q, stderr %q; want %q", c.argv, got.code, got.stdout, got.stderr, c.want)
			}
		})
	}
	t.Run("go test, on PATH", func(t *testing.T) {
		t.Setenv("PATH", strings.TrimPrefix(path, "PATH="))
		goTest(t, ".", toolchain("local"), nil, "./testdata/runnertest")
	})
}
