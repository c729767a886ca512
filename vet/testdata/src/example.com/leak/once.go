package leak

import (
	"errors"
	"syscall/js"
)

// Set up once from init, through a constructor and methods (seen in a
// game engine): none of it runs twice.

type ui struct{ canvas js.Value }

var theUI = newUI()

func newUI() *ui {
	u := &ui{canvas: doc.Call("createElement", "canvas")}
	u.init()
	return u
}

func (u *ui) init() {
	u.setHandlers()
	js.Global().Call("addEventListener", "resize", js.FuncOf(handler))
}

func (u *ui) setHandlers() {
	u.canvas.Call("addEventListener", "mousedown", js.FuncOf(handler))
}

// redraw is called from an exported method too: it may run often.
func (u *ui) redraw() {
	u.canvas.Call("addEventListener", "x", js.FuncOf(handler)) // want `goes straight to JavaScript`
}

func (u *ui) Redraw() { u.redraw() }

// A method an interface may call is never taken as run once.
type mounter interface{ mount() }

func (u *ui) mount() {
	u.canvas.Call("addEventListener", "y", js.FuncOf(handler)) // want `goes straight to JavaScript`
}

func init() { theUI.mount() }

var created bool

// NewAudio refuses a second call (seen in a game engine's audio library),
// and what it sets up in a promise's then callback runs once too.
func NewAudio() error {
	if created {
		return errors.New("already created")
	}
	created = true
	newAudio()
	return nil
}

func newAudio() {
	js.Global().Get("worklet").Call("addModule").Call("then", js.FuncOf(func(this js.Value, args []js.Value) any {
		args[0].Set("onmessage", js.FuncOf(handler))
		return nil
	}))
}

// Without the guard it may run many times; a then callback runs once each
// time, so only the setting-up is reported.
func Unguarded() {
	js.Global().Call("setTimeout", js.FuncOf(func(this js.Value, args []js.Value) any { // want `goes straight to JavaScript`
		args[0].Set("onmessage", js.FuncOf(handler)) // want `goes straight to JavaScript`
		return nil
	}), 10)
}

var tried bool

// A flag checked but never set guards nothing.
func NotGuarded() {
	if tried {
		return
	}
	js.Global().Call("addEventListener", "z", js.FuncOf(handler)) // want `goes straight to JavaScript`
}
