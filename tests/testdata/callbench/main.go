// Exports a trivial callback, for measuring what one JS→Go call costs, and
// churn(n), which makes and releases n js.Funcs.
package main

import (
	"syscall/js"

	"github.com/buildwasm/buildwasm/shim"
)

func main() {
	shim.Export("add", func(this js.Value, args []js.Value) any {
		return args[0].Int() + args[1].Int()
	})
	noop := func(this js.Value, args []js.Value) any { return nil }
	shim.Export("churn", func(this js.Value, args []js.Value) any {
		for i := args[0].Int(); i > 0; i-- {
			js.FuncOf(noop).Release()
		}
		return nil
	})
	select {}
}
