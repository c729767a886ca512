// Exports a trivial callback, for measuring what one JS→Go call costs.
package main

import (
	"syscall/js"

	"github.com/buildwasm/buildwasm/shim"
)

func main() {
	shim.Export("add", func(this js.Value, args []js.Value) any {
		return args[0].Int() + args[1].Int()
	})
	select {}
}
