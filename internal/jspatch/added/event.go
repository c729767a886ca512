//go:build ignore

// Added to syscall/js by buildwasm at build time: js.Func calls that reach
// handleEvent through memory. Stock, each call is an object on
// jsGo._pendingEvent whose id, this and arguments Go reads one Get at a
// time, each a call into JS with a property name to decode, and whose
// result it sets the same way; here the loader writes them where Go reads
// them directly (loader/src/bridge.ts, contract.ts's EventWord). The
// runtime's round trip stays as it is: the call is still an event, so a
// callback that waits still blocks its caller, as under stock.

package js

import "unsafe"

// eventArgs is how many arguments fit in eventIn; a call with more goes by
// jsGo._pendingEvent.
const eventArgs = 16

// eventIn holds one call, 8-byte words:
//
//	word 0: low half 1 when a call is here (handleEvent sets it back to
//	        0), high half the Func's id
//	word 1: low half the number of arguments, high half the outcome:
//	        0 a result, 1 a panic record
//	word 2: this; word 3: the result or panic record; words 4…: the
//	        arguments (refs, as the loader stores values)
var eventIn [4 + eventArgs]uint64

// eventOut keeps the last call's result alive until the loader has read
// it, when the call returns to JS.
var eventOut Value

func init() {
	jsGo.Set("_eventIn", int(uintptr(unsafe.Pointer(&eventIn))))
}

// memoryEvent handles a call the loader left in eventIn; it reports false
// when there is none, and handleEvent goes on to look at _pendingEvent.
func memoryEvent() bool {
	if uint32(eventIn[0]) != 1 {
		return false
	}
	id := uint32(eventIn[0] >> 32)
	eventIn[0] = 0
	// Values first, so that the loader's refs are let go even when the
	// Func is gone.
	this := makeValue(ref(eventIn[2]))
	args := make([]Value, uint32(eventIn[1]))
	for i := range args {
		args[i] = makeValue(ref(eventIn[4+i]))
	}
	funcsMu.Lock()
	f, ok := funcs[id]
	funcsMu.Unlock()
	if !ok {
		// As stock: an error on the console, undefined to the caller.
		Global().Get("console").Call("error", "call to released function")
		eventOut = Undefined()
		eventIn[1], eventIn[3] = 0, 0
		return true
	}
	v, panicked := invoke(f, this, args)
	eventOut = v
	eventIn[3] = uint64(v.ref)
	if panicked {
		eventIn[1] = 1 << 32
	} else {
		eventIn[1] = 0
	}
	return true
}
