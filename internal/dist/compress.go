package dist

import (
	"bytes"
	"cmp"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"maps"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/andybalholm/brotli"
)

// Brotli qualities. Measured on a 9.0 MB Go program on this project's
// 2-core machine (BENCHMARKS.md): quality 9 gives 22.0% of the input in
// 4.9 s, quality 10 gives 19.9% but takes 26 s, past the ~15 s a 10 MB
// program may cost, and quality 1 gives 29.7% in 0.16 s.
const (
	ReleaseBrotliQuality = 9
	DevBrotliQuality     = 1
)

// compressible says which outputs get .br and .gz siblings: what a browser
// fetches, not the header files a server reads.
func compressible(name string) bool {
	switch path.Ext(name) {
	case ".wasm", ".js", ".mjs", ".css", ".html", ".map", ".json", ".webmanifest", ".svg", ".txt", ".csv", ".xml", ".ico", ".ttf", ".otf":
		return true
	}
	return false
}

// addCompressed adds the .br and .gz siblings of the assets.
func addCompressed(ctx context.Context, a *assets, o Options, s static) error {
	quality := o.BrotliQuality
	if quality == 0 {
		quality = ReleaseBrotliQuality
		if o.Dev {
			quality = DevBrotliQuality
		}
	}
	o.Progress(fmt.Sprintf("compressing (brotli quality %d, gzip)", quality))
	// Dev builds compress fast and change with every save: caching them
	// would only fill the cache.
	cache := compressCache("")
	if !o.Dev {
		cache = userCompressCache()
	}
	siblings, err := compressed(ctx, a.files, quality, o.Dev, cache)
	if err != nil {
		return err
	}
	if err := s.checkSiblings(siblings); err != nil {
		return err
	}
	maps.Copy(a.files, siblings)
	return nil
}

// Compressed makes NAME.br and NAME.gz for every compressible file of
// files, working on all cores, largest first so the longest job starts at
// once. A sibling no smaller than its original is left out: a server gains
// nothing by sending it. dev trades size for speed in gzip.
func Compressed(ctx context.Context, files map[string][]byte, brotliQuality int, dev bool) (map[string][]byte, error) {
	return compressed(ctx, files, brotliQuality, dev, compressCache(""))
}

// compressed is Compressed taking earlier results from cache where the
// same bytes were compressed the same way before.
func compressed(ctx context.Context, files map[string][]byte, brotliQuality int, dev bool, cache compressCache) (map[string][]byte, error) {
	gzipLevel := gzip.BestCompression
	if dev {
		gzipLevel = gzip.BestSpeed
	}
	type job struct{ name, enc string }
	var jobs []job
	for name := range files {
		if compressible(name) {
			jobs = append(jobs, job{name, "br"}, job{name, "gz"})
		}
	}
	slices.SortFunc(jobs, func(a, b job) int {
		return cmp.Or(len(files[b.name])-len(files[a.name]), strings.Compare(a.name, b.name), strings.Compare(a.enc, b.enc))
	})
	out := make([][]byte, len(jobs))
	next := make(chan int, len(jobs))
	for i := range jobs {
		next <- i
	}
	close(next)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				data := files[jobs[i].name]
				level := gzipLevel
				if jobs[i].enc == "br" {
					level = brotliQuality
				}
				entry := cache.path(data, jobs[i].enc, level) // hashes data: once a job
				if out[i] = cache.get(entry); out[i] != nil {
					continue
				}
				if jobs[i].enc == "br" {
					out[i] = compress(ctx, brotli.NewWriterLevel, data, level)
				} else {
					out[i] = compress(ctx, gzipWriter, data, level)
				}
				if out[i] != nil {
					cache.put(entry, out[i])
				}
			}
		})
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	siblings := map[string][]byte{}
	for i, j := range jobs {
		if len(out[i]) < len(files[j.name]) {
			siblings[j.name+"."+j.enc] = out[i]
		}
	}
	return siblings, nil
}

// compressChunk is how much input a compressor takes between looks at ctx:
// an interrupt stops the build within 0.5 s at brotli 9 (2.3–2.7 s at 11,
// which works on larger blocks), measured on a 4.6 MB program.
const compressChunk = 1 << 20

// compress returns data compressed at level, or nil once ctx is done.
func compress[W io.WriteCloser](ctx context.Context, newWriter func(io.Writer, int) W, data []byte, level int) []byte {
	var b bytes.Buffer
	w := newWriter(&b, level)
	for len(data) > 0 {
		if ctx.Err() != nil {
			return nil
		}
		n := min(len(data), compressChunk)
		w.Write(data[:n]) // writes to a bytes.Buffer do not fail
		data = data[n:]
	}
	w.Close()
	return b.Bytes()
}

// gzipWriter leaves the header's name and time empty, so output is
// byte-identical from build to build.
func gzipWriter(w io.Writer, level int) *gzip.Writer {
	z, _ := gzip.NewWriterLevel(w, level) // level is one of gzip's constants
	return z
}
