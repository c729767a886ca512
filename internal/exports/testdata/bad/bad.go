package bad

import (
	"syscall/js"
	"time"

	"github.com/buildwasm/buildwasm/shim"
)

type T struct{}

type float64 int

//buildwasm:export
func (T) Method() {}

//buildwasm:export
func Generic[X any](x X) {}

//buildwasm:export
func Variadic(xs ...int) {}

//buildwasm:export
func Map(m map[int]string) {}

//buildwasm:export
func Two() (int, int) { return 0, 0 }

//buildwasm:export
func ErrParam(err error) {}

//buildwasm:export
func Shadowed(f float64) {}

//buildwasm:export 1bad
func BadName() {}

//buildwasm:export two names
func TwoNames() {}

//buildwasm:export
func Dup() {}

//buildwasm:export dup
func Dup2() {}

//go:wasmexport wasm
func wasm() {}

//buildwasm:export
func Wasm() {}

//buildwasm:export
func Shimmed() {}

func main() {
	shim.Export("shimmed", nil)
}

//buildwasm:export
func Many(a, b, c, d, e, f, g, h string) {}

//buildwasm:export
func Chan(c chan int) {}

//buildwasm:export
func Func() func() { return nil }

//buildwasm:export
func Unnamed(s struct{ X int }) {}

type List struct {
	Next *List
}

//buildwasm:export
func Recursive(l List) {}

//buildwasm:export
func Time(t time.Time) {}

type WithError struct {
	Err error
}

//buildwasm:export
func FieldError() WithError { return WithError{} }

type Box[T any] struct{ V T }

//buildwasm:export
func GenericType(b Box[int]) {}

type Inner struct{ X int }

type Outer struct {
	*Inner
}

//buildwasm:export
func EmbeddedPointer(o Outer) {}

//buildwasm:export
func ArrayLen(a [len("ab")]int) {}

//buildwasm:export
func Values(vs []js.Value) {}
