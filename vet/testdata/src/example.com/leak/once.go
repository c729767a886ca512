package leak

import "syscall/js"

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
