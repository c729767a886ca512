// Worker is the program of the worker-mode tests: exports that return
// values, bytes and Promises, panic, exit and touch the DOM, and output on
// stdout.
package main

import (
	"fmt"
	"os"
	"syscall/js"

	"github.com/buildwasm/buildwasm/shim"
)

func main() {
	shim.Export("add", func(_ js.Value, args []js.Value) any {
		return args[0].Int() + args[1].Int()
	})
	// reverse returns the bytes of an ArrayBuffer in reverse order.
	shim.Export("reverse", func(_ js.Value, args []js.Value) any {
		in := js.Global().Get("Uint8Array").New(args[0])
		b := make([]byte, in.Length())
		js.CopyBytesToGo(b, in)
		for i, j := 0, len(b)-1; i < j; i, j = i+1, j-1 {
			b[i], b[j] = b[j], b[i]
		}
		out := js.Global().Get("Uint8Array").New(len(b))
		js.CopyBytesToJS(out, b)
		return out.Get("buffer")
	})
	shim.Export("later", func(_ js.Value, args []js.Value) any {
		n := args[0].Int()
		return shim.Promise(func() (any, error) { return n * 2, nil })
	})
	shim.Export("say", func(_ js.Value, args []js.Value) any {
		fmt.Println("worker says", args[0].String())
		return nil
	})
	shim.Export("boom", func(_ js.Value, _ []js.Value) any {
		var m map[string]int
		m["x"] = 1 // assignment to entry in nil map
		return nil
	})
	shim.Export("quit", func(_ js.Value, args []js.Value) any {
		os.Exit(args[0].Int())
		return nil
	})
	shim.Export("touchDocument", func(_ js.Value, _ []js.Value) any {
		return js.Global().Get("document").Get("title").String()
	})
	fmt.Println("worker ready")
	select {}
}
