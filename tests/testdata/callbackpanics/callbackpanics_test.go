//go:build js && wasm

// Package callbackpanics holds tests whose js.Func callbacks panic when
// JavaScript calls them: from a timer and from a promise (nobody catches the
// GoPanicError, so the test binary must fail), and from code that catches it
// (the test passes).
package callbackpanics

import (
	"syscall/js"
	"testing"
	"time"
)

func TestTimerPanic(t *testing.T) {
	f := js.FuncOf(func(this js.Value, args []js.Value) any {
		var m map[string]int
		m["x"] = 1 // the line the failure must name
		return nil
	})
	js.Global().Call("setTimeout", f, 0)
	time.Sleep(300 * time.Millisecond)
}

func TestPromisePanic(t *testing.T) {
	f := js.FuncOf(func(this js.Value, args []js.Value) any {
		panic("boom in then") // the line the failure must name
	})
	js.Global().Get("Promise").Call("resolve", 1).Call("then", f)
	time.Sleep(300 * time.Millisecond)
}

func TestCaughtPanic(t *testing.T) {
	f := js.FuncOf(func(this js.Value, args []js.Value) any {
		panic("caught by JavaScript")
	})
	defer f.Release()
	catch := js.Global().Get("Function").New("f", "try { f(); return 'no error'; } catch (e) { return e.name + ': ' + e.message; }")
	if got := catch.Invoke(f).String(); got != "GoPanicError: caught by JavaScript" {
		t.Fatalf("JavaScript caught %q", got)
	}
}
