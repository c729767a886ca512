// Tells which loader runs it: buildwasm's loader serves the program a
// global __buildwasm (package shim's host), which the stock wasm_exec.js
// does not.
package main

import (
	"fmt"
	"syscall/js"
)

func main() {
	if js.Global().Get("__buildwasm").IsUndefined() {
		fmt.Println("stock")
	} else {
		fmt.Println("buildwasm")
	}
}
