// Starts well, then a timer's callback panics: a runtime panic no
// JavaScript catches, for the dev page's overlay.
package main

import "syscall/js"

//go:noinline
func lookup(m map[string]int) {
	m["boom"]++ // the line the overlay must name
}

func main() {
	doc := js.Global().Get("document")
	p := doc.Call("createElement", "p")
	p.Set("id", "started")
	p.Set("textContent", "started")
	doc.Get("body").Call("append", p)
	js.Global().Call("setTimeout", js.FuncOf(func(this js.Value, args []js.Value) any {
		lookup(nil)
		return nil
	}), 100)
	select {}
}
