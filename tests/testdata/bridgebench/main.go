// The syscall/js operations tests/bench/bridge times, each run n times in
// a loop by op (a bare //go:wasmexport, which costs the same under every
// loader), and two js.Funcs for timing calls from JS. The JS side sets
// globalThis.bench (an object, a function, an array, strings, bytes)
// before the program starts; os.Args[1] prefixes the global names the
// Funcs get, so two instances can share one JS realm.
package main

import (
	"os"
	"syscall/js"
)

var (
	bench   js.Value
	bytes1M = make([]byte, 1<<20)
	sink    any
)

// Operations, by number; the bench command names them.
const (
	opGet = iota
	opCall0
	opCall3
	opValueOfString
	opString
	opString12K
	opCopyBytesToGo
	opCopyBytesToJS
	opFuncOfRelease
	opIndex
	opLength
	opBool
	opSetString
)

//go:wasmexport op
func op(which, n int32) {
	obj, str, str12k, u8, arr, flag := bench.Get("obj"), bench.Get("str"), bench.Get("str12k"), bench.Get("u8"), bench.Get("arr"), bench.Get("flag")
	noop := func(this js.Value, args []js.Value) any { return nil }
	for i := int32(0); i < n; i++ {
		switch which {
		case opGet:
			sink = obj.Get("x")
		case opCall0:
			sink = obj.Call("f")
		case opCall3:
			sink = obj.Call("g", 1, 2, 3)
		case opValueOfString:
			sink = js.ValueOf("hello, world")
		case opString:
			sink = str.String()
		case opString12K:
			sink = str12k.String()
		case opCopyBytesToGo:
			sink = js.CopyBytesToGo(bytes1M, u8)
		case opCopyBytesToJS:
			sink = js.CopyBytesToJS(u8, bytes1M)
		case opFuncOfRelease:
			js.FuncOf(noop).Release()
		case opIndex:
			sink = arr.Index(int(i) % 10)
		case opLength:
			sink = arr.Length()
		case opBool:
			sink = flag.Bool()
		case opSetString:
			obj.Set("s", "hello, world")
		}
	}
}

func main() {
	bench = js.Global().Get("bench")
	prefix := os.Args[1]
	js.Global().Set(prefix+"Func0", js.FuncOf(func(this js.Value, args []js.Value) any { return nil }))
	js.Global().Set(prefix+"Func3", js.FuncOf(func(this js.Value, args []js.Value) any {
		return args[0].Int() + args[1].Int() + args[2].Int()
	}))
	select {}
}
