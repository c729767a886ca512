// Package shim is a stand-in with the signatures of buildwasm's package
// shim, so the analyzers' tests load without the real module.
package shim

import "syscall/js"

func Export(name string, fn func(this js.Value, args []js.Value) any) {}

func Go(fn func()) {}

func Promise(fn func() (any, error)) js.Value { return js.Value{} }

func Await(promise js.Value) (js.Value, error) { return js.Value{}, nil }
