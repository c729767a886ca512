// Package blockfix holds callbacks whose body the suggested fix moves into
// a goroutine, and one it must leave alone.
package blockfix

import (
	"syscall/js"
	"time"
)

func Fixable(done chan bool) {
	js.FuncOf(func(this js.Value, args []js.Value) any {
		if len(args) == 0 {
			return nil
		}
		time.Sleep(time.Second) // want `callback blocks the page: time.Sleep`
		done <- true
		return nil
	})
}

// Not fixable: JavaScript gets a value back.
func Answer() {
	js.FuncOf(func(this js.Value, args []js.Value) any {
		time.Sleep(time.Second) // want `callback blocks the page: time.Sleep`
		return 42
	})
}
