package tests

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/buildwasm/buildwasm/loader"
)

// nodeScript runs testdata/node/SCRIPT, with the other files there and the
// bundled loader (as loader.mjs) beside it, and decodes the one JSON line it
// prints into v.
func nodeScript(t *testing.T, script string, v any, args ...string) {
	t.Helper()
	dir := t.TempDir()
	bundle, err := loader.Bundle(loader.Module, loader.Options{Minify: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.CopyFS(dir, os.DirFS(filepath.Join("testdata", "node"))); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "loader.mjs"), bundle, 0o644); err != nil {
		t.Fatal(err)
	}
	res := run(t, "", nil, append([]string{"node", "--expose-gc", filepath.Join(dir, script)}, args...)...)
	if res.code != 0 {
		t.Fatalf("node %s exited %d\nstdout: %s\nstderr: %s", script, res.code, res.stdout, res.stderr)
	}
	if err := json.Unmarshal([]byte(res.stdout), v); err != nil {
		t.Fatalf("node %s printed no JSON: %v\nstdout: %s\nstderr: %s", script, err, res.stdout, res.stderr)
	}
}

func TestTwoAppsInOneProcess(t *testing.T) {
	a := program(t, "exports", []string{"-ldflags=-X main.id=1"})
	b := program(t, "exports", []string{"-ldflags=-X main.id=2"})
	var got struct {
		IDA, IDB, Sum, BAfterAExit int
		GoVersion                  string
		ExitedA                    struct{ Code int }
		AfterExit                  struct {
			Name, Message string
			Code          int
			IsError       bool
		}
		Out struct{ A, B string }
	}
	nodeScript(t, "twoapps.mjs", &got, a, b)
	if got.IDA != 1 || got.IDB != 2 {
		t.Errorf("exports mixed: id() gave %d and %d, want 1 and 2", got.IDA, got.IDB)
	}
	if got.Sum != 42 || got.BAfterAExit != 30 {
		t.Errorf("add gave %d and %d, want 42 and 30", got.Sum, got.BAfterAExit)
	}
	if got.Out.A != "app 1 ready\napp 1 says hi\n" || got.Out.B != "app 2 ready\napp 2 says hi\n" {
		t.Errorf("output mixed: a=%q b=%q", got.Out.A, got.Out.B)
	}
	if got.ExitedA.Code != 7 {
		t.Errorf("exited code %d, want 7", got.ExitedA.Code)
	}
	e := got.AfterExit
	if e.Name != "GoExitedError" || !e.IsError || e.Code != 7 || !strings.Contains(e.Message, "exited with code 7") {
		t.Errorf("call after exit: %+v, want a GoExitedError naming code 7", e)
	}
	if !strings.HasPrefix(got.GoVersion, "go1.") {
		t.Errorf("goVersion %q", got.GoVersion)
	}
}

type attempt struct {
	Stdout, Stderr string
	Code           int
	GoVersion      string
	Rejected       string
	Message        string
	ExitedError    bool
	Cause          *struct {
		Name, Message string
		IsPanic       bool
	}
	Warnings []string
	Added    []string
}

func TestLoad(t *testing.T) {
	programs := map[string]string{}
	for _, name := range []string{"echo", "exit3", "panic", "nonewline", "imports", "globals"} {
		programs[name] = program(t, name, nil)
	}
	arg, _ := json.Marshal(programs)
	var got map[string]attempt
	nodeScript(t, "load.mjs", &got, string(arg))

	const echoOut = "args: \nenv: \nwd ok: true\n"
	for _, name := range []string{"fileURL", "fileURLString", "bytes", "arrayBuffer", "module", "response", "wrongMime"} {
		r := got[name]
		if r.Rejected != "" || r.Code != 0 || r.Stdout != echoOut || r.Stderr != "to stderr\n" {
			t.Errorf("%s: %+v, want a clean run of echo", name, r)
		}
	}
	if r := got["path"]; r.Stdout != "args: a|b c\nenv: env given\nwd ok: true\n" || !strings.HasPrefix(r.GoVersion, "go1.") {
		t.Errorf("path with args and env: %+v", r)
	}
	if w := got["wrongMime"].Warnings; len(w) != 1 || !strings.Contains(w[0], `served as "application/octet-stream", not application/wasm`) {
		t.Errorf("wrong MIME warnings %q, want one saying why streaming was skipped", w)
	}
	if r := got["exit3"]; !r.ExitedError || r.Code != 3 || r.Stdout != "before exit\n" || r.Cause != nil {
		t.Errorf("exit3: %+v, want a GoExitedError with code 3 and no cause", r)
	}
	if r := got["panic"]; !r.ExitedError || r.Code != 2 || r.Cause == nil || !r.Cause.IsPanic || r.Cause.Message != "boom with 3 items" ||
		!strings.Contains(r.Message, "exited with code 2: boom with 3 items") || !strings.Contains(r.Stderr, "goroutine 1 [running]") {
		t.Errorf("panic: %+v, want a GoExitedError with a GoPanicError cause", r)
	}
	if r := got["nonewline"]; r.Stdout != "partial line on stdout" || r.Stderr != "partial line on stderr" {
		t.Errorf("nonewline: %+v", r)
	}
	if r := got["importsGiven"]; r.Stdout != "double(21) = 42\n" || r.Rejected != "" {
		t.Errorf("imports given: %+v", r)
	}
	for name, want := range map[string]string{
		"importsMissing": `imports env "double" (a //go:wasmimport), which was not given in options.imports`,
		"notGo":          "wasm bytes is not a Go js/wasm program (with no producers section",
		"empty":          "wasm bytes is empty",
		"missingFile":    ".missing: no such file",
		"workerInNode":   "worker mode needs a browser's Worker; in Node, call load() inside a worker_threads Worker",
	} {
		if r := got[name]; r.Rejected != "Error" || !strings.Contains(r.Message, want) {
			t.Errorf("%s: %+v, want rejection with %q", name, r, want)
		}
	}
	if r := got["globals"]; r.Code != 0 || !strings.HasPrefix(r.Stdout, "read: ") || !strings.Contains(r.Stdout, "<nil>\ngetwd: <nil>\n") ||
		strings.Join(r.Added, ",") != "setByGo" {
		t.Errorf("globals: %+v, want file access through Node's fs and only setByGo added to globalThis", r)
	}
}
