package tests

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// jsError is an Error as the case scripts describe it (goType: a GoError's).
type jsError struct {
	Name, Message, Stack, GoType string
	Code                         int
	GoStack                      []struct {
		Func, File string
		Line       int
	}
	Cause *jsError
}

type outcome struct {
	Value  any
	Thrown *jsError
}

type exitOutcome struct {
	Thrown *jsError
	Code   int
	Error  *jsError
	Later  *jsError
}

type panicResults struct {
	Index, NilMap, Custom, Sprintf, Wrapped, BadSlice, BadStruct, AfterPanics, Nested outcome
	Thousand                                                                          struct {
		Panics, MemoryBefore, MemoryAfter int
		OK                                outcome
	}
	GoPanic                                                                      []jsError
	PromiseOk, PromiseError, PromisePanic, PromiseThrow                          outcome
	AwaitValue, AwaitRejected, AwaitInCallback, AliveAfterShim                   outcome
	Goexit, GoroutinePanic, GoStackOverflow, Trap, DeepRecursion, ThrowingGetter exitOutcome
}

// panicsDist builds testdata/panics with buildwasm (so with the syscall/js
// patch and a linked source map), once per run.
var panicsDist = sync.OnceValues(func() (string, error) {
	dir := filepath.Join(tmpRoot, "panics-dist")
	res := runQuiet(buildwasmBin, "build", "-o", dir, "./testdata/panics")
	return dir, res.err
})

// hasFrame says whether the first Go frame of e in a function starting
// with prefix is at line.
func hasFrame(e *jsError, prefix string, line int) bool {
	for _, f := range e.GoStack {
		if strings.HasPrefix(f.Func, prefix) {
			return f.Line == line
		}
	}
	return false
}

// sourceLine is the line of testdata/panics/main.go that contains text.
func sourceLine(t *testing.T, text string) int {
	t.Helper()
	return sourceLineIn(t, "panics", text)
}

// sourceLineIn is the line of testdata/PROGRAM/main.go that contains text.
func sourceLineIn(t *testing.T, program, text string) int {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", program, "main.go"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		if strings.Contains(sc.Text(), text) {
			return n
		}
	}
	t.Fatalf("no line with %q", text)
	return 0
}

// checkPanics holds the observations of panics-cases.mjs to what Go says;
// file is the fixture's main.go as a -trimpath build names it. The
// callback panics and shim's cases are the same in every engine; the
// failures that end a program carry the engine's own errors (checkExits).
func checkPanics(t *testing.T, r panicResults, file string) {
	t.Helper()
	checkCallbackPanics(t, r, file)
	checkExits(t, r, file)
}

