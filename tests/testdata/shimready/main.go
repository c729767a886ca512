// Holds readiness until an export exists after a delay, or, by its first
// argument, exits or panics before it is ready.
package main

import (
	"os"
	"syscall/js"
	"time"

	"github.com/buildwasm/buildwasm/shim"
)

func main() {
	shim.HoldReady()
	mode := ""
	if len(os.Args) > 1 {
		mode = os.Args[1]
	}
	go func() {
		time.Sleep(30 * time.Millisecond)
		switch mode {
		case "exit":
			os.Exit(0)
		case "panic":
			panic("not ready after all")
		}
		shim.Export("late", func(this js.Value, args []js.Value) any {
			return "late export, " + args[0].String()
		})
		shim.Ready()
	}()
	select {}
}
