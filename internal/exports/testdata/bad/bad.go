package bad

import "github.com/buildwasm/buildwasm/shim"

type T struct{}

type float64 int

//buildwasm:export
func (T) Method() {}

//buildwasm:export
func Generic[X any](x X) {}

//buildwasm:export
func Variadic(xs ...int) {}

//buildwasm:export
func Map(m map[string]int) {}

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
