// Package leak holds the cases of funcrelease in a library package, where
// every exported function may run many times.
package leak

import (
	"sync"
	"syscall/js"

	"github.com/buildwasm/buildwasm/shim"
)

var doc = js.Global().Get("document")

func handler(this js.Value, args []js.Value) any { return nil }

// Reported.

func Listen(el js.Value) {
	el.Call("addEventListener", "click", js.FuncOf(handler)) // want `goes straight to JavaScript`
}

func Discard() {
	js.FuncOf(handler) // want `is discarded`
}

func Blank() {
	_ = js.FuncOf(handler) // want `assigned to _`
}

func LocalNeverReleased(el js.Value) {
	f := js.FuncOf(handler) // want `js.Func f is never released`
	el.Call("addEventListener", "click", f)
}

func VarNeverReleased(el js.Value) {
	var g = js.FuncOf(handler) // want `js.Func g is never released`
	el.Set("onclick", g.Value)
}

func ValueToJS(el js.Value) {
	el.Set("onclick", js.FuncOf(handler).Value) // want `goes straight to JavaScript`
}

func Timeout() {
	js.Global().Call("setTimeout", js.FuncOf(handler), 100) // want `goes straight to JavaScript`
}

func ValueOf() js.Value {
	return js.ValueOf(js.FuncOf(handler)) // want `goes straight to JavaScript`
}

// In a callback: runs at every click (examples/leaky's bug).
func Nested(el js.Value) js.Func { // want Nested:"returns a fresh js.Func"
	return js.FuncOf(func(this js.Value, args []js.Value) any {
		js.FuncOf(handler) // want `is discarded`
		return nil
	})
}

func Generic[T any](el js.Value, v T) {
	el.Call("addEventListener", "x", js.FuncOf(func(this js.Value, args []js.Value) any { // want `goes straight to JavaScript`
		_ = v
		return nil
	}))
}

type Widget struct{ el js.Value }

func (w *Widget) handle(this js.Value, args []js.Value) any { return nil }

// A method value as the Func's function.
func (w *Widget) Mount() {
	w.el.Call("addEventListener", "click", js.FuncOf(w.handle)) // want `goes straight to JavaScript`
}

func Closure(el js.Value) {
	f := js.FuncOf(handler) // want `js.Func f is never released`
	go func() {
		el.Call("addEventListener", "click", f)
	}()
}

func OnlyInvoked() {
	f := js.FuncOf(handler) // want `js.Func f is never released`
	f.Invoke()
	if f.Equal(js.Null()) {
		return
	}
}

func Exported() {
	shim.Export("make", func(this js.Value, args []js.Value) any {
		return js.FuncOf(handler).Value // want `only the js.Value of the js.Func made here is kept`
	})
	shim.Export("add", func(this js.Value, args []js.Value) any {
		doc.Call("addEventListener", "x", js.FuncOf(handler)) // want `goes straight to JavaScript`
		return nil
	})
}

// A closure that captures its own Func only to hand out its Value (the
// cycle the run-time tracker needs a census for).
func Cycle() {
	var f js.Func
	f = js.FuncOf(func(this js.Value, args []js.Value) any { return f.Value }) // want `js.Func f is never released`
	js.Global().Set("self", f)
}

type valueHolder struct{ v js.Value }

func (h *valueHolder) KeepValue() {
	h.v = js.FuncOf(handler).Value // want `only the js.Value of the js.Func made here is kept`
}

// Not reported.

type holder struct {
	fn  js.Func
	fns []js.Func
}

var (
	global js.Func
	byName = map[string]js.Func{}
	all    []js.Func
)

func Deferred(el js.Value) {
	f := js.FuncOf(handler)
	defer f.Release()
	el.Call("x", f)
}

func SelfRelease() {
	var f js.Func
	f = js.FuncOf(func(this js.Value, args []js.Value) any {
		f.Release()
		return nil
	})
	js.Global().Call("setTimeout", f, 0)
}

func (h *holder) Field() { h.fn = js.FuncOf(handler) }

func Global() { global = js.FuncOf(handler) }

func Map() { byName["x"] = js.FuncOf(handler) }

func Append() { all = append(all, js.FuncOf(handler)) }

func Returned() js.Func { return js.FuncOf(handler) } // want Returned:"returns a fresh js.Func"

func LocalReturned() js.Func { // want LocalReturned:"returns a fresh js.Func"
	f := js.FuncOf(handler)
	return f
}

func keep(f js.Func) { all = append(all, f) }

func PassedToGo() {
	f := js.FuncOf(handler)
	keep(f)
	keep(js.FuncOf(handler))
}

func Literal() *holder { return &holder{fn: js.FuncOf(handler)} }

func CopiedToField(h *holder) {
	f := js.FuncOf(handler)
	h.fns = append(h.fns, f)
}

func ReleaseLater() func() {
	f := js.FuncOf(handler)
	js.Global().Set("cb", f)
	return f.Release
}

func ReleasedInClosure(el js.Value) {
	f := js.FuncOf(handler)
	el.Call("x", f)
	cleanup := func() { f.Release() }
	defer cleanup()
}

var initialised = js.FuncOf(handler)

var setupOnce sync.Once

func Once() {
	setupOnce.Do(func() {
		js.Global().Call("addEventListener", "resize", js.FuncOf(handler))
	})
}

func init() {
	js.Global().Call("addEventListener", "load", js.FuncOf(handler))
}
