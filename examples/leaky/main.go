//go:build js && wasm

// Leaky shows buildwasm's leak tracking: each click adds a js.Func that is
// never released, and the page shows what the loader found. Build it with
// leak tracking (dev builds have it):
//
//	buildwasm build -dev -o dist ./examples/leaky
package main

import (
	"fmt"
	"runtime"
	"strings"
	"syscall/js"
	"time"

	"github.com/buildwasm/buildwasm/shim"
)

var doc = js.Global().Get("document")

func element(tag, id, text string) js.Value {
	e := doc.Call("createElement", tag)
	e.Set("id", id)
	e.Set("textContent", text)
	doc.Get("body").Call("append", e)
	return e
}

// onClick is the bug: a new js.Func for every click, never released.
func onClick(clicks *int) js.Func {
	return js.FuncOf(func(this js.Value, args []js.Value) any {
		*clicks++
		js.FuncOf(func(this js.Value, args []js.Value) any { return nil }) // leaks
		return nil
	})
}

func main() {
	clicks := 0
	button := element("button", "leak", "Leak a js.Func")
	button.Call("addEventListener", "click", onClick(&clicks))
	report := element("pre", "report", "No leaks found yet.")
	for range time.Tick(500 * time.Millisecond) {
		// Go only releases the JS side of a dropped Func when it collects.
		runtime.GC()
		var b strings.Builder
		fmt.Fprintf(&b, "%d clicks\n", clicks)
		for _, l := range shim.Leaks() {
			fmt.Fprintf(&b, "%d js.Funcs leaked at %s (%s)\n", l.Count, l.Site, l.Func)
		}
		report.Set("textContent", b.String())
	}
}
