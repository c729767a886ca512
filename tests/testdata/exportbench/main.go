// The same three functions three ways, for tests/bench/exports: as
// js.FuncOf callbacks (shim.Export, which puts them on globalThis under the
// stock wasm_exec.js), as typed exports, and as bare //go:wasmexport
// functions that take and return memory addresses.
package main

import (
	"context"
	"syscall/js"
	"unsafe"

	"github.com/buildwasm/buildwasm/shim"
)

//buildwasm:export
func Add(a, b int) int { return a + b }

//buildwasm:export
func Echo(s string) string { return s }

//buildwasm:export
func Sum(xs []float64) float64 { return sum(xs) }

func sum(xs []float64) float64 {
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s
}

var (
	bareScratch []byte
	bareResult  string
)

//go:wasmexport bareAdd
func bareAdd(a, b int32) int32 { return a + b }

// bareAlloc returns n bytes the caller may write arguments into.
//
//go:wasmexport bareAlloc
func bareAlloc(n int32) unsafe.Pointer {
	if int(n) > len(bareScratch) {
		bareScratch = make([]byte, n)
	}
	return unsafe.Pointer(unsafe.SliceData(bareScratch))
}

// bareEcho copies n bytes at p into a string, as typed exports do, and
// returns where the result's bytes are (its length is n).
//
//go:wasmexport bareEcho
func bareEcho(p unsafe.Pointer, n int32) unsafe.Pointer {
	bareResult = string(unsafe.Slice((*byte)(p), n))
	return unsafe.Pointer(unsafe.StringData(bareResult))
}

// bareSum copies n float64s at p into a slice, as typed exports do, and
// sums them.
//
//go:wasmexport bareSum
func bareSum(p unsafe.Pointer, n int32) float64 {
	xs := make([]float64, n)
	copy(xs, unsafe.Slice((*float64)(p), n))
	return sum(xs)
}

// bareEchoView returns its argument's address: a string that is never
// copied into Go's heap, what the conversions on the JS side cost alone.
//
//go:wasmexport bareEchoView
func bareEchoView(p unsafe.Pointer, n int32) unsafe.Pointer { return p }

// bareSumInPlace sums n float64s where the caller wrote them: Go's loop
// alone, without a copy.
//
//go:wasmexport bareSumInPlace
func bareSumInPlace(p unsafe.Pointer, n int32) float64 {
	return sum(unsafe.Slice((*float64)(p), n))
}

func main() {
	shim.Export("addFunc", func(this js.Value, args []js.Value) any {
		return args[0].Int() + args[1].Int()
	})
	shim.Export("echoFunc", func(this js.Value, args []js.Value) any {
		return args[0].String()
	})
	// A Record as a JS object, read with Get and written with js.ValueOf's
	// maps and slices, as code against syscall/js does it.
	shim.Export("touchFunc", func(this js.Value, args []js.Value) any {
		r := args[0]
		jsTags := r.Get("tags")
		tags := make([]any, jsTags.Length())
		for i := range tags {
			tags[i] = jsTags.Index(i).String()
		}
		return map[string]any{
			"name": r.Get("name").String(), "count": r.Get("count").Int() + 1,
			"score": r.Get("score").Float(), "ok": r.Get("ok").Bool(), "tags": tags,
		}
	})
	// A Float64Array's bytes, as the Uint8Array js.CopyBytesToGo takes.
	shim.Export("sumFunc", func(this js.Value, args []js.Value) any {
		b := make([]byte, args[0].Get("length").Int())
		js.CopyBytesToGo(b, args[0])
		return sum(unsafe.Slice((*float64)(unsafe.Pointer(unsafe.SliceData(b))), len(b)/8))
	})
	select {}
}

// Len takes the same slice as Sum and does nothing with it: what passing
// it costs.
//
//buildwasm:export
func Len(xs []float64) int { return len(xs) }

// Record is a struct of five fields, one of each common kind.
type Record struct {
	Name  string   `json:"name"`
	Count int      `json:"count"`
	Score float64  `json:"score"`
	OK    bool     `json:"ok"`
	Tags  []string `json:"tags"`
}

// Touch takes a Record and returns it with its count one up.
//
//buildwasm:export
func Touch(r Record) Record {
	r.Count++
	return r
}

// Ping is an async export that returns at once: what a Promise round trip
// costs.
//
//buildwasm:export
func Ping(ctx context.Context) int { return 1 }
