package tests

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/buildwasm/buildwasm/internal/testenv"
)

// addedFiles are the paths of the files buildwasm adds to syscall/js,
// which exist only in its patched GOROOT copy.
var addedFiles = regexp.MustCompile(`buildwasm/goroot/[0-9a-f]+/src/syscall/js/buildwasm_`)

// buildwasmTest runs buildwasm test in tests/ with env added.
func buildwasmTest(t *testing.T, env []string, args ...string) result {
	t.Helper()
	return runIn(t, ".", env, append([]string{buildwasmBin, "test"}, args...)...)
}

// buildwasm test: go test's flags and output, test binaries in Chromium by
// default and in Node with -node; a DOM test passes in the one and skips in
// the other.
func TestTestCommand(t *testing.T) {
	const pkg = "./testdata/wasmtests"
	chromium := buildwasmTest(t, nil, "-v", pkg)
	if chromium.code != 0 || !strings.Contains(chromium.stdout, "--- PASS: TestDOM") || !strings.Contains(chromium.stdout, "--- PASS: TestAdd") ||
		!strings.Contains(chromium.stdout, "--- PASS: TestFiles") ||
		!strings.Contains(chromium.stdout, "ok  \tgithub.com/buildwasm/buildwasm/tests/testdata/wasmtests") {
		t.Errorf("in Chromium: exit %d\n%s%s", chromium.code, chromium.stdout, chromium.stderr)
	}
	node := buildwasmTest(t, nil, "-node", "-v", pkg)
	if node.code != 0 || !strings.Contains(node.stdout, "--- SKIP: TestDOM") || !strings.Contains(node.stdout, "no DOM here (Node)") ||
		!strings.Contains(node.stdout, "--- PASS: TestFiles") {
		t.Errorf("in Node: exit %d\n%s%s", node.code, node.stdout, node.stderr)
	}
	twice := buildwasmTest(t, nil, "-run", "TestAdd$", "-count=2", "-v", pkg)
	if n := strings.Count(twice.stdout, "=== RUN   TestAdd\n"); n != 2 || strings.Contains(twice.stdout, "TestDOM") {
		t.Errorf("-run TestAdd -count=2 ran TestAdd %d times:\n%s", n, twice.stdout)
	}
	failing := buildwasmTest(t, []string{"WASMTESTS_FAIL=1"}, "-run", "TestFail", pkg)
	if failing.code != 1 || !strings.Contains(failing.stdout, "--- FAIL: TestFailWhenAsked") || !strings.Contains(failing.stdout, "failing as asked") {
		t.Errorf("a failing test: exit %d\n%s%s", failing.code, failing.stdout, failing.stderr)
	}
	js := buildwasmTest(t, nil, "-json", "-run", "TestAdd$", pkg)
	actions := map[string]bool{}
	for _, line := range strings.Split(strings.TrimSpace(js.stdout), "\n") {
		var ev struct{ Action, Package, Test, Output string }
		if err := json.Unmarshal([]byte(line), &ev); err != nil || ev.Package == "" {
			t.Errorf("-json line %q: %v", line, err)
			continue
		}
		actions[ev.Action+" "+ev.Test] = true
	}
	for _, want := range []string{"start ", "run TestAdd", "pass TestAdd", "pass "} {
		if !actions[want] {
			t.Errorf("-json output lacks the event %q (has %v)", want, actions)
		}
	}
}

// -coverprofile from Chromium: the test binary writes its coverage through
// the runner, and go tool cover reads the profile.
func TestTestCommandCoverage(t *testing.T) {
	profile := filepath.Join(t.TempDir(), "cover.out")
	got := buildwasmTest(t, nil, "-run", "TestDouble", "-coverprofile="+profile, "./testdata/wasmtests")
	if got.code != 0 || !strings.Contains(got.stdout, "coverage: 66.7% of statements") {
		t.Fatalf("exit %d\n%s%s", got.code, got.stdout, got.stderr)
	}
	fn := run(t, "", nil, "go", "tool", "cover", "-func="+profile)
	if fn.code != 0 || !strings.Contains(fn.stdout, "wasmtests.go:6:\tDouble") || !strings.Contains(fn.stdout, "66.7%") {
		t.Errorf("go tool cover -func: exit %d\n%s%s", fn.code, fn.stdout, fn.stderr)
	}
}

