//go:build js && wasm

// Hello is the smallest buildwasm program: it greets whoever is named on the
// command line, in a terminal under `buildwasm exec` or on a page.
package main

import (
	"fmt"
	"os"
	"runtime"
	"strings"
	"syscall/js"
)

func main() {
	who := "world"
	if len(os.Args) > 1 {
		who = strings.Join(os.Args[1:], " ")
	}
	msg := fmt.Sprintf("Hello, %s, from Go %s on %s/%s!", who, runtime.Version(), runtime.GOOS, runtime.GOARCH)
	if doc := js.Global().Get("document"); doc.Truthy() {
		p := doc.Call("createElement", "p")
		p.Set("textContent", msg)
		doc.Get("body").Call("append", p)
		return
	}
	fmt.Println(msg)
}
