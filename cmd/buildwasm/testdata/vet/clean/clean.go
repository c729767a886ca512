// Package clean releases its Func and blocks only on a goroutine.
package clean

import (
	"syscall/js"
	"time"
)

func Once(el js.Value) {
	var f js.Func
	f = js.FuncOf(func(this js.Value, args []js.Value) any {
		f.Release()
		go time.Sleep(time.Second)
		return nil
	})
	el.Call("addEventListener", "click", f)
}