// Go's own syscall/js tests and the shim's pass in Chromium, the packages
// of one command tested side by side as go test does; benchmarks run too.
func TestTestCommandGoSuites(t *testing.T) {
	pkgs := []string{"syscall/js", "github.com/buildwasm/buildwasm/shim"}
	got := buildwasmTest(t, nil, pkgs...)
	for _, pkg := range pkgs {
		if got.code != 0 || !strings.Contains(got.stdout, "ok  \t"+pkg) {
			t.Errorf("buildwasm test %s: exit %d\n%s%s", pkg, got.code, got.stdout, got.stderr)
		}
	}
	bench := buildwasmTest(t, nil, "-run", "^$", "-bench", "Double", "-benchtime", "1000x", "-benchmem", "./testdata/wasmtests")
	if bench.code != 0 || !strings.Contains(bench.stdout, "BenchmarkDouble") || !strings.Contains(bench.stdout, "1000\t") || !strings.Contains(bench.stdout, "B/op") {
		t.Errorf("-bench: exit %d\n%s%s", bench.code, bench.stdout, bench.stderr)
	}
}

// Past -timeout: a blocked test gets Go's goroutine dump, with the
// standard library's files where they are; a test spinning
// without yielding is killed by the runner, which names it.
func TestTestCommandTimeouts(t *testing.T) {
	blocked := buildwasmTest(t, []string{"WASMTESTS_BLOCK=1"}, "-timeout", "2s", "-run", "TestBlock", "./testdata/wasmtests")
	if blocked.code != 1 || !strings.Contains(blocked.stderr+blocked.stdout, "panic: test timed out after 2s") ||
		!strings.Contains(blocked.stderr+blocked.stdout, "TestBlockWhenAsked") || !strings.Contains(blocked.stderr+blocked.stdout, "goroutine ") {
		t.Errorf("blocked test: exit %d\n%s%s", blocked.code, blocked.stdout, blocked.stderr)
	}
	// Standard library frames name the GOROOT, not buildwasm's patched
	// copy; only the files buildwasm adds to syscall/js live there alone.
	out := blocked.stdout + blocked.stderr
	if !strings.Contains(out, goroot()+"/src/testing/testing.go:") || strings.Contains(addedFiles.ReplaceAllString(out, ""), "buildwasm/goroot/") {
		t.Errorf("blocked test: the trace should show %s/src/testing/testing.go and no cache path\n%s", goroot(), out)
	}
	spinning := buildwasmTest(t, []string{"WASMTESTS_SPIN=1"}, "-v", "-timeout", "2s", "-run", "TestSpin", "./testdata/wasmtests")
	if spinning.code != 1 || !strings.Contains(spinning.stderr+spinning.stdout, "ran past -test.timeout=2s without yielding to JavaScript") ||
		!strings.Contains(spinning.stderr+spinning.stdout, "the test running was TestSpinWhenAsked") {
		t.Errorf("spinning test: exit %d\n%s%s", spinning.code, spinning.stdout, spinning.stderr)
	}
}

// Bad setups say what to do in one line; plain go test can use the runner.
func TestTestCommandSetup(t *testing.T) {
	noChrome := buildwasmTest(t, []string{"CHROME=/nonexistent/chrome"}, "./testdata/wasmtests")
	if noChrome.code != 1 || noChrome.stderr != "buildwasm test: CHROME=/nonexistent/chrome: no such file; or run the tests in Node with -node\n" {
		t.Errorf("missing Chromium: exit %d, %q", noChrome.code, noChrome.stderr)
	}
	viaGo := runIn(t, ".", []string{"GOOS=js", "GOARCH=wasm"}, "go", "test", "-exec", buildwasmBin+" exec -browser", "-v", "-run", "TestDOM", "./testdata/wasmtests")
	if viaGo.code != 0 || !strings.Contains(viaGo.stdout, "--- PASS: TestDOM") {
		t.Errorf("go test -exec 'buildwasm exec -browser': exit %d\n%s%s", viaGo.code, viaGo.stdout, viaGo.stderr)
	}
}

