package sourcemap_test

import (
	"fmt"
	"log"
	"os"

	"github.com/buildwasm/buildwasm/sourcemap"
)

// Map a V8 stack frame such as
// "at main.main (wasm://wasm/1a2b3c4d:wasm-function[2061]:0x1d3a0f)"
// back to Go: the offset after "0x" is what Lookup takes.
func Example() {
	wasm, err := os.ReadFile("app.wasm")
	if err != nil {
		log.Fatal(err)
	}
	bin, err := sourcemap.Parse(wasm)
	if err != nil {
		log.Fatal(err)
	}
	for _, f := range bin.Lookup(0x1d3a0f) {
		fmt.Printf("%s\n\t%s:%d\n", f.Function, f.File, f.Line)
	}
	js, err := bin.Map(sourcemap.MapOptions{File: "app.wasm"})
	if err != nil {
		log.Fatal(err)
	}
	os.WriteFile("app.wasm.map", js, 0o644)
}
