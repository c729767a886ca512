// Package leaks leaks a js.Func per click and sleeps in a callback.
package leaks

import (
	"syscall/js"
	"time"
)

func Listen(el js.Value) {
	el.Call("addEventListener", "click", js.FuncOf(func(this js.Value, args []js.Value) any {
		time.Sleep(time.Second)
		return nil
	}))
}
