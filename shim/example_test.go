//go:build js && wasm

package shim_test

import (
	"syscall/js"

	"github.com/buildwasm/buildwasm/shim"
)

// Blocking work runs in a goroutine behind a Promise; the callback itself
// returns at once.
func ExamplePromise() {
	shim.Export("fetchTitle", func(this js.Value, args []js.Value) any {
		url := args[0].String()
		return shim.Promise(func() (any, error) {
			resp, err := shim.Await(js.Global().Call("fetch", url))
			if err != nil {
				return nil, err
			}
			return shim.Await(resp.Call("text"))
		})
	})
}
