//go:build ignore

// Added to the runtime by buildwasm at build time (internal/jspatch,
// PatchRuntime): when a js.Func callback has returned, handleEvent parks
// its goroutine so that every other goroutine runs before the call returns
// to JavaScript. With nothing else able to run, the scheduler would find
// nothing and hand the goroutine back; buildwasmQuiet lets handleEvent skip
// that pass, a quarter to half of a js.Func call. Each term is something the
// scheduler's findRunnable would act on; any of them takes the stock path.

package runtime

func buildwasmQuiet() bool {
	pp := getg().m.p.ptr()
	return runqempty(pp) && RUNQ_EMPTY && pp.timers.wakeTime() == 0 &&
		gcBlackenEnabled == 0 && fingStatus.Load()&fingWake == 0 && CLEANUPS_IDLE &&
		!sched.gcwaiting.Load() && pp.runSafePointFn == 0 &&
		!traceEnabled() && !traceShuttingDown() && allDeadlineNotes == nil
}
