// Tells which loader runs it: the stock wasm_exec.js defines a global Go
// class; buildwasm's loader writes no globals.
package main

import (
	"fmt"
	"syscall/js"
)

func main() {
	if js.Global().Get("Go").IsUndefined() {
		fmt.Println("buildwasm")
	} else {
		fmt.Println("stock")
	}
}
