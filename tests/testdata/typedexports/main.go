// Typed exports (//buildwasm:export) of every supported type, and the ways
// a call can end besides returning: an error, a js.Error, a panic, a wait
// that Go can serve itself, and one that needs JavaScript. Plain exports
// (//go:wasmexport, shim.Export) stand beside them, the js.FuncOf ones for
// comparing call costs.
package main

import (
	"fmt"
	"strings"
	"syscall/js"
	"time"

	"github.com/buildwasm/buildwasm/shim"
)

//buildwasm:export
func Flip(b bool) bool { return !b }

//buildwasm:export
func I8(v int8) int8 { return v }

//buildwasm:export
func I16(v int16) int16 { return v }

//buildwasm:export
func I32(v int32) int32 { return v }

//buildwasm:export
func U8(v uint8) uint8 { return v }

//buildwasm:export
func U16(v uint16) uint16 { return v }

//buildwasm:export
func U32(v uint32) uint32 { return v }

//buildwasm:export
func Int(v int) int { return v }

//buildwasm:export
func Uint(v uint) uint { return v }

//buildwasm:export
func Uintptr(v uintptr) uintptr { return v }

//buildwasm:export
func I64(v int64) int64 { return v }

//buildwasm:export
func U64(v uint64) uint64 { return v }

//buildwasm:export
func F32(v float32) float32 { return v }

//buildwasm:export
func F64(v float64) float64 { return v }

// Shifted returns v<<k, which leaves a JS number's exact range for k big
// enough.
//
//buildwasm:export
func Shifted(v int, k int) int { return v << k }

// ShiftedU is Shifted for uint.
//
//buildwasm:export
func ShiftedU(v uint, k int) uint { return v << k }

//buildwasm:export
func Str(s string) string { return s }

// Size is the length in bytes of s as Go got it.
//
//buildwasm:export
func Size(s string) int { return len(s) }

// Invalid returns bytes that are not UTF-8.
//
//buildwasm:export
func Invalid() string { return "a\xffb\xc3" }

//buildwasm:export
func Bytes(v []byte) []byte { return v }

// IsNil says whether Go got a nil slice.
//
//buildwasm:export
func IsNil(v []byte) bool { return v == nil }

//buildwasm:export
func I8s(v []int8) []int8 { return v }

//buildwasm:export
func I16s(v []int16) []int16 { return v }

//buildwasm:export
func I32s(v []int32) []int32 { return v }

//buildwasm:export
func I64s(v []int64) []int64 { return v }

//buildwasm:export
func U16s(v []uint16) []uint16 { return v }

//buildwasm:export
func U32s(v []uint32) []uint32 { return v }

//buildwasm:export
func U64s(v []uint64) []uint64 { return v }

//buildwasm:export
func F32s(v []float32) []float32 { return v }

//buildwasm:export
func F64s(v []float64) []float64 { return v }

// Mixed takes one argument of each way in: in wasm parameters, and in the
// scratch space with the alignment of its elements.
//
//buildwasm:export
func Mixed(s string, b []byte, n int64, f []float64, v js.Value, ok bool) string {
	return fmt.Sprintf("%s %v %d %v %s %v", s, b, n, f, v.Get("k").String(), ok)
}

var (
	keptStrings []string
	keptBytes   [][]byte
	keptFloats  [][]float64
)

// Keep holds on to its arguments, which the loader passes in memory of
// their own when they are large: the calls after it must neither
// overwrite them nor let the GC take them.
//
//buildwasm:export
func Keep(s string, b []byte, f []float64) int {
	keptStrings = append(keptStrings, s)
	keptBytes = append(keptBytes, b)
	keptFloats = append(keptFloats, f)
	return len(keptStrings)
}

// Kept describes what Keep holds: for each call, the string's first
// byte and length, and the first and last element and the length of the
// slices.
//
//buildwasm:export
func Kept() string {
	var out []string
	for i, s := range keptStrings {
		b, f := keptBytes[i], keptFloats[i]
		out = append(out, fmt.Sprintf("%c%d:%d-%d/%d:%g-%g/%d", s[0], len(s), b[0], b[len(b)-1], len(b), f[0], f[len(f)-1], len(f)))
	}
	return strings.Join(out, " ")
}

//buildwasm:export
func Value(v js.Value) js.Value { return v }

//buildwasm:export
func TypeOf(v js.Value) string { return v.Type().String() }

// Around calls f, which may call typed exports itself, then returns s with
// f's result: s must have been copied before f ran.
//
//buildwasm:export
func Around(s string, f js.Value) string { return s + "+" + f.Invoke().String() }

type myError struct{ what string }

func (e *myError) Error() string { return "my error: " + e.what }

// Divide fails for b == 0, with an error that wraps two more.
//
//buildwasm:export
func Divide(a, b int) (int, error) {
	if b == 0 {
		return 0, fmt.Errorf("divide %d: %w", a, fmt.Errorf("by zero: %w", &myError{"zero"}))
	}
	return a / b, nil
}

// Rethrow returns v as a js.Error: JS gets v back, thrown.
//
//buildwasm:export
func Rethrow(v js.Value) error { return js.Error{Value: v} }

//go:noinline
func index(s []int, i int) int { return s[i] }

//buildwasm:export
func Panic(i int) int { return index([]int{1, 2, 3}, i) }

// Wait gets its result from a goroutine: Go waits, but not for JS.
//
//buildwasm:export
func Wait() int {
	c := make(chan int)
	go func() { c <- 42 }()
	return <-c
}

// Sleep must wait for a JS timer, which a synchronous call cannot. Long
// enough that the timer is never already due when the scheduler looks:
// Go then runs it at once and the call finishes (seen with 1 ms in
// Chromium, when the call itself took that long).
//
//buildwasm:export
func Sleep() { time.Sleep(100 * time.Millisecond) }

//buildwasm:export
func Add(a, b int) int { return a + b }

//buildwasm:export
func Echo(s string) string { return s }

//go:wasmexport plain
func plain(v int32) int32 { return 2 * v }

func main() {
	shim.Export("addFunc", func(this js.Value, args []js.Value) any {
		return args[0].Int() + args[1].Int()
	})
	shim.Export("echoFunc", func(this js.Value, args []js.Value) any {
		return args[0].String()
	})
	select {}
}
