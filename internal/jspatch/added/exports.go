//go:build ignore

// Added to syscall/js by buildwasm at build time: the run-time side of typed
// exports (//buildwasm:export). buildwasm generates, for each package with
// marked functions, a file of //go:wasmexport wrappers that decode the
// arguments, call the function and report through the helpers below; the
// loader (loader/src/exports.ts) reads what they write. The layout is the
// contract of loader/src/contract.ts (ExportStatus).

package js

import (
	"internal/reflectlite"
	"sync"
	"unsafe"
)

// exportOut is where a wrapper leaves its outcome for the loader, 8-byte
// words, little-endian:
//
//	word 0: low half the sequence number of the call that finished (the
//	        loader tells a call that returned early, because the runtime
//	        paused for JS, from one that finished), high half the status;
//	word 1+2i, 2+2i: result i (a number's bits, a string's or slice's
//	        address and length, or a JS value's ref).
var exportOut [1 + 2*8]uint64

// Statuses of a finished call.
const (
	exportOK           = 0
	exportError        = 1 // word 1: the ref of [{message, goType}, ...], the errors.Unwrap chain
	exportPanic        = 2 // word 1: the ref of the panic record
	exportThrow        = 3 // word 1: the ref of a JS value the function returned as a js.Error
	exportNotSafe      = 4 // word 1: the result's index, word 2: its int64 bits
	exportNotSafeU     = 5 // as exportNotSafe, for an unsigned result (uint64 bits)
	exportNotCrossable = 6 // word 1: the ref of a string saying which value of the result cannot cross
)

// exportKeep and exportKeepString hold what the last finished call's
// results point to until the next one: the loader reads them as soon as
// the call returns. Strings have their own, as storing one in an any
// would allocate on every call.
var (
	exportKeep       [8]any
	exportKeepString [8]string
)

// exportScratch is where the loader writes the arguments that do not fit in
// wasm parameters (strings, slices, JS values); a wrapper copies them before
// the function runs, so a call from inside it may reuse the space.
var exportScratch []uint64

func init() {
	jsGo.Set("_exportOut", int(uintptr(unsafe.Pointer(&exportOut))))
}

// buildwasmScratch returns the address of at least n bytes of scratch
// space, 8-byte aligned, valid until the next call of it. The loader asks
// for room ahead (it keeps track of what it has): no rounding up here.
//
//go:wasmexport buildwasm.scratch
func buildwasmScratch(n int32) int32 {
	if words := (int(n) + 7) / 8; words > len(exportScratch) {
		exportScratch = make([]uint64, words)
	}
	return int32(uintptr(unsafe.Pointer(unsafe.SliceData(exportScratch))))
}

// exportOwned holds the memory buildwasmAlloc handed out until a wrapper
// takes it: the loader writes into it between two calls into Go, when
// nothing else points to it, and a GC may run in between (asking for the
// second argument's room is a call).
var exportOwned []unsafe.Pointer

// mallocgc leaves memory uncleared when asked: the loader overwrites every
// byte of what it asks for, and clearing a large slice first costs about
// as much as copying it. The runtime keeps it linkable for outside users
// (go.dev/issue/67401); its signature is the same in Go 1.24 to 1.27.
//
//go:linkname mallocgc runtime.mallocgc
func mallocgc(size uintptr, typ unsafe.Pointer, needzero bool) unsafe.Pointer

// buildwasmAlloc returns n bytes of Go's heap, pointer-free and not
// cleared, for the loader to write one large slice into: the wrapper then
// takes it as the slice's memory instead of copying it out of the scratch
// space (BuildwasmOwned).
//
//go:wasmexport buildwasm.alloc
func buildwasmAlloc(n int32) int32 {
	p := mallocgc(uintptr(n), nil, false)
	exportOwned = append(exportOwned, p)
	return int32(uintptr(p))
}

// BuildwasmOwned reports whether an argument at p lies in memory of its
// own from buildwasmAlloc, which the wrapper may keep, rather than in the
// scratch space, which it must copy. Once a wrapper runs, its parameters
// keep the memory alive, so the list lets go of it.
func BuildwasmOwned(p unsafe.Pointer) bool {
	start := uintptr(unsafe.Pointer(unsafe.SliceData(exportScratch)))
	if a := uintptr(p); a >= start && a < start+uintptr(len(exportScratch))*8 {
		return false
	}
	clear(exportOwned)
	exportOwned = exportOwned[:0]
	return true
}

// BuildwasmDone marks the call seq finished with status OK.
func BuildwasmDone(seq int32) {
	exportOut[0] = uint64(uint32(seq))
}

// BuildwasmRecover, deferred by every wrapper, reports a panic of the
// function as a panic record; the program lives on, as after a panic in a
// callback.
func BuildwasmRecover(seq int32) {
	if r := recover(); r != nil {
		exportValue(0, ValueOf(panicRecord(r, ".buildwasm_x_")))
		exportFinish(seq, exportPanic)
	}
}

