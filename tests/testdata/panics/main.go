// Callbacks that fail in every way a Go program can, exported through
// shim for tests of what JavaScript callers see.
package main

import (
	"errors"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"syscall/js"
	"unsafe"

	"github.com/buildwasm/buildwasm/shim"
)

type customError struct{ code int }

func (e customError) Error() string { return fmt.Sprintf("custom error %d", e.code) }

//go:noinline
func indexOutOfRange(i int) int {
	s := []int{1, 2, 3}
	return s[i]
}

//go:noinline
func nilMapWrite() {
	var m map[string]int
	m["x"] = 1
}

//go:noinline
func recurse(n int) int {
	if n == 0 {
		return 0
	}
	return recurse(n-1) + 1
}

func export(name string, fn func(args []js.Value) any) {
	shim.Export(name, func(this js.Value, args []js.Value) any { return fn(args) })
}

func main() {
	export("ok", func(args []js.Value) any { return "still alive" })
	export("index", func(args []js.Value) any { return indexOutOfRange(args[0].Int()) })
	export("nilMap", func(args []js.Value) any { nilMapWrite(); return nil })
	export("custom", func(args []js.Value) any { panic(customError{42}) })
	export("sprintf", func(args []js.Value) any { panic(fmt.Sprintf("formatted %d-%s", 7, "x")) })
	export("wrapped", func(args []js.Value) any { panic(fmt.Errorf("wrapped: %w", errors.New("inner"))) })
	// Go → JS → Go: calls a JS function that calls back into a panicking
	// export; the outer Go code recovers the JS error it gets.
	export("nested", func(args []js.Value) (result any) {
		defer func() {
			if r := recover(); r != nil {
				err, ok := r.(js.Error)
				result = fmt.Sprintf("recovered %T %v: %s", r, ok, err.Get("name").String())
			}
		}()
		args[0].Invoke()
		return "not reached"
	})
	// Results js.ValueOf refuses.
	shim.Export("badSlice", func(this js.Value, args []js.Value) any {
		return []string{"a", "b"}
	})
	shim.Export("badStruct", func(this js.Value, args []js.Value) any { return struct{ X int }{1} })
	export("goexit", func(args []js.Value) any { runtime.Goexit(); return nil })
	export("exit", func(args []js.Value) any { os.Exit(args[0].Int()); return nil })
	export("goroutinePanic", func(args []js.Value) any {
		go func() { panic("boom in a goroutine") }()
		return nil
	})
	export("goStackOverflow", func(args []js.Value) any {
		debug.SetMaxStack(64 << 10)
		return recurse(1 << 30)
	})
	// A wasm trap: a load far outside linear memory.
	export("trap", func(args []js.Value) any {
		return *(*int)(unsafe.Pointer(uintptr(0xfffffff0)))
	})
	// V8's own stack runs out first: every Go call is a wasm call.
	export("deepRecursion", func(args []js.Value) any { return recurse(1 << 30) })
	// A JS exception thrown by a getter unwinds through Go.
	export("throwingGetter", func(args []js.Value) any { return args[0].Get("boom") })
	export("goPanic", func(args []js.Value) any {
		shim.Go(func() { panic("boom in shim.Go") })
		return nil
	})
	export("promise", func(args []js.Value) any {
		mode := args[0].String()
		return shim.Promise(func() (any, error) {
			switch mode {
			case "error":
				return nil, errors.New("promise failed")
			case "panic":
				var m map[string]int
				m["x"] = 1
			case "throw": // a JS exception through Go (Go→JS→Go)
				args[1].Invoke()
			}
			return "promised " + mode, nil
		})
	})
	// Awaits a JS promise from a goroutine and doubles its number.
	export("awaitDouble", func(args []js.Value) any {
		p := args[0]
		return shim.Promise(func() (any, error) {
			v, err := shim.Await(p)
			if err != nil {
				return nil, err
			}
			return v.Int() * 2, nil
		})
	})
	// Await on the callback's own goroutine cannot block.
	export("awaitInCallback", func(args []js.Value) any {
		_, err := shim.Await(args[0])
		return fmt.Sprint(err)
	})
	select {}
}
