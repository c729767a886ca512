// Package listen wraps addEventListener as DOM libraries do, for
// funcrelease's facts across packages.
package listen

import "syscall/js"

// On adds fn as a listener and returns the Func: its caller must release
// it after removing the listener.
func On(el js.Value, typ string, fn func()) js.Func { // want On:"returns a fresh js.Func"
	f := js.FuncOf(func(this js.Value, args []js.Value) any {
		fn()
		return nil
	})
	el.Call("addEventListener", typ, f)
	return f
}

// Once is fresh through On.
func Once(el js.Value, typ string) js.Func { // want Once:"returns a fresh js.Func"
	return On(el, typ, func() {})
}

var kept []js.Func

// Kept keeps the Func itself: its caller owns nothing.
func Kept(el js.Value) js.Func {
	f := js.FuncOf(func(this js.Value, args []js.Value) any { return nil })
	kept = append(kept, f)
	return f
}

// Released releases it when done: nothing to own either.
func Released(el js.Value) js.Func {
	f := js.FuncOf(func(this js.Value, args []js.Value) any { return nil })
	defer f.Release()
	return f
}
