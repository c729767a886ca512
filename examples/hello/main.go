//go:build js && wasm

// Hello is the smallest buildwasm program. It greets on the page (or on
// stdout under `buildwasm exec`) and exports greet(name) to JavaScript:
//
//	const app = await load("hello.wasm");
//	app.exports.greet("Gopher"); // "Hello, Gopher!"
package main

import (
	"fmt"
	"os"
	"runtime"
	"strings"
	"syscall/js"

	"github.com/buildwasm/buildwasm/shim"
)

func greet(name string) string {
	return fmt.Sprintf("Hello, %s!", name)
}

func main() {
	shim.Export("greet", func(this js.Value, args []js.Value) any {
		if len(args) == 0 {
			return greet("world")
		}
		return greet(args[0].String())
	})
	who := "world"
	if len(os.Args) > 1 {
		who = strings.Join(os.Args[1:], " ")
	}
	msg := fmt.Sprintf("%s This is Go %s on %s/%s.", greet(who), runtime.Version(), runtime.GOOS, runtime.GOARCH)
	if doc := js.Global().Get("document"); doc.Truthy() {
		p := doc.Call("createElement", "p")
		p.Set("id", "greeting")
		p.Set("textContent", msg)
		doc.Get("body").Call("append", p)
		select {} // stay alive so greet can be called
	}
	fmt.Println(msg)
}
