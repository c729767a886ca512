// Makes js.Funcs in every way that matters to leak tracking, on request:
// dropped unreleased at one site or two, released, kept by Go, or handed to
// JavaScript, which keeps them.
package main

import (
	"syscall/js"

	"github.com/buildwasm/buildwasm/shim"
)

var kept []js.Func

func noop(this js.Value, args []js.Value) any { return nil }

//go:noinline
func dropAtSiteA(n int) {
	for i := 0; i < n; i++ {
		js.FuncOf(noop) // site A: dropped, never released
	}
}

//go:noinline
func dropAtSiteB(n int) {
	for i := 0; i < n; i++ {
		js.FuncOf(noop) // site B
	}
}

//go:noinline
func release(n int) {
	for i := 0; i < n; i++ {
		f := js.FuncOf(noop)
		f.Release()
	}
}

//go:noinline
func keepInGo(n int) {
	for i := 0; i < n; i++ {
		kept = append(kept, js.FuncOf(noop))
	}
}

//go:noinline
func handToJS(n int, holder js.Value) {
	for i := 0; i < n; i++ {
		holder.Call("push", js.FuncOf(noop))
	}
}

// cycle makes Funcs whose closures capture themselves: Go keeps each Value
// through its own closure, so no GC ever finds them; only a census shows them.
//
//go:noinline
func cycle(n int) {
	for i := 0; i < n; i++ {
		var f js.Func
		f = js.FuncOf(func(this js.Value, args []js.Value) any { return f.Value })
	}
}

func main() {
	shim.Export("make", func(this js.Value, args []js.Value) any {
		n := args[1].Int()
		switch args[0].String() {
		case "a":
			dropAtSiteA(n)
		case "b":
			dropAtSiteB(n)
		case "release":
			release(n)
		case "keep":
			keepInGo(n)
		case "cycle":
			cycle(n)
		case "js":
			handToJS(n, args[2])
		}
		return nil
	})
	select {}
}
