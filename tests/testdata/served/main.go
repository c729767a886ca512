// Served is the program the buildwasm serve test edits: it shows its
// message on the page.
package main

import "syscall/js"

const message = "version 1"

func main() {
	doc := js.Global().Get("document")
	p := doc.Call("createElement", "p")
	p.Set("id", "msg")
	p.Set("textContent", message)
	doc.Get("body").Call("append", p)
	select {}
}