func checkCallbackPanics(t *testing.T, r panicResults, file string) {
	t.Helper()
	panicCase := func(name string, o outcome, message, fn string, line int) {
		t.Helper()
		e := o.Thrown
		if e == nil || e.Name != "GoPanicError" || e.Message != message {
			t.Errorf("%s: %+v, want a GoPanicError %q", name, o, message)
			return
		}
		if len(e.GoStack) == 0 || e.GoStack[0].Func != fn || e.GoStack[0].File != file || e.GoStack[0].Line != line {
			t.Errorf("%s: goStack %+v, want %s at %s:%d first", name, e.GoStack, fn, file, line)
		}
		want := "GoPanicError: " + message + "\n    at " + fn + " (" + file + ":"
		if !strings.HasPrefix(e.Stack, want) || !strings.Contains(e.Stack, "panics-cases.mjs") {
			t.Errorf("%s: stack does not start with the Go frames in V8's format and go on with the JS caller:\n%s", name, e.Stack)
		}
	}
	panicCase("index", r.Index, "runtime error: index out of range [5] with length 3", "main.indexOutOfRange", sourceLine(t, "return s[i]"))
	panicCase("nilMap", r.NilMap, "assignment to entry in nil map", "main.nilMapWrite", sourceLine(t, `m["x"] = 1`))
	panicCase("custom", r.Custom, "custom error 42", "main.main.func4", sourceLine(t, "panic(customError{42})"))
	panicCase("sprintf", r.Sprintf, "formatted 7-x", "main.main.func5", sourceLine(t, `panic(fmt.Sprintf("formatted`))
	panicCase("wrapped", r.Wrapped, "wrapped: inner", "main.main.func6", sourceLine(t, `panic(fmt.Errorf("wrapped`))
	const refused = " that js.ValueOf cannot convert (ValueOf: invalid value): return a js.Value, nil, a bool, a number, a string, or []any and map[string]any of those"
	panicCase("badSlice", r.BadSlice, "js.FuncOf callback main.main.func8 returned a []string"+refused, "main.main.func8", sourceLine(t, `shim.Export("badSlice"`))
	panicCase("badStruct", r.BadStruct, "js.FuncOf callback main.main.func9 returned a struct { X int }"+refused, "main.main.func9", sourceLine(t, `shim.Export("badStruct"`))
	if r.AfterPanics.Value != "still alive" {
		t.Errorf("after panics: %+v", r.AfterPanics)
	}
	th := r.Thousand
	if th.Panics != 1000 || th.OK.Value != "still alive" || th.MemoryAfter != th.MemoryBefore {
		t.Errorf("1,000 panicking calls: %+v, want 1,000 GoPanicErrors, a live program and flat wasm memory", th)
	}
	if r.Nested.Value != "recovered js.Error true: GoPanicError" {
		t.Errorf("Go→JS→Go panic: %+v, want the outer Go code to recover a js.Error", r.Nested)
	}

	if len(r.GoPanic) != 1 || r.GoPanic[0].Name != "GoPanicError" || r.GoPanic[0].Message != "boom in shim.Go" ||
		len(r.GoPanic[0].GoStack) == 0 || r.GoPanic[0].GoStack[0].Line != sourceLine(t, `panic("boom in shim.Go")`) {
		t.Errorf("shim.Go panic reported as %+v", r.GoPanic)
	}
	if r.PromiseOk.Value != "promised ok" {
		t.Errorf("shim.Promise resolve: %+v", r.PromiseOk)
	}
	if e := r.PromiseError.Thrown; e == nil || e.Name != "Error" || e.Message != "promise failed" {
		t.Errorf("shim.Promise error: %+v", r.PromiseError)
	}
	if e := r.PromisePanic.Thrown; e == nil || e.Name != "GoPanicError" || e.Message != "assignment to entry in nil map" {
		t.Errorf("shim.Promise panic: %+v, want a rejection with the GoPanicError", r.PromisePanic)
	}
	// The panic record of shim is the patched syscall/js's: the JS error
	// that went through Go is the cause, as in a callback.
	if e := r.PromiseThrow.Thrown; e == nil || e.Name != "GoPanicError" || e.Message != "JavaScript error: thrown by JS" ||
		e.Cause == nil || e.Cause.Name != "TypeError" || e.Cause.Message != "thrown by JS" ||
		!hasFrame(e, "main.", sourceLine(t, "args[1].Invoke()")) {
		t.Errorf("shim.Promise panic with a JS error: %+v, want a GoPanicError caused by the TypeError, from the Invoke line", e)
	}
	if r.AwaitValue.Value != float64(42) {
		t.Errorf("shim.Await: %+v", r.AwaitValue)
	}
	if e := r.AwaitRejected.Thrown; e == nil || e.Name != "RangeError" || e.Message != "nope" {
		t.Errorf("shim.Await of a rejected promise: %+v, want the RangeError itself", r.AwaitRejected)
	}
	if v, _ := r.AwaitInCallback.Value.(string); !strings.HasPrefix(v, "shim.Await called in a js.Func callback, where it cannot block") {
		t.Errorf("shim.Await in a callback: %+v", r.AwaitInCallback)
	}
	if r.AliveAfterShim.Value != "still alive" {
		t.Errorf("after the shim cases: %+v", r.AliveAfterShim)
	}
}

