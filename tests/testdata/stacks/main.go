// Captures V8's stack (through a JS function that returns new Error().stack)
// together with Go's own view of the same moment (runtime.CallersFrames), in
// many kinds of call, and prints one JSON line per case. Tests map the V8
// frames through the source map and compare.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"runtime"
	"syscall/js"
)

type record struct {
	Case   string  `json:"case"`
	Stack  string  `json:"stack"`
	Frames []frame `json:"frames"`
}

type frame struct {
	Func string `json:"func"`
	File string `json:"file"`
	Line int    `json:"line"`
}

// capture records both stacks. The JS call and the line it is on are the
// innermost Go frame V8 sees; Go's frames above capture are shared.
//
//go:noinline
func capture(name string) {
	stack, line := js.Global().Call("captureStack").String(), callerLine()
	pcs := make([]uintptr, 200)
	n := runtime.Callers(1, pcs)
	frames := runtime.CallersFrames(pcs[:n])
	var out []frame
	for {
		f, more := frames.Next()
		out = append(out, frame{f.Function, f.File, f.Line})
		if !more {
			break
		}
	}
	out[0].Line = line
	b, _ := json.Marshal(record{name, stack, out})
	fmt.Println(string(b))
}

// callerLine is the line its caller is on.
//
//go:noinline
func callerLine() int {
	_, _, line, _ := runtime.Caller(1)
	return line
}

//go:noinline
func plain() { capture("plain") }

type counter struct{ n int }

//go:noinline
func (c counter) value() { capture("method") }

//go:noinline
func (c *counter) pointer() { c.n++; capture("pointer method") }

type shape interface{ area() }

type square struct{}

//go:noinline
func (square) area() { capture("interface method") }

//go:noinline
func generic[T any](x T) { _ = x; capture("generic") }

// inlined is small enough to be inlined into its callers.
func inlined() { capture("inlined") }

func inlinedTwice() { inlined() }

//go:noinline
func deferred() {
	defer func() { capture("deferred") }()
	fmt.Fprint(os.Stderr, "")
}

//go:noinline
func recursive(n int) {
	if n == 0 {
		capture("recursion")
		return
	}
	recursive(n - 1)
}

func main() {
	plain()
	counter{}.value()
	(&counter{}).pointer()
	var s shape = square{}
	s.area()
	generic(42)
	generic("text")
	inlinedTwice()
	deferred()
	recursive(5)
	func() { capture("closure") }()
	closure := func(k int) { capture(fmt.Sprint("closure ", k)) }
	closure(1)
}
