//go:build ignore

// Added to syscall/js by buildwasm at build time (see internal/jspatch): the
// callback boundary that turns a panic into an error for the JS caller.

package js

import (
	"internal/reflectlite"
	"runtime"
	"sync/atomic"
	"unsafe"
)

// gcRequest is set to 1 by the loader, through linear memory, when Go holds
// so much JS memory (ArrayBuffers above all) that only a Go GC can let the
// JS GC free it: js/wasm has no sysmon, so a small Go heap never collects.
var gcRequest uint32

// heavyRefs name (id + 1) the last four JS values the loader handed Go
// that hold memory of their own (ArrayBuffers and their views): their
// Values get a finalizer of their own, not a slab's, so that no
// long-lived Value made beside them can keep their memory.
var heavyRefs [4]uint32

func init() {
	jsGo.Set("_gcRequest", int(uintptr(unsafe.Pointer(&gcRequest))))
	jsGo.Set("_heavyRefs", int(uintptr(unsafe.Pointer(&heavyRefs))))
	// App.gc: a Go GC, then a yield so that finalizers drop their refs.
	jsGo.Set("_gc", FuncOf(func(this Value, args []Value) any {
		runtime.GC()
		runtime.Gosched()
		return nil
	}))
	// App.stats: Go's side of the census.
	jsGo.Set("_stats", FuncOf(func(this Value, args []Value) any {
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		funcsMu.Lock()
		n := len(funcs)
		funcsMu.Unlock()
		return map[string]any{"goHeap": int(m.HeapAlloc), "goFuncs": n}
	}))
}

// syncGC runs in makeValue, a safe point every JS value passes: a GC finds
// the dropped Values, and yielding lets their finalizers release the refs
// even in a loop that never waits.
func syncGC() {
	if atomic.LoadUint32(&gcRequest) != 0 {
		atomic.StoreUint32(&gcRequest, 0)
		runtime.GC()
		runtime.Gosched()
	}
}

// invoke calls the callback of an event and returns its result, or, when it
// panics, a panic record ({message, goStack}) that the loader throws to the
// JavaScript caller as a GoPanicError; the program keeps running.
//
// runtime.Goexit cannot be recovered, and the runtime's event loop would
// never see the callback return: it is turned into a panic naming it, so the
// program ends with a clear error instead of leaving its caller waiting.
func invoke(f func(Value, []Value) any, this Value, args []Value) (v Value, panicked bool) {
	returned := false
	defer func() {
		if returned {
			return
		}
		r := recover()
		if r == nil {
			panic("buildwasm: runtime.Goexit called in a js.Func callback: Go cannot return to the JavaScript caller")
		}
		v, panicked = ValueOf(panicRecord(r, "syscall/js.invoke")), true
	}()
	result := f(this, args)
	returned = true
	// The results most callbacks return, without resultValue's recover.
	switch r := result.(type) {
	case nil:
		return valueNull, false
	case Value:
		return r, false
	}
	v, refused := resultValue(result)
	if refused != nil {
		return badResult(f, result, refused), true
	}
	return v, false
}

// invokeEvent is handleEvent's call of the callback for an event on
// jsGo._pendingEvent: the outcome goes on the event object.
func invokeEvent(cb Value, f func(Value, []Value) any, this Value, args []Value) {
	if v, panicked := invoke(f, this, args); panicked {
		cb.Set("panic", v)
	} else {
		cb.Set("result", v)
	}
}

// resultValue is ValueOf(result), or ValueOf's panic for a value it
// refuses (a []string, a struct, or one inside a []any or map): that panic
// alone would name neither the callback nor the type, and come with no Go
// frame.
func resultValue(result any) (v Value, refused any) {
	defer func() {
		refused = recover()
	}()
	return ValueOf(result), nil
}

// badResult is the panic record of a callback whose result ValueOf refuses:
// the callback's name and place, the result's type and ValueOf's reason.
func badResult(f func(Value, []Value) any, result, refused any) Value {
	name, file, line := "the callback", "?", 0
	// A func value points at its closure, whose first word is the code.
	if fn := runtime.FuncForPC(**(**uintptr)(unsafe.Pointer(&f))); fn != nil {
		name = fn.Name()
		file, line = fn.FileLine(fn.Entry())
	}
	msg := "js.FuncOf callback " + name + " returned a " + typeName(result) +
		" that js.ValueOf cannot convert (" + panicMessage(refused) + "): return a js.Value, nil, a bool, a number, a string, or []any and map[string]any of those"
	return ValueOf(newPanicRecord(msg, []any{[]any{name, file, line}}))
}

// typeName and jsErrorValue are what panicrecord.go needs of this package.
func typeName(v any) string { return reflectlite.TypeOf(v).String() }

func jsErrorValue(r any) (any, bool) {
	if e, ok := r.(Error); ok {
		return e.Value, true
	}
	return nil, false
}

// refSlabSize is how many Values share one finalizer. Stock, makeValue
// sets a finalizer on an 8-byte ref of its own for every string, object
// and function; inserting it into its span's list of specials was the
// largest single cost of the bridge (BENCHMARKS.md). A slab's refs are
// released together once no Value points into it: a JS value may outlive
// its Value by as long as the other seven of its slab live (but for heavy
// ones, see heavyRefs).
const refSlabSize = 8

type refSlab struct {
	refs [refSlabSize]ref
}

// refHolder is a Value's gcPtr: its ref, and the slab it keeps alive.
// One allocation per Value, as stock makes, but no finalizer of its own.
type refHolder struct {
	ref  ref
	slab *refSlab
}

// slab is the slab being filled, and used how many of its refs.
var (
	slab     *refSlab
	slabUsed int
)

// slabValue is makeValue's Value for r, when r needs releasing: its
// holder keeps a slab alive, whose finalizer releases r.
func slabValue(r ref) (Value, bool) {
	if (r>>32)&nanHead != nanHead || (r>>32)&7 == typeFlagNone {
		return Value{}, false
	}
	if id := uint32(r) + 1; heavyRefs[0] == id || heavyRefs[1] == id || heavyRefs[2] == id || heavyRefs[3] == id {
		for i := range heavyRefs {
			if heavyRefs[i] == id {
				heavyRefs[i] = 0
			}
		}
		return Value{}, false // makeValue gives it a finalizer of its own
	}
	if slab == nil || slabUsed == refSlabSize {
		slab, slabUsed = new(refSlab), 0
		runtime.SetFinalizer(slab, func(s *refSlab) {
			for _, r := range s.refs {
				if r != 0 {
					finalizeRef(r)
				}
			}
		})
	}
	slab.refs[slabUsed] = r
	slabUsed++
	h := &refHolder{ref: r, slab: slab}
	return Value{ref: r, gcPtr: &h.ref}, true
}
