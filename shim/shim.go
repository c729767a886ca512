//go:build js && wasm

// Package shim connects a Go program to buildwasm's loader: it puts Go
// functions on the loading page's App.exports and tells the loader when the
// program is ready to be called.
//
// The loader serves each instance its own object, so two programs on one
// page never see each other's exports. Under the stock wasm_exec.js there is
// no such object: exports then land on globalThis and readiness calls do
// nothing, so a program importing shim still runs there.
package shim

import "syscall/js"

// host is the per-instance object of buildwasm's loader, undefined under the
// stock wasm_exec.js.
var host = js.Global().Get("__buildwasm")

// Export makes fn callable from JavaScript as App.exports[name] (globalThis[name]
// under the stock loader). The JS caller gets fn's result converted as by
// js.ValueOf. Exports live as long as the program.
func Export(name string, fn func(this js.Value, args []js.Value) any) {
	target := js.Global()
	if host.Truthy() {
		target = host.Get("exports")
	}
	target.Set(name, js.FuncOf(fn))
}

// HoldReady, called at the start of main, keeps the loader's load() from
// resolving when main first waits; it resolves at Ready instead. Use it when
// main must finish asynchronous work (a fetch, a timer) before its exports
// can be called. If the program exits first, load rejects.
func HoldReady() {
	if host.Truthy() {
		host.Call("holdReady")
	}
}

// Ready resolves the loader's load() after HoldReady. Calling it without
// HoldReady, or twice, does nothing.
func Ready() {
	if host.Truthy() {
		host.Call("ready")
	}
}
