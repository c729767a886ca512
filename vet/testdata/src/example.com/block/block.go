// Package block holds the cases of callbackblock.
package block

import (
	"net/http"
	"sync"
	"syscall/js"
	"time"

	"example.com/helpers"
	"github.com/buildwasm/buildwasm/shim"
)

type cb = func(this js.Value, args []js.Value) any

var (
	wg       sync.WaitGroup
	mu       sync.Mutex
	cond     = sync.NewCond(&mu)
	events   chan int
	results  = make(chan int, 8)
	requests = make(chan int)
)

type worker struct {
	jobs chan int
	done chan int
}

func newWorker() *worker { return &worker{jobs: make(chan int), done: make(chan int, 1)} }

func sleepy()               { time.Sleep(time.Second) }                   // want sleepy:"blocks: time.Sleep"
func fetch() (any, error)   { return http.Post("/x", "text/plain", nil) } // want fetch:"deadlocks: http.Post"
func wait[T any](v T) T     { wg.Wait(); return v }                       // want wait:"blocks: sync.WaitGroup.Wait"
func quick(a, b int) int    { return a + b }
func (w *worker) slow() any { <-w.jobs; return nil } // want slow:"blocks: a receive from w.jobs"

// submit sends from plain code, so a receive from jobs is no deadlock.
func (w *worker) submit()                                   { w.jobs <- 1 } // want submit:"blocks: a send on unbuffered channel w.jobs"
func (w *worker) fast() any                                 { return nil }
func (w *worker) handle(this js.Value, args []js.Value) any { time.Sleep(1); return nil } // want handle:"blocks: time.Sleep"
func (w *worker) ok(this js.Value, args []js.Value) any     { return nil }

// Freeze.

func Freezes(w *worker, in chan int) {
	js.FuncOf(func(this js.Value, args []js.Value) any {
		time.Sleep(time.Second) // want `callback blocks the page: time.Sleep`
		wg.Wait()               // want `callback blocks the page: sync.WaitGroup.Wait`
		cond.Wait()             // want `callback blocks the page: sync.Cond.Wait`
		<-in                    // want `callback blocks the page: a receive from in`
		<-time.After(1)         // want `callback blocks the page: a receive from time.After`
		select {                // want `callback blocks the page: a select without default`
		case <-in:
		case events <- 1:
		}
		requests <- 1  // want `callback blocks the page: a send on unbuffered channel requests`
		w.jobs <- 1    // want `callback blocks the page: a send on unbuffered channel w.jobs`
		for range in { // want `callback blocks the page: a receive from in`
		}
		sleepy()        // want `callback blocks the page: sleepy → time.Sleep`
		wait(3)         // want `callback blocks the page: wait → sync.WaitGroup.Wait`
		w.slow()        // want `callback blocks the page: worker.slow → a receive from w.jobs`
		helpers.Pause() // want `callback blocks the page: helpers.Pause → time.Sleep`
		helpers.Slow(1) // want `callback blocks the page: helpers.Slow → time.Sleep`
		pause := func() { time.Sleep(1) }
		pause() // want `callback blocks the page: pause → time.Sleep`
		defer func() {
			wg.Wait() // want `callback blocks the page: sync.WaitGroup.Wait`
		}()
		return "done"
	})
	js.FuncOf(w.handle)        // want `callback blocks the page: worker.handle → time.Sleep`
	js.FuncOf(helpers.Handler) // want `callback blocks the page: helpers.Handler → Pause → time.Sleep`
	shim.Export("slow", func(this js.Value, args []js.Value) any {
		sleepy() // want `callback blocks the page: sleepy → time.Sleep`
		return nil
	})
}

// Deadlock.

func Deadlocks(client *http.Client, req *http.Request) {
	js.FuncOf(func(this js.Value, args []js.Value) any {
		http.Get("/")          // want `callback deadlocks: http.Get waits for the JavaScript event loop`
		client.Do(req)         // want `callback deadlocks: http.Do`
		shim.Await(args[0])    // want `callback deadlocks: shim.Await \(it fails at once in a callback\)`
		fetch()                // want `callback deadlocks: fetch → http.Post`
		helpers.Fetch("/")     // want `callback deadlocks: helpers.Fetch → http.Get`
		helpers.Await(args[0]) // want `callback deadlocks: helpers.Await → a receive from ch \(sent to only by callbacks`
		return nil
	})
	got := make(chan *http.Response, 1)
	js.FuncOf(func(this js.Value, args []js.Value) any {
		go func() {
			r, _ := http.Get("/")
			got <- r
		}()
		<-got // want `callback deadlocks: a receive from got \(sent to only by callbacks or code that waits on JavaScript\)`
		return nil
	})
	clicks := make(chan int)
	js.FuncOf(func(this js.Value, args []js.Value) any {
		clicks <- 1 // want `callback blocks the page: a send on unbuffered channel clicks`
		return nil
	})
	js.FuncOf(func(this js.Value, args []js.Value) any {
		<-clicks // want `callback deadlocks: a receive from clicks`
		return nil
	})
}

// Not reported.

func Fine(w *worker, in chan int) { // want Fine:"deadlocks: http.Get"
	js.FuncOf(func(this js.Value, args []js.Value) any {
		go func() {
			time.Sleep(time.Second)
			<-in
		}()
		go sleepy()
		shim.Go(func() { wg.Wait() })
		p := shim.Promise(func() (any, error) {
			v, err := shim.Await(args[0])
			_, _ = http.Get("/")
			return v, err
		})
		results <- 1
		w.done <- 1
		select {
		case v := <-in:
			_ = v
		default:
		}
		mu.Lock()
		mu.Unlock()
		quick(1, 2)
		w.fast()
		helpers.Background()
		later := func() { <-in }
		_ = later
		inner := js.FuncOf(func(this js.Value, args []js.Value) any {
			return nil
		})
		inner.Release()
		return p
	})
	js.FuncOf(w.ok)
	// Blocking outside callbacks is the right place for it.
	sleepy()
	<-in
	_, _ = http.Get("/")
	go func() {
		for v := range in {
			results <- v
		}
	}()
}

// A callback inside a callback is its own: only the inner one sleeps.
func Nested() {
	js.FuncOf(func(this js.Value, args []js.Value) any {
		js.FuncOf(func(this js.Value, args []js.Value) any {
			time.Sleep(1) // want `callback blocks the page: time.Sleep`
			return nil
		})
		return nil
	})
}

var _ = newWorker
