// Command compress measures the size/time curve of brotli on a ~10 MB Go
// program (tests/testdata/startup), the curve the release default quality
// is chosen from, and the time of the whole compression step of a release
// and a dev build (every file, all cores), and prints Markdown tables for
// BENCHMARKS.md.
//
// Usage: go run ./tests/bench/compress [-qualities 1,5,9,10,11]
package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/andybalholm/brotli"

	"github.com/buildwasm/buildwasm/internal/dist"
	"github.com/buildwasm/buildwasm/tests/bench/benchutil"
)

func main() {
	qualities := flag.String("qualities", "1,3,5,7,9,10,11", "brotli qualities to measure on the program alone")
	flag.Parse()
	tmp, bw, done := benchutil.Setup()
	defer done()
	release, dev := filepath.Join(tmp, "release"), filepath.Join(tmp, "dev")
	benchutil.Run(nil, "", bw, "build", "-o", release, "./tests/testdata/startup")
	benchutil.Run(nil, "", bw, "build", "-dev", "-o", dev, "./tests/testdata/startup")
	files := func(dir string) map[string][]byte {
		out := map[string][]byte{}
		entries, err := os.ReadDir(dir)
		benchutil.Check(err)
		for _, e := range entries {
			name := e.Name()
			if strings.HasSuffix(name, ".br") || strings.HasSuffix(name, ".gz") {
				continue
			}
			b, err := os.ReadFile(filepath.Join(dir, name))
			benchutil.Check(err)
			out[name] = b
		}
		return out
	}
	rel := files(release)
	var wasm []byte
	for name, b := range rel {
		if strings.HasSuffix(name, ".wasm") {
			wasm = b
		}
	}
	fmt.Printf("Go %s, %s/%s, %d cores; the program: %d bytes\n\n", strings.TrimPrefix(runtime.Version(), "go"), runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), len(wasm))
	fmt.Println("| encoding | bytes | % of input | time (s), one core |")
	fmt.Println("|---|---:|---:|---:|")
	row := func(name string, compress func() []byte) {
		start := time.Now()
		out := compress()
		fmt.Printf("| %s | %d | %.1f%% | %.2f |\n", name, len(out), 100*float64(len(out))/float64(len(wasm)), time.Since(start).Seconds())
	}
	for _, q := range strings.Split(*qualities, ",") {
		quality, err := strconv.Atoi(q)
		benchutil.Check(err)
		row("brotli "+q, func() []byte {
			var b bytes.Buffer
			w := brotli.NewWriterLevel(&b, quality)
			w.Write(wasm)
			w.Close()
			return b.Bytes()
		})
	}
	for _, level := range []int{1, 9} {
		row(fmt.Sprintf("gzip -%d", level), func() []byte {
			var b bytes.Buffer
			w, _ := gzip.NewWriterLevel(&b, level)
			w.Write(wasm)
			w.Close()
			return b.Bytes()
		})
	}
	fmt.Println()
	fmt.Println("| whole compression step (every file, .br and .gz, all cores) | input bytes | time (s) |")
	fmt.Println("|---|---:|---:|")
	step := func(name string, files map[string][]byte, quality int, dev bool) {
		total := 0
		for _, b := range files {
			total += len(b)
		}
		start := time.Now()
		dist.Compressed(context.Background(), files, quality, dev)
		fmt.Printf("| %s | %d | %.2f |\n", name, total, time.Since(start).Seconds())
	}
	step(fmt.Sprintf("release (brotli %d, gzip -9)", dist.ReleaseBrotliQuality), rel, dist.ReleaseBrotliQuality, false)
	step(fmt.Sprintf("dev (brotli %d, gzip -1; the map carries sources)", dist.DevBrotliQuality), files(dev), dist.DevBrotliQuality, true)
}