// checkExits holds the failures that end the program to V8's errors
// (Node, Chromium): each ends with code 2 and names its cause later.
func checkExits(t *testing.T, r panicResults, file string) {
	t.Helper()
	exitCase := func(name string, o exitOutcome, errName, message string) {
		t.Helper()
		if o.Code != 2 || o.Error == nil || o.Error.Name != errName || !strings.Contains(o.Error.Message, message) {
			t.Errorf("%s: exited %+v, want code 2 and a %s with %q", name, o, errName, message)
		}
		if o.Later == nil || o.Later.Name != "GoExitedError" || !strings.Contains(o.Later.Message, message) {
			t.Errorf("%s: a later call gave %+v, want a GoExitedError naming the cause", name, o.Later)
		}
	}
	exitCase("goexit", r.Goexit, "GoFatalError", "runtime.Goexit called in a js.Func callback")
	exitCase("goroutine panic", r.GoroutinePanic, "GoPanicError", "boom in a goroutine")
	if s := r.GoroutinePanic.Error; s != nil && (len(s.GoStack) == 0 || s.GoStack[0].Line != sourceLine(t, `panic("boom in a goroutine")`)) {
		t.Errorf("goroutine panic frames %+v", s.GoStack)
	}
	exitCase("fatal error", r.GoStackOverflow, "GoFatalError", "stack overflow")
	exitCase("trap", r.Trap, "RuntimeError", "memory access out of bounds")
	exitCase("deep recursion", r.DeepRecursion, "RangeError", "Maximum call stack size exceeded")
	exitCase("throwing getter", r.ThrowingGetter, "TypeError", "getter says no")
	// Wasm frames of traps get Go names and file:line from the source map.
	for name, o := range map[string]exitOutcome{"trap": r.Trap, "deep recursion": r.DeepRecursion} {
		if o.Error == nil || !strings.Contains(o.Error.Stack, "("+file+":") {
			t.Errorf("%s: stack has no Go file:line frames:\n%v", name, o.Error)
		}
	}
	if e := r.DeepRecursion.Error; e != nil && !strings.Contains(e.Stack, "at main.recurse (") {
		t.Errorf("deep recursion: no main.recurse frame:\n%s", e.Stack)
	}
}

const fixtureFile = "github.com/buildwasm/buildwasm/tests/testdata/panics/main.go"

// The compat target builds the fixture with every supported toolchain, in
// a module of its own that says go 1.24 and uses this repository's shim.
func TestPanicsCompat(t *testing.T) {
	for _, v := range compatToolchains(t) {
		t.Run(v, func(t *testing.T) {
			var r panicResults
			nodeScript(t, "panics.mjs", &r, buildWith(t, v, "panics", "panics"))
			checkPanics(t, r, "panics/main.go")
		})
	}
}

// buildWith builds testdata/FIXTURE/main.go with the Go release v, in a
// module of path module that says go 1.24 and uses this repository's
// shim, and returns the program's path in its dist.
func buildWith(t *testing.T, v, fixture, module string) string {
	t.Helper()
	shim, _ := filepath.Abs(filepath.Join("..", "shim"))
	dir := filepath.Join(t.TempDir(), fixture) // the wasm is named after it
	if err := os.CopyFS(dir, os.DirFS(filepath.Join("testdata", fixture))); err != nil {
		t.Fatal(err)
	}
	gomod := "module " + module + "\n\ngo 1.24\n\nrequire github.com/buildwasm/buildwasm/shim v0.0.0\n\nreplace github.com/buildwasm/buildwasm/shim => " + shim + "\n"
	os.WriteFile(filepath.Join(dir, "go.mod"), []byte(gomod), 0o644)
	dist := filepath.Join(dir, "dist")
	got := runIn(t, dir, []string{"GOTOOLCHAIN=" + v, "GOFLAGS=-mod=mod", "GOWORK=off"}, buildwasmBin, "build", "-o", dist, ".")
	if got.code != 0 {
		t.Fatalf("buildwasm build with %s: %+v", v, got)
	}
	return distFile(t, dist, "wasm")
}

func TestPanicsNode(t *testing.T) {
	dist, err := panicsDist()
	if err != nil {
		t.Fatal(err)
	}
	var r panicResults
	nodeScript(t, "panics.mjs", &r, distFile(t, dist, "wasm"))
	checkPanics(t, r, fixtureFile)
}

func TestPanicsChromium(t *testing.T) {
	dist, err := panicsDist()
	if err != nil {
		t.Fatal(err)
	}
	var r panicResults
	tab := runCasesInChromium(t, dist, "panics-cases.mjs", "panics.wasm", &r)
	checkPanics(t, r, fixtureFile)

	// Without an stderr option, a page shows a program's death as one
	// console.error of the parsed error, not the runtime's lines.
	var logged []string
	evaluate(t, tab, `
		const { load } = await import("/dist/loader.js");
		const logged = [];
		const original = console.error;
		console.error = (...args) => logged.push(args.map((a) => (a instanceof Error ? a.name + ": " + a.message : String(a))).join(" "));
		const app = await load("/dist/panics.wasm");
		try { app.exports.goroutinePanic(); } catch {} // the program dies during the call
		await app.exited;
		console.error = original;
		return logged;`, &logged)
	if len(logged) != 1 || logged[0] != "GoPanicError: boom in a goroutine" {
		t.Errorf("console.error calls %q, want one with the GoPanicError", logged)
	}
}