// buildwasm test with the other supported toolchains (GOTOOLCHAIN), in a
// module that says go 1.24: the fixture's tests, files and coverage in
// Chromium, Go's own syscall/js tests, and traces naming the toolchain's
// files.
func TestTestCommandCompat(t *testing.T) {
	for _, v := range compatToolchains(t) {
		t.Run(v, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "wasmtests")
			if err := os.CopyFS(dir, os.DirFS(filepath.Join("testdata", "wasmtests"))); err != nil {
				t.Fatal(err)
			}
			os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module wasmtests\n\ngo 1.24\n"), 0o644)
			env := []string{"GOTOOLCHAIN=" + v, "GOWORK=off"}
			profile := filepath.Join(t.TempDir(), "cover.out")
			got := runIn(t, dir, env, buildwasmBin, "test", "-v", "-coverprofile="+profile, ".")
			if got.code != 0 || !strings.Contains(got.stdout, "--- PASS: TestDOM") || !strings.Contains(got.stdout, "--- PASS: TestFiles") ||
				!strings.Contains(got.stdout, "coverage: 66.7% of statements") {
				t.Errorf("exit %d\n%s%s", got.code, got.stdout, got.stderr)
			}
			std := runIn(t, dir, env, buildwasmBin, "test", "syscall/js")
			if std.code != 0 || !strings.HasPrefix(std.stdout, "ok  \tsyscall/js") {
				t.Errorf("syscall/js: exit %d\n%s%s", std.code, std.stdout, std.stderr)
			}
			// Traces name this toolchain's own files (in the module cache).
			root, err := testenv.GOROOT(dir, env...)
			if err != nil {
				t.Fatal(err)
			}
			blocked := runIn(t, dir, append(env, "WASMTESTS_BLOCK=1"), buildwasmBin, "test", "-timeout", "2s", "-run", "TestBlock", ".")
			if out := blocked.stdout + blocked.stderr; !strings.Contains(out, root+"/src/testing/testing.go:") || strings.Contains(addedFiles.ReplaceAllString(out, ""), "buildwasm/goroot/") {
				t.Errorf("a blocked test's trace should name %s/src/testing/testing.go and no cache path:\n%s", root, out)
			}
		})
	}
}

// A js.Func callback that panics when JavaScript calls it (a timer, a
// promise) throws a GoPanicError nobody catches: the test binary fails with
// the panic and its Go frame, in Chromium as in Node, as under the stock
// runner. A GoPanicError that JavaScript catches fails nothing.
func TestTestCommandUncaughtPanic(t *testing.T) {
	const pkg = "./testdata/callbackpanics"
	cases := map[string]string{
		"TestTimerPanic":   "uncaught GoPanicError: assignment to entry in nil map\n    at github.com/buildwasm/buildwasm/tests/testdata/callbackpanics.TestTimerPanic.func1 (" + fixtureLine(t, pkg, "callbackpanics_test.go", "m[\"x\"] = 1") + ")",
		"TestPromisePanic": "uncaught GoPanicError: boom in then\n    at github.com/buildwasm/buildwasm/tests/testdata/callbackpanics.TestPromisePanic.func1 (" + fixtureLine(t, pkg, "callbackpanics_test.go", `panic("boom in then")`) + ")",
	}
	stock := runIn(t, ".", []string{"GOOS=js", "GOARCH=wasm"}, "go", "test", "-exec", stockExec(), "-run", "TestTimerPanic|TestPromisePanic", pkg)
	if stock.code == 0 {
		t.Fatalf("the stock runner passes the fixture; it must fail it:\n%s", stock.stdout)
	}
	for _, runner := range [][]string{nil, {"-node"}} {
		for name, want := range cases {
			got := buildwasmTest(t, nil, append(runner, "-run", name+"$", pkg)...)
			if got.code != 1 || !strings.Contains(got.stdout+got.stderr, want) || !strings.Contains(got.stdout, "FAIL\tgithub.com/buildwasm/buildwasm/tests/testdata/callbackpanics") {
				t.Errorf("%v %s: exit %d, want 1 and %q in\n%s%s", runner, name, got.code, want, got.stdout, got.stderr)
			}
		}
		js := buildwasmTest(t, nil, append(runner, "-json", "-run", "TestTimerPanic$", pkg)...)
		if !strings.Contains(js.stdout, `"Output":"buildwasm: uncaught GoPanicError: assignment to entry in nil map\n"`) || !strings.Contains(js.stdout, `"Action":"fail","Package":"github.com/buildwasm/buildwasm/tests/testdata/callbackpanics"`) {
			t.Errorf("%v -json: the panic and the package's failure should be events:\n%s", runner, js.stdout)
		}
		caught := buildwasmTest(t, nil, append(runner, "-run", "TestCaughtPanic", pkg)...)
		if caught.code != 0 {
			t.Errorf("%v: a GoPanicError JavaScript caught failed the test: exit %d\n%s%s", runner, caught.code, caught.stdout, caught.stderr)
		}
	}
}

// fixtureLine is "FILE:LINE" of the line of testdata file pkg/name that
// contains text, as Go's runtime names it (an absolute path).
func fixtureLine(t *testing.T, pkg, name, text string) string {
	t.Helper()
	path, err := filepath.Abs(filepath.Join(pkg, name))
	if err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for i, line := range strings.Split(string(src), "\n") {
		if strings.Contains(line, text) {
			return fmt.Sprintf("%s:%d", path, i+1)
		}
	}
	t.Fatalf("%s has no line with %q", path, text)
	return ""
}

