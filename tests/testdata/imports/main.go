// Calls a host function given through the loader's imports option.
package main

import "fmt"

//go:wasmimport env double
func double(x int32) int32

func main() {
	fmt.Println("double(21) =", double(21))
}
