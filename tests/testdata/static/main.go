// Reads a static file shipped from public/ next to it and shows it on the
// page, as an app would load its data.
package main

import (
	"syscall/js"
)

func main() {
	done := make(chan struct{})
	show := js.FuncOf(func(this js.Value, args []js.Value) any {
		p := js.Global().Get("document").Call("createElement", "p")
		p.Set("id", "data")
		p.Set("textContent", args[0].Get("greeting"))
		js.Global().Get("document").Get("body").Call("append", p)
		close(done)
		return nil
	})
	js.Global().Call("fetch", "data.json").Call("then", js.FuncOf(func(this js.Value, args []js.Value) any {
		return args[0].Call("json")
	})).Call("then", show)
	<-done
	select {}
}