// Everything after -args goes to the test binary untouched; buildwasm's own
// flags are read before it only. (The refusal of -exec, a usage mistake, is
// tested in process in cmd/buildwasm.)
func TestTestCommandArgs(t *testing.T) {
	const pkg = "./testdata/wasmtests"
	afterArgs := buildwasmTest(t, nil, "-v", "-run", "TestDOM", pkg, "-args", "-node")
	if afterArgs.code != 1 || !strings.Contains(afterArgs.stdout+afterArgs.stderr, "flag provided but not defined: -node") {
		t.Errorf("-args -node: the test binary should get -node (and refuse it): exit %d\n%s%s", afterArgs.code, afterArgs.stdout, afterArgs.stderr)
	}
	help := buildwasmTest(t, nil, pkg, "-args", "-h")
	if out := help.stdout + help.stderr; !strings.Contains(out, "-test.run") || strings.Contains(out, "Usage: buildwasm test") {
		t.Errorf("-args -h: the test binary's usage expected, not buildwasm's:\n%s", out)
	}
	nodeLater := buildwasmTest(t, nil, "-v", "-run", "TestDOM", pkg, "-node")
	if nodeLater.code != 0 || !strings.Contains(nodeLater.stdout, "no DOM here (Node)") {
		t.Errorf("-node after the package should run in Node: exit %d\n%s%s", nodeLater.code, nodeLater.stdout, nodeLater.stderr)
	}
}

// -setup runs a script before the program in both runners (a package that
// reads a global in init); its imports are resolved. Without it the test
// fails; a broken or missing script is named.
func TestTestCommandSetupScript(t *testing.T) {
	const pkg = "./testdata/setuptests"
	for _, runner := range [][]string{nil, {"-node"}} {
		got := buildwasmTest(t, nil, append(runner, "-v", "-setup", pkg+"/setup.mjs", pkg)...)
		if got.code != 0 || !strings.Contains(got.stdout, "--- PASS: TestContextFromSetup") {
			t.Errorf("%v -setup: exit %d\n%s%s", runner, got.code, got.stdout, got.stderr)
		}
		without := buildwasmTest(t, nil, append(runner, pkg)...)
		if without.code != 1 || !strings.Contains(without.stdout, "no setup script ran") {
			t.Errorf("%v without -setup: exit %d\n%s%s", runner, without.code, without.stdout, without.stderr)
		}
		broken := buildwasmTest(t, nil, append(runner, "-setup="+pkg+"/broken.mjs", pkg)...)
		if broken.code != 1 || !strings.Contains(broken.stdout+broken.stderr, "broken.mjs") {
			t.Errorf("%v with a broken setup script: exit %d\n%s%s", runner, broken.code, broken.stdout, broken.stderr)
		}
	}
	missing := buildwasmTest(t, nil, "-setup", "nope.mjs", pkg)
	if abs, _ := filepath.Abs("nope.mjs"); missing.code != 1 || missing.stderr != "buildwasm test: setup script "+abs+": no such file\n" {
		t.Errorf("a missing setup script: exit %d, %q", missing.code, missing.stderr)
	}
}

// A real browser test suite written for another runner: go-app's pkg/app
// mounts its components into the page's body, replacing its first elements.
// It passes whole in buildwasm's page (it lost 466 of its 556 results on a
// page with an empty body). The module comes from the module proxy.
func TestTestCommandGoApp(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "goapp")
	if err := os.CopyFS(dir, os.DirFS(filepath.Join("testdata", "thirdparty", "goapp"))); err != nil {
		t.Fatal(err)
	}
	got := runIn(t, dir, []string{"GOWORK=off", "GOFLAGS="}, buildwasmBin, "test", "-json", "github.com/maxence-charriere/go-app/v10/pkg/app")
	passed, failed := 0, []string{}
	for _, line := range strings.Split(got.stdout, "\n") {
		var ev struct{ Action, Test string }
		if json.Unmarshal([]byte(line), &ev) != nil || ev.Test == "" {
			continue
		}
		switch ev.Action {
		case "pass":
			passed++
		case "fail":
			failed = append(failed, ev.Test)
		}
	}
	if got.code != 0 || passed < 556 || len(failed) > 0 {
		t.Errorf("go-app v10.1.3 pkg/app: exit %d, %d passed, failed: %v\n%s", got.code, passed, failed, got.stderr)
	}
}
