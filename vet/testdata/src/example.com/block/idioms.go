package block

import (
	"errors"
	"syscall/js"
)

// Idioms found in real code that do not block, kept so they stay quiet.

// awaitEither is the await idiom with a select (seen in a Workers
// binding): each callback sends to the function that made it, which
// waits for one of them.
func awaitEither(p js.Value) (js.Value, error) { // want awaitEither:"deadlocks: a select without default"
	results := make(chan js.Value)
	errs := make(chan error)
	var then, catch js.Func
	then = js.FuncOf(func(this js.Value, args []js.Value) any {
		defer then.Release()
		results <- args[0]
		return nil
	})
	catch = js.FuncOf(func(this js.Value, args []js.Value) any {
		defer catch.Release()
		errs <- errors.New(args[0].String())
		return nil
	})
	p.Call("then", then).Call("catch", catch)
	select {
	case r := <-results:
		return r, nil
	case err := <-errs:
		return js.Value{}, err
	}
}

// openEntry makes the channel after the callbacks and closes it from
// them (seen in a game engine's file system).
func openEntry(dir js.Value) js.Value { // want openEntry:"deadlocks: a receive from entry"
	var entry chan js.Value
	ok := js.FuncOf(func(this js.Value, args []js.Value) any {
		entry <- args[0]
		close(entry)
		return nil
	})
	defer ok.Release()
	entry = make(chan js.Value)
	dir.Call("getFile", "name", ok)
	return <-entry
}

type session struct {
	ch   chan string
	done chan struct{}
}

func newSession() *session {
	return &session{ch: make(chan string, 1), done: make(chan struct{})}
}

// trySend keeps only the last value (seen in a game engine's text input):
// when the send fails the buffer is full, so the receive that drains it
// is ready at once.
func (s *session) trySend(v string) {
	for {
		select {
		case s.ch <- v:
			return
		default:
			select {
			case <-s.ch:
			case <-s.done:
				return
			}
		}
	}
}

func Idioms(s *session) {
	js.FuncOf(func(this js.Value, args []js.Value) any {
		s.trySend(args[0].String())
		return nil
	})
	// Awaiting in a callback is still a deadlock.
	js.FuncOf(func(this js.Value, args []js.Value) any {
		awaitEither(args[0]) // want `callback deadlocks: awaitEither → a select without default \(its channels are sent to only by callbacks`
		openEntry(args[0])   // want `callback deadlocks: openEntry → a receive from entry`
		return nil
	})
}

var _ = newSession
