//go:build vetextra

package tagged

import "syscall/js"

func Leak() {
	js.FuncOf(func(this js.Value, args []js.Value) any { return nil })
}
