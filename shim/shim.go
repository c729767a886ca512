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

import (
	"errors"
	"fmt"
	"os"
	"runtime"
	"strings"
	"syscall/js"
)

// host is the per-instance object of buildwasm's loader (its ShimHost,
// loader/src/contract.ts), undefined under the stock wasm_exec.js.
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

// Go runs fn in a new goroutine. A panic in it is recovered and reported
// like a panic in a callback — as a GoPanicError to the loader's onError
// option, or console.error — and the program keeps running.
func Go(fn func()) {
	go func() {
		defer func() {
			if r := recover(); r != nil {
				report(r)
			}
		}()
		fn()
	}()
}

// Promise runs fn in a new goroutine and returns a JavaScript Promise of
// its result: resolved with the value (converted as by js.ValueOf), rejected
// with an Error for a non-nil error, or with a GoPanicError if fn panics.
// Blocking work (channels, shim.Await, net/http) belongs in fn, never in a
// callback itself: a callback must return before JavaScript can go on.
func Promise(fn func() (any, error)) js.Value {
	var resolve, reject js.Value
	executor := js.FuncOf(func(this js.Value, args []js.Value) any {
		resolve, reject = args[0], args[1]
		return nil
	})
	p := js.Global().Get("Promise").New(executor)
	executor.Release()
	go func() {
		defer func() {
			if r := recover(); r != nil {
				reject.Invoke(panicValue(r))
			}
		}()
		v, err := fn()
		var jsErr js.Error
		switch {
		case errors.As(err, &jsErr): // a rejection that came through Await stays itself
			reject.Invoke(jsErr.Value)
		case err != nil:
			reject.Invoke(js.Global().Get("Error").New(err.Error()))
		default:
			resolve.Invoke(v)
		}
	}()
	return p
}

// ErrAwaitInCallback is what Await returns when called on the goroutine of
// a js.Func callback, where blocking would freeze the JavaScript caller.
var ErrAwaitInCallback = errors.New("shim.Await called in a js.Func callback, where it cannot block: JavaScript waits for the callback to return; run the work with shim.Go or shim.Promise")

// Await waits for a JavaScript Promise (or any value, as Promise.resolve
// takes it) from a goroutine and returns its value, or a js.Error with the
// rejection. Called in a callback it returns ErrAwaitInCallback at once.
func Await(promise js.Value) (js.Value, error) {
	if inCallback() {
		return js.Undefined(), ErrAwaitInCallback
	}
	type settled struct {
		v   js.Value
		err error
	}
	ch := make(chan settled, 1)
	onResolve := js.FuncOf(func(this js.Value, args []js.Value) any {
		ch <- settled{v: args[0]}
		return nil
	})
	onReject := js.FuncOf(func(this js.Value, args []js.Value) any {
		ch <- settled{err: js.Error{Value: args[0]}}
		return nil
	})
	defer onResolve.Release()
	defer onReject.Release()
	js.Global().Get("Promise").Call("resolve", promise).Call("then", onResolve, onReject)
	s := <-ch
	return s.v, s.err
}

// inCallback reports whether this goroutine is running a js.Func callback:
// its stack then goes through syscall/js's event handler.
func inCallback() bool {
	buf := make([]byte, 64<<10)
	return strings.Contains(string(buf[:runtime.Stack(buf, false)]), "\nsyscall/js.handleEvent(")
}

// typeName and jsErrorValue are what panicrecord.go needs of this package.
func typeName(v any) string { return fmt.Sprintf("%T", v) }

func jsErrorValue(r any) (any, bool) {
	if e, ok := r.(js.Error); ok {
		return e.Value, true
	}
	return nil, false
}

// ownFrames starts the names of this package's functions, where the Go
// frames of a recovered panic end.
const ownFrames = "github.com/buildwasm/buildwasm/shim."

// panicValue is the JS error for a recovered panic.
func panicValue(r any) js.Value {
	if host.Truthy() {
		return host.Call("panicError", panicRecord(r, ownFrames))
	}
	return js.Global().Get("Error").New("Go panic: " + fmt.Sprint(r))
}

func report(r any) {
	if host.Truthy() {
		host.Call("reportPanic", panicRecord(r, ownFrames))
		return
	}
	fmt.Fprintf(os.Stderr, "panic: %v [recovered by shim.Go]\n", r)
}

// Leak is one place where js.Funcs were made and then lost unreleased.
type Leak struct {
	Site  string // file:line of the js.FuncOf call
	Func  string // the function that made them
	Count int
}

// Leaks returns what the loader has found so far: js.Funcs whose JS side
// was collected while they were still unreleased, by site. Builds without
// leak tracking (release builds without -leaks, or the stock loader)
// report none.
func Leaks() []Leak {
	if !host.Truthy() {
		return nil
	}
	list := host.Call("leaks")
	out := make([]Leak, list.Length())
	for i := range out {
		l := list.Index(i)
		out[i] = Leak{Site: l.Get("site").String(), Func: l.Get("func").String(), Count: l.Get("count").Int()}
	}
	return out
}
