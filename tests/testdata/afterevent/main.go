// Callbacks that leave work behind when they return, for
// tests/testdata/node/afterevent.mjs. Under stock syscall/js every other
// goroutine runs before a js.Func call returns to JavaScript, a timer set
// in a callback fires later, a callback that sleeps blocks its caller,
// finalizers run between calls, and a released Func returns undefined;
// buildwasm's patched runtime skips the scheduler after a call only when
// none of that is pending.
package main

import (
	"runtime"
	"syscall/js"
	"time"
)

var finalized int

func main() {
	g := js.Global()
	received := make(chan int)
	go func() {
		for v := range received {
			g.Set("received", v)
		}
	}()
	funcs := map[string]func(args []js.Value) any{
		"startGoroutine": func([]js.Value) any {
			go g.Set("started", true)
			return nil
		},
		"send": func(args []js.Value) any {
			received <- args[0].Int()
			return nil
		},
		"afterFunc": func(args []js.Value) any {
			time.AfterFunc(time.Duration(args[0].Int())*time.Millisecond, func() { g.Set("fired", true) })
			return nil
		},
		"sleep": func(args []js.Value) any {
			time.Sleep(time.Duration(args[0].Int()) * time.Millisecond)
			return "slept"
		},
		// A Func already released, for JS to call.
		"released": func([]js.Value) any {
			f := js.FuncOf(func(js.Value, []js.Value) any { return 42 })
			f.Release()
			return f
		},
		// Garbage with a finalizer, 4 KiB a call; returns how many have
		// been finalized so far.
		"churn": func([]js.Value) any {
			runtime.SetFinalizer(new([4096]byte), func(*[4096]byte) { finalized++ })
			return finalized
		},
	}
	for name, f := range funcs {
		g.Set(name, js.FuncOf(func(_ js.Value, args []js.Value) any { return f(args) }))
	}
	g.Set("ready", true)
	select {}
}
