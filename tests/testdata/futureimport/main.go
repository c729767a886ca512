// Imports a gojs function no Go release has, standing in for a program built
// by a toolchain newer than the loader knows.
package main

//go:wasmimport gojs runtime.fromTheFuture
func fromTheFuture(sp int32)

func main() { fromTheFuture(0) }
