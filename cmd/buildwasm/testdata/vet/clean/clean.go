// Package clean releases its Func and blocks only on a goroutine. Its
// callback prints, which waits on channels deep in the standard library:
// that is no finding.
package clean

import (
	"fmt"
	"syscall/js"
	"time"
)

func Once(el js.Value) {
	var f js.Func
	f = js.FuncOf(func(this js.Value, args []js.Value) any {
		f.Release()
		fmt.Println("clicked")
		go time.Sleep(time.Second)
		return nil
	})
	el.Call("addEventListener", "click", f)
}
