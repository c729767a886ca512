// Package helpers blocks in ways callbackblock must see from other
// packages, through facts.
package helpers

import (
	"net/http"
	"syscall/js"
	"time"
)

// Pause freezes: it sleeps.
func Pause() { time.Sleep(time.Millisecond) } // want Pause:"blocks: time.Sleep"

// Fetch deadlocks in a callback: fetch answers on the event loop.
func Fetch(url string) (*http.Response, error) { return http.Get(url) } // want Fetch:"deadlocks: http.Get"

// Await waits for a promise by a channel that only a callback fills.
func Await(p js.Value) js.Value { // want Await:`deadlocks: a receive from ch \(sent to only by callbacks`
	ch := make(chan js.Value)
	then := js.FuncOf(func(this js.Value, args []js.Value) any {
		ch <- args[0] // Await waits for it: no freeze
		return nil
	})
	defer then.Release()
	p.Call("then", then)
	return <-ch
}

// Handler is a callback given by name in another package.
func Handler(this js.Value, args []js.Value) any { // want Handler:"blocks: Pause → time.Sleep"
	Pause()
	return nil
}

// Background starts its blocking work on a goroutine: callers never wait.
func Background() {
	go Pause()
	go func() { _, _ = Fetch("/x") }()
}

// Slow is generic and sleeps.
func Slow[T any](v T) T { // want Slow:"blocks: time.Sleep"
	time.Sleep(time.Millisecond)
	return v
}
