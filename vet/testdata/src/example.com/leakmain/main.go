// Command leakmain holds the cases of funcrelease where main runs once.
package main

import (
	"syscall/js"

	"github.com/buildwasm/buildwasm/shim"
)

func handler(this js.Value, args []js.Value) any { return nil }

// setup runs once: only main calls it.
func setup() {
	js.Global().Call("addEventListener", "popstate", js.FuncOf(handler))
}

// twice is called from main's loop too.
func twice() {
	js.Global().Call("addEventListener", "x", js.FuncOf(handler)) // want `goes straight to JavaScript`
}

// recurse calls itself: it may run many times.
func recurse(n int) {
	js.FuncOf(handler) // want `is discarded`
	if n > 0 {
		recurse(n - 1)
	}
}

func main() {
	js.Global().Set("onGo", js.FuncOf(handler))
	f := js.FuncOf(handler)
	js.Global().Set("other", f)
	setup()
	twice()
	recurse(2)
	shim.Go(func() {
		js.Global().Set("fromGo", js.FuncOf(handler))
	})
	func() {
		js.FuncOf(handler)
	}()
	for i := 0; i < 3; i++ {
		js.FuncOf(handler) // want `is discarded`
		twice()
	}
	for range 3 {
		js.Global().Call("queueMicrotask", js.FuncOf(handler)) // want `goes straight to JavaScript`
	}
	later := func() {
		js.FuncOf(handler) // want `is discarded`
	}
	later()
	select {}
}
