// Uses what the runtime reads from the global object (fs, process, path) and
// sets one global on purpose, so a test can check nothing else appears.
package main

import (
	"fmt"
	"os"
	"syscall/js"
)

func main() {
	data, err := os.ReadFile(os.Args[1])
	fmt.Println("read:", len(data), err)
	_, err = os.Getwd()
	fmt.Println("getwd:", err)
	js.Global().Set("setByGo", 42)
}
