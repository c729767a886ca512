// Uses the globals Go's own Node runner defines: require, fs, path and the
// Go class, with which it runs the Go program named by its first argument.
package main

import (
	"fmt"
	"os"
	"syscall/js"
)

// await waits for a promise and returns its value, or panics with its reason.
func await(p js.Value) js.Value {
	done := make(chan js.Value)
	failed := make(chan js.Value)
	onDone := js.FuncOf(func(_ js.Value, args []js.Value) any { done <- args[0]; return nil })
	onFail := js.FuncOf(func(_ js.Value, args []js.Value) any { failed <- args[0]; return nil })
	defer onDone.Release()
	defer onFail.Release()
	p.Call("then", onDone, onFail)
	select {
	case v := <-done:
		return v
	case err := <-failed:
		panic(err.Call("toString").String())
	}
}

func main() {
	g := js.Global()
	fmt.Println("require(path).basename:", g.Call("require", "path").Call("basename", "/a/b.txt").String())
	fmt.Println("fs.readFileSync:", g.Get("fs").Get("readFileSync").Type())
	fmt.Println("path.join:", g.Get("path").Call("join", "a", "b").String())

	child := g.Get("Go").New()
	child.Set("argv", js.ValueOf([]any{"child", "started", "by Go"}))
	child.Set("env", js.ValueOf(map[string]any{"BUILDWASM_TEST": "child env"}))
	bytes := g.Get("fs").Call("readFileSync", os.Args[1])
	result := await(g.Get("WebAssembly").Call("instantiate", bytes, child.Get("importObject")))
	await(child.Call("run", result.Get("instance")))
	fmt.Println("child exited:", child.Get("exited").Bool())
}
