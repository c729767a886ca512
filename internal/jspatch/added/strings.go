//go:build ignore

// Added to syscall/js by buildwasm at build time: Value.String in one or
// two calls into JS. Stock, jsString has JS encode the string into a new
// array kept in the value table, makes a slice of its length, has JS copy
// it in, frees the table's slot, and copies the slice into the string;
// here JS writes short strings straight into a buffer of Go's, and long
// ones into memory the string then keeps.

package js

import (
	"runtime"
	"unsafe"
)

// stringInto writes the JS string of the value whose ref is at v (String()
// of it, for a number or a boolean) as UTF-8 into the n bytes at p, and
// returns its length; or, when it does not fit, minus its length, and
// keeps its bytes for the next call, which gives room for exactly them.
//
//go:wasmimport buildwasm stringInto
//go:noescape
func stringInto(v unsafe.Pointer, p unsafe.Pointer, n int32) int32

// stringBuf takes short strings: Value.String is called from one goroutine
// at a time, and no Go runs while JS writes into it.
var stringBuf [256]byte

func stringOf(v Value) string {
	n := stringInto(unsafe.Pointer(&v.ref), unsafe.Pointer(&stringBuf), int32(len(stringBuf)))
	if n >= 0 {
		runtime.KeepAlive(v)
		return string(stringBuf[:n])
	}
	// Memory of its own, uncleared: JS writes every byte of it.
	p := mallocgc(uintptr(-n), nil, false)
	n = stringInto(unsafe.Pointer(&v.ref), p, -n)
	runtime.KeepAlive(v)
	return unsafe.String((*byte)(p), n)
}