// BuildwasmError reports the error a function returned: a js.Error as the
// JS value itself, any other as its message and dynamic type with those of
// the errors it wraps (errors.Unwrap's chain).
func BuildwasmError(seq int32, err error) {
	if e, ok := err.(Error); ok {
		exportValue(0, e.Value)
		exportFinish(seq, exportThrow)
		return
	}
	var chain []any
	for e := err; e != nil && len(chain) < 32; e = unwrap(e) {
		chain = append(chain, map[string]any{"message": e.Error(), "goType": reflectlite.TypeOf(e).String()})
	}
	exportValue(0, ValueOf(chain))
	exportFinish(seq, exportError)
}

func unwrap(err error) error {
	u, ok := err.(interface{ Unwrap() error })
	if !ok {
		return nil
	}
	return u.Unwrap()
}

func exportFinish(seq int32, status uint32) {
	exportOut[0] = uint64(uint32(seq)) | uint64(status)<<32
}

// exportValue puts a JS value into word 1+2i, kept alive until the next call.
func exportValue(i int, v Value) {
	exportKeep[i] = v
	exportOut[1+2*i] = uint64(v.ref)
}

// BuildwasmFloat sets result i to a float64 (every number but int64 and
// uint64 crosses as one).
func BuildwasmFloat(i int, f float64) {
	exportOut[1+2*i] = *(*uint64)(unsafe.Pointer(&f))
}

// BuildwasmInt sets result i to a Go int, uint or uintptr, which must fit
// in a JS number exactly: otherwise the call reports it, and the loader
// throws a RangeError.
func BuildwasmInt(seq int32, i int, n int64) bool {
	const safe = 1<<53 - 1
	if n > safe || n < -safe {
		exportOut[1] = uint64(i)
		exportOut[2] = uint64(n)
		exportFinish(seq, exportNotSafe)
		return false
	}
	BuildwasmFloat(i, float64(n))
	return true
}

// BuildwasmUint is BuildwasmInt for unsigned results.
func BuildwasmUint(seq int32, i int, n uint64) bool {
	if n > 1<<53-1 {
		exportOut[1] = uint64(i)
		exportOut[2] = n
		exportFinish(seq, exportNotSafeU)
		return false
	}
	BuildwasmFloat(i, float64(n))
	return true
}

// BuildwasmBits sets result i to 64 raw bits: an int64, a uint64 or a bool.
func BuildwasmBits(i int, bits uint64) {
	exportOut[1+2*i] = bits
}

// BuildwasmString sets result i to a string's bytes.
func BuildwasmString(i int, s string) {
	exportKeepString[i] = s
	exportOut[1+2*i] = uint64(uintptr(unsafe.Pointer(unsafe.StringData(s))))
	exportOut[2+2*i] = uint64(len(s))
}

// BuildwasmSlice sets result i to n elements at p, or to null if p is nil
// and nilSlice; keep holds the slice alive.
func BuildwasmSlice(i int, p unsafe.Pointer, n int, nilSlice bool, keep any) {
	exportKeep[i] = keep
	exportOut[1+2*i] = uint64(uintptr(p))
	if nilSlice {
		exportOut[2+2*i] = ^uint64(0) // -1: null
		return
	}
	exportOut[2+2*i] = uint64(n)
}

// BuildwasmValue sets result i to a JS value.
func BuildwasmValue(i int, v Value) {
	exportValue(i, v)
}

// BuildwasmLoadValue reads the JS value the loader stored at p (a ref, as
// syscall/js stores values).
func BuildwasmLoadValue(p unsafe.Pointer) Value {
	return makeValue(*(*ref)(p))
}

// Async exports (a context.Context first): the wrapper starts the function
// on a goroutine of its own and returns; the loader runs Go until it
// waits again. The goroutine then leaves its outcome in exportOut as a
// synchronous call does, and hands it over through jsGo._exportSettle.

// exportCancels cancels the contexts of async calls in flight, by their
// sequence numbers.
var exportCancels = map[int32]func(){}

// exportSettling keeps exportOut for one goroutine from the moment it
// starts to write its outcome until the loader has read it: another may
// run in between if the first is preempted.
var exportSettling sync.Mutex

// BuildwasmAsync records the cancel function of async call seq's context.
func BuildwasmAsync(seq int32, cancel func()) {
	exportCancels[seq] = cancel
}

// buildwasmCancel cancels async call seq's context: its caller's
// AbortSignal fired. The loader has rejected the call already.
//
//go:wasmexport buildwasm.cancel
func buildwasmCancel(seq int32) {
	if cancel := exportCancels[seq]; cancel != nil {
		cancel()
	}
}

// BuildwasmSettling, called by async call seq's goroutine once the
// function has returned, takes exportOut for its outcome.
func BuildwasmSettling() bool {
	exportSettling.Lock()
	return true
}

// BuildwasmSettled, deferred by async call seq's goroutine, reports a
// panic of the function as a synchronous call does, hands the outcome to
// the loader and lets go of the call's context.
func BuildwasmSettled(seq int32, settling *bool) {
	if r := recover(); r != nil {
		if !*settling {
			*settling = BuildwasmSettling()
		}
		exportValue(0, ValueOf(panicRecord(r, ".buildwasm_x_")))
		exportFinish(seq, exportPanic)
	}
	if cancel := exportCancels[seq]; cancel != nil {
		delete(exportCancels, seq)
		cancel()
	}
	if *settling {
		jsGo.Call("_exportSettle", seq)
		exportSettling.Unlock()
	}
}
