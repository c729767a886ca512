package loader_test

import (
	"bytes"
	"fmt"
	"log"

	"github.com/buildwasm/buildwasm/loader"
)

// Bundle gives the loader as one ES module, ready to serve next to a
// program's .wasm file.
func ExampleBundle() {
	js, err := loader.Bundle(loader.Module, loader.Options{Minify: true})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(bytes.Contains(js, []byte("export{")))
	// Output: true
}
