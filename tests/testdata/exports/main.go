// Exports functions to the host and then waits for calls. Built twice with
// different -X main.id values to tell two instances apart.
package main

import (
	"fmt"
	"os"
	"strconv"
)

var id = "0"

//go:wasmexport add
func add(a, b int32) int32 { return a + b }

//go:wasmexport id
func appID() int32 {
	n, _ := strconv.Atoi(id)
	return int32(n)
}

//go:wasmexport say
func say() { fmt.Println("app", id, "says hi") }

//go:wasmexport quit
func quit(code int32) { os.Exit(int(code)) }

func main() {
	fmt.Println("app", id, "ready")
	select {}
}
