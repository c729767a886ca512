package build

import (
	"bytes"
	"cmp"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"io"
	"maps"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/andybalholm/brotli"
)

// HashScheme is how release builds name their assets, written into the
// manifest so that deploy tools need not guess.
const HashScheme = "NAME.HASH.EXT, HASH = first 16 hex digits of the SHA-256 of the file as written"

// hashedName puts the content hash before the extension:
// app.wasm → app.0123456789abcdef.wasm. Any change to the bytes changes
// the name, so hashed files can be cached forever.
func hashedName(name string, data []byte) string {
	sum := sha256.Sum256(data)
	ext := path.Ext(name)
	return strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:8]) + ext
}

// isHashed reports whether a file name carries a content hash (or is a
// compressed sibling of one), as hashedName writes it.
func isHashed(name string) bool {
	name = strings.TrimSuffix(strings.TrimSuffix(name, ".br"), ".gz")
	stem := strings.TrimSuffix(name, path.Ext(name))
	i := strings.LastIndexByte(stem, '.')
	if i < 0 || len(stem)-i-1 != 16 {
		return false
	}
	_, err := hex.DecodeString(stem[i+1:])
	return err == nil && strings.ToLower(stem[i+1:]) == stem[i+1:]
}

// integrity is the Subresource Integrity value of data.
func integrity(data []byte) string {
	sum := sha512.Sum384(data)
	return "sha384-" + base64.StdEncoding.EncodeToString(sum[:])
}

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
				if out[i] = cache.get(data, jobs[i].enc, level); out[i] != nil {
					continue
				}
				if jobs[i].enc == "br" {
					out[i] = compress(ctx, brotli.NewWriterLevel, data, level)
				} else {
					out[i] = compress(ctx, gzipWriter, data, level)
				}
				if out[i] != nil {
					cache.put(data, jobs[i].enc, level, out[i])
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

// File is one file of the output as the manifest lists it.
type File struct {
	Name string `json:"name"`
	Size int    `json:"size"`
	// SHA256 is the hex SHA-256 of the file's bytes.
	SHA256 string `json:"sha256"`
	// Integrity is the file's Subresource Integrity value (sha384).
	Integrity string `json:"integrity"`
	// Encoding is "br" or "gzip" for a compressed sibling of Original.
	Encoding string `json:"encoding,omitempty"`
	Original string `json:"original,omitempty"`
	// DecodedSize is the size once any Content-Encoding is undone: what a
	// browser's fetch counts, and what a progress bar must divide by.
	DecodedSize int `json:"decodedSize"`
	// Static marks a file copied from the static folder, and its siblings.
	Static bool `json:"static,omitempty"`
}

// describe lists files as the manifest does, sorted by name.
func describe(files map[string][]byte) []File {
	var list []File
	for _, name := range slices.Sorted(maps.Keys(files)) {
		data := files[name]
		sum := sha256.Sum256(data)
		f := File{Name: name, Size: len(data), SHA256: hex.EncodeToString(sum[:]), Integrity: integrity(data), DecodedSize: len(data)}
		for suffix, enc := range map[string]string{".br": "br", ".gz": "gzip"} {
			if orig, ok := strings.CutSuffix(name, suffix); ok && files[orig] != nil {
				f.Encoding, f.Original, f.DecodedSize = enc, orig, len(files[orig])
			}
		}
		list = append(list, f)
	}
	return list
}
