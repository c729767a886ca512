package leak

import (
	"syscall/js"

	"example.com/listen"
)

// The Funcs a wrapper returns are the caller's to release.

func Render(el js.Value) {
	listen.On(el, "click", func() {})        // want `the js.Func returned by listen.On is discarded`
	_ = listen.Once(el, "input")             // want `the js.Func returned by listen.Once is assigned to _`
	f := listen.On(el, "keydown", func() {}) // want `js.Func f is never released`
	el.Set("handler", f.Value)
	listen.Kept(el)
	listen.Released(el)
	g := listen.On(el, "blur", func() {})
	defer g.Release()
	newLocal(el) // want `the js.Func returned by newLocal is discarded`
}

func newLocal(el js.Value) js.Func { // want newLocal:"returns a fresh js.Func"
	return js.FuncOf(handler)
}
