//go:build js && wasm

package wasmtests

// Double is what the coverage test covers.
func Double(x int) int {
	if x < 0 {
		return -2 * -x
	}
	return 2 * x
}
