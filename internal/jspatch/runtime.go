package jspatch

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
)

// The runtime's part of the patch. After a js.Func callback returns, stock
// handleEvent (runtime/lock_js.go) parks its goroutine so that all others
// run before the call returns to JavaScript; when none can, the scheduler
// finds nothing and hands the goroutine back. PatchRuntime lets handleEvent
// skip that pass when buildwasmQuiet (added/runtime_quiet.go) says so, and
// checkTimeouts skip its clock read when there are no deadlines to check.
// A callback that starts a goroutine, readies one, or leaves a timer, a
// finalizer or GC work behind still takes the stock path.

var (
	parkAfterEvent        = []byte("\te.returned = true\n\tgopark(nil, nil, waitReasonZero, traceBlockGeneric, 1)\n")
	parkAfterEventPatched = []byte("\te.returned = true\n\tif !buildwasmQuiet() { gopark(nil, nil, waitReasonZero, traceBlockGeneric, 1) }\n")
	checkTimeoutsStart    = []byte("func checkTimeouts() {\n\tnow := nanotime()\n")
	checkTimeoutsPatched  = []byte("func checkTimeouts() {\n\tif allDeadlineNotes == nil { return }; now := nanotime()\n")
)

// PatchRuntime rewrites lock_js.go, keeping every line where it was.
func PatchRuntime(src []byte) ([]byte, error) {
	if bytes.Count(src, parkAfterEvent) != 1 || bytes.Count(src, checkTimeoutsStart) != 1 {
		return nil, errors.New("its handleEvent or checkTimeouts is not the one buildwasm knows (Go 1.24 to 1.27)")
	}
	src = bytes.Replace(src, parkAfterEvent, parkAfterEventPatched, 1)
	return bytes.Replace(src, checkTimeoutsStart, checkTimeoutsPatched, 1), nil
}

// runtimeQuiet returns added/runtime_quiet.go for the runtime in dir: its
// global run queue is a gQueue (Go 1.25 on) or a count (Go 1.24), and
// cleanups have goroutines of their own from Go 1.25. It refuses a runtime
// that lacks a name the file uses.
func runtimeQuiet(dir string) ([]byte, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return nil, err
	}
	var all []byte
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue // a name only tests have is not the runtime's
		}
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		all = append(all, b...)
	}
	src := addedFile("runtime_quiet.go")
	switch {
	case bytes.Contains(all, []byte("!sched.runq.empty()")):
		src = bytes.Replace(src, []byte("RUNQ_EMPTY"), []byte("sched.runq.empty()"), 1)
	case bytes.Contains(all, []byte("sched.runqsize != 0")):
		src = bytes.Replace(src, []byte("RUNQ_EMPTY"), []byte("sched.runqsize == 0"), 1)
	default:
		return nil, errors.New("its scheduler's global run queue is not one buildwasm knows (Go 1.24 to 1.27)")
	}
	cleanups := "true"
	if bytes.Contains(all, []byte("gcCleanups.needsWake()")) {
		cleanups = "!gcCleanups.needsWake()"
	}
	src = bytes.Replace(src, []byte("CLEANUPS_IDLE"), []byte(cleanups), 1)
	for _, name := range []string{"func runqempty(", "func (ts *timers) wakeTime() int64", "var gcBlackenEnabled uint32",
		"fingWake", "gcwaiting", "runSafePointFn", "func traceEnabled() bool", "func traceShuttingDown() bool", "var allDeadlineNotes"} {
		if !bytes.Contains(all, []byte(name)) {
			return nil, errors.New("it has no " + name + ", which buildwasm's addition to it uses (Go 1.24 to 1.27 have it)")
		}
	}
	return src, nil
}
