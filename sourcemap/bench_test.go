package sourcemap

import (
	"os"
	"testing"
)

// BenchmarkMap parses a binary and writes its map: the whole cost of
// `buildwasm sourcemap` but reading and writing files. BUILDWASM_BENCH_WASM
// names a large binary to measure (tests/bench/sourcemap builds esbuild);
// by default it is examples/hello.
func BenchmarkMap(b *testing.B) {
	var wasm []byte
	if f := os.Getenv("BUILDWASM_BENCH_WASM"); f != "" {
		var err error
		if wasm, err = os.ReadFile(f); err != nil {
			b.Fatal(err)
		}
	} else {
		wasm = goBuild(b, "local", "../examples/hello")
	}
	b.SetBytes(int64(len(wasm)))
	b.ReportAllocs()
	for b.Loop() {
		bin, err := Parse(wasm)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := bin.Map(MapOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}
