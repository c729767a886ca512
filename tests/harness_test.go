// Package tests holds buildwasm's end-to-end tests: real Node processes,
// real Go toolchains, the stock wasm_exec.js as the reference.
package tests

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/buildwasm/buildwasm/internal/testenv"
)

var (
	tmpRoot      string // removed when the tests end
	buildwasmBin string
)

func TestMain(m *testing.M) {
	code, err := runMain(m)
	if err != nil {
		fmt.Fprintln(os.Stderr, "tests:", err)
		code = 1
	}
	os.Exit(code)
}

func runMain(m *testing.M) (int, error) {
	if _, err := exec.LookPath("node"); err != nil {
		return 1, errors.New("node is not on PATH: these tests need Node.js 20 or newer (run 'make deps' as root on Debian)")
	}
	var err error
	tmpRoot, err = os.MkdirTemp("", "buildwasm-tests-")
	if err != nil {
		return 1, err
	}
	defer os.RemoveAll(tmpRoot)
	buildwasmBin = filepath.Join(tmpRoot, "bin", "buildwasm")
	build := exec.Command("go", "build", "-o", buildwasmBin, "../cmd/buildwasm")
	if out, err := build.CombinedOutput(); err != nil {
		return 1, fmt.Errorf("building buildwasm: %v\n%s", err, out)
	}
	defer browserCancel()
	return m.Run(), nil
}

// goroot is the GOROOT of the go command on PATH.
var goroot = sync.OnceValue(func() string {
	root, err := testenv.GOROOT("")
	if err != nil {
		panic(err)
	}
	return root
})

// compatToolchains are the Go releases the compat target (scripts/compat.sh)
// tests besides the local one; the test is skipped outside that target,
// as each is downloaded through the module proxy once.
func compatToolchains(t *testing.T) []string {
	if os.Getenv("BUILDWASM_COMPAT") == "" {
		t.Skip("set BUILDWASM_COMPAT=1 (scripts/compat.sh) to test other Go versions")
	}
	return []string{"go1.24.13", "go1.25.5", "go1.27.3"}
}

// stockExec is the toolchain's own Node runner, the reference we compare with.
func stockExec() string { return testenv.StockRunner(goroot()) }

var (
	programsMu sync.Mutex
	programs   = map[string]string{}
)

// program builds tests/testdata/NAME for js/wasm (or the GOOS given in
// env) once per run and returns the binary's path.
func program(t testing.TB, name string, flags []string, env ...string) string {
	t.Helper()
	key := fmt.Sprint(name, flags, env)
	programsMu.Lock()
	defer programsMu.Unlock()
	if p, ok := programs[key]; ok {
		return p
	}
	out := filepath.Join(tmpRoot, "programs", fmt.Sprintf("%s-%d.wasm", name, len(programs)))
	if err := testenv.BuildWasm("", out, append(flags, "./testdata/"+name), env...); err != nil {
		t.Fatal(err)
	}
	programs[key] = out
	return out
}

// quietResult is what runQuiet returns: output and an error for a failure.
type quietResult struct {
	out []byte
	err error
}

// runQuiet runs argv outside any test, for fixtures made once per run.
func runQuiet(argv ...string) quietResult {
	out, err := exec.Command(argv[0], argv[1:]...).CombinedOutput()
	if err != nil {
		err = fmt.Errorf("%v: %v\n%s", argv, err, out)
	}
	return quietResult{out, err}
}

// result is what a finished process left.
type result struct {
	stdout, stderr string
	code           int
}

// run runs argv with stdin and returns its output and exit code; it fails
// the test only if the process could not be started.
func run(t testing.TB, stdin string, env []string, argv ...string) result {
	t.Helper()
	return runWith(t, "", stdin, env, argv...)
}

// runIn is run in directory dir, without stdin.
func runIn(t testing.TB, dir string, env []string, argv ...string) result {
	t.Helper()
	return runWith(t, dir, "", env, argv...)
}

func runWith(t testing.TB, dir, stdin string, env []string, argv ...string) result {
	t.Helper()
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Dir = dir
	cmd.Stdin = strings.NewReader(stdin)
	cmd.Env = append(os.Environ(), env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatalf("running %v: %v", argv, err)
	}
	return result{stdout.String(), stderr.String(), cmd.ProcessState.ExitCode()}
}
