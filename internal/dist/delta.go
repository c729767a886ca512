package dist

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/klauspost/compress/zstd"
)

// Deltas (Compression Dictionary Transport). A release build serves its
// program with Use-As-Dictionary, so browsers keep it; after the next
// deploy they name it in Available-Dictionary when they fetch the new
// program, and a server that has a delta of the new program against it
// answers with Content-Encoding: dcz: the magic dczMagic, the dictionary's
// SHA-256, then a zstd frame that uses the old program as raw dictionary.
// Go programs change little between deploys (the runtime and the standard
// library are the same bytes), so a delta is a tenth of the brotli file.

// dczMagic opens every dcz body, before the dictionary's SHA-256.
const dczMagic = "\x5e\x2a\x4d\x18\x20\x00\x00\x00"

// maxDictionary is the largest dictionary Chromium offers: it never sends
// Available-Dictionary for a larger one, so a delta against it is useless.
const maxDictionary = 100 << 20

// delta is one delta file of the new program.
type delta struct {
	name string
	// dictionary is the SHA-256 of the old program the delta decodes with.
	dictionary [sha256.Size]byte
}

// availableDictionary is the value of the Available-Dictionary header a
// browser sends when it holds the delta's dictionary: a structured-field
// byte sequence.
func (d delta) availableDictionary() string {
	return ":" + base64.StdEncoding.EncodeToString(d.dictionary[:]) + ":"
}

// previous is the program of an earlier dist (-delta-from).
type previous struct {
	dir  string
	wasm []byte
}

// readPrevious finds the program of an earlier release dist through its
// manifest, and checks that the file is the one the manifest lists.
func readPrevious(dir string) (previous, error) {
	b, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if errors.Is(err, os.ErrNotExist) {
		if _, statErr := os.Stat(dir); errors.Is(statErr, os.ErrNotExist) {
			return previous{}, fmt.Errorf("-delta-from %s: no such folder", dir)
		}
		return previous{}, fmt.Errorf("-delta-from %s: not a buildwasm dist (no manifest.json)", dir)
	}
	if err != nil {
		return previous{}, fmt.Errorf("-delta-from %s: %w", dir, err)
	}
	var m manifest
	if json.Unmarshal(b, &m) != nil || !strings.HasPrefix(m.Generator, "buildwasm") {
		return previous{}, fmt.Errorf("-delta-from %s: not a buildwasm dist (manifest.json is not buildwasm's)", dir)
	}
	if m.Mode != "release" {
		return previous{}, fmt.Errorf("-delta-from %s: a %s build; only release builds tell browsers to keep their program as a dictionary", dir, m.Mode)
	}
	name := m.Entry["wasm"]
	i := slices.IndexFunc(m.Files, func(f File) bool { return f.Name == name })
	if name == "" || i < 0 || path.Base(name) != name {
		return previous{}, fmt.Errorf("-delta-from %s: its manifest names no program", dir)
	}
	wasm, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		return previous{}, fmt.Errorf("-delta-from %s: %w", dir, err)
	}
	sum := sha256.Sum256(wasm)
	if hex.EncodeToString(sum[:]) != m.Files[i].SHA256 {
		return previous{}, fmt.Errorf("-delta-from %s: %s is not the file its manifest lists", dir, name)
	}
	return previous{dir, wasm}, nil
}

// readPreviousAll reads every -delta-from folder, so that a wrong one
// fails the build before anything is compiled.
func readPreviousAll(dirs []string) ([]previous, error) {
	var prev []previous
	for _, dir := range dirs {
		p, err := readPrevious(dir)
		if err != nil {
			return nil, err
		}
		prev = append(prev, p)
	}
	return prev, nil
}

// windowLimit is the largest zstd window Chromium's decoder accepts with a
// dictionary of dictSize bytes: 2^clamp(⌈log2(1.25 × size)⌉, 23, 27). A
// frame over it fails the fetch, with no fallback to another encoding.
func windowLimit(dictSize int) uint64 {
	log := 23
	for log < 27 && uint64(4)<<log < 5*uint64(dictSize) { // 2^log < 1.25 × size
		log++
	}
	return 1 << log
}

// addDeltas adds a delta of the program against each previous program.
// A previous program equal to the new one needs none; one that Chromium
// would refuse (too large a dictionary or window) is skipped with a
// warning, since a browser would fail the fetch rather than fall back.
func addDeltas(ctx context.Context, a *assets, o Options, prev []previous, cache compressCache) ([]delta, error) {
	wasmName := a.entry["wasm"]
	wasm := a.files[wasmName]
	type job struct {
		prev previous
		sum  [sha256.Size]byte
		out  []byte
		err  error
	}
	var jobs []*job
	for _, p := range prev {
		sum := sha256.Sum256(p.wasm)
		if bytes.Equal(p.wasm, wasm) || slices.ContainsFunc(jobs, func(j *job) bool { return j.sum == sum }) {
			continue
		}
		if len(p.wasm) > maxDictionary {
			fmt.Fprintf(o.Stderr, "buildwasm: warning: no delta against %s: its program (%d bytes) is over the %d bytes Chromium keeps as a dictionary\n", p.dir, len(p.wasm), maxDictionary)
			continue
		}
		jobs = append(jobs, &job{prev: p, sum: sum})
	}
	if len(jobs) > 0 {
		o.Progress(fmt.Sprintf("writing deltas (dcz) against %d earlier programs", len(jobs)))
	}
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for _, j := range jobs {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			if ctx.Err() == nil {
				j.out, j.err = cachedDelta(cache, wasm, j.prev.wasm)
			}
		})
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var deltas []delta
	for _, j := range jobs {
		if j.err != nil {
			fmt.Fprintf(o.Stderr, "buildwasm: warning: no delta against %s: %v\n", j.prev.dir, j.err)
			continue
		}
		d := delta{name: deltaName(wasmName, j.sum), dictionary: j.sum}
		a.files[d.name] = j.out
		deltas = append(deltas, d)
	}
	slices.SortFunc(deltas, func(x, y delta) int { return strings.Compare(x.name, y.name) })
	return deltas, nil
}

// deltaName is NAME.HASH.wasm.DICT.dcz, DICT being the first 16 hex
// digits of the dictionary's SHA-256.
func deltaName(wasmName string, dictionary [sha256.Size]byte) string {
	return wasmName + "." + hex.EncodeToString(dictionary[:8]) + ".dcz"
}

// zstdVersion is the zstd module's version, part of a cached delta's key:
// another encoder may write other bytes.
var zstdVersion = moduleVersion("github.com/klauspost/compress")

// cachedDelta is encodeDelta through the compression cache, keyed by both
// programs: a rebuild of an unchanged program takes its deltas from there.
func cachedDelta(cache compressCache, wasm, dict []byte) ([]byte, error) {
	entry := ""
	if cache != "" {
		w, d := sha256.Sum256(wasm), sha256.Sum256(dict)
		entry = filepath.Join(string(cache), hex.EncodeToString(w[:])+"-"+hex.EncodeToString(d[:])+"-"+runtime.Version()+"-zstd"+zstdVersion+".dcz")
	}
	if b := cache.get(entry); b != nil && checkDelta(b, dict) == nil {
		return b, nil
	}
	b, err := encodeDelta(wasm, dict)
	if err == nil {
		cache.put(entry, b)
	}
	return b, err
}

// Delta is the dcz body of program against dict (an earlier program), as
// -delta-from writes it, for benchmarks and tools; it fails when Chromium
// would refuse it.
func Delta(program, dict []byte) ([]byte, error) {
	return encodeDelta(program, dict)
}

// encodeDelta writes the dcz body of data against dict: zstd at its best
// level, with a window Chromium accepts for that dictionary, and the
// frame's header checked against that limit as written.
func encodeDelta(data, dict []byte) ([]byte, error) {
	enc, err := zstd.NewWriter(nil,
		zstd.WithEncoderLevel(zstd.SpeedBestCompression),
		zstd.WithWindowSize(int(windowLimit(len(dict)))),
		zstd.WithEncoderDictRaw(0, dict), // ID 0: the frame names no dictionary; dcz's header does
		zstd.WithEncoderConcurrency(1))
	if err != nil {
		return nil, err
	}
	defer enc.Close()
	sum := sha256.Sum256(dict)
	out := append([]byte(dczMagic), sum[:]...)
	out = enc.EncodeAll(data, out)
	return out, checkDelta(out, dict)
}

// checkDelta says why Chromium would refuse the dcz body b for dict.
func checkDelta(b, dict []byte) error {
	sum := sha256.Sum256(dict)
	if len(b) < len(dczMagic)+len(sum) || string(b[:len(dczMagic)]) != dczMagic || !bytes.Equal(b[len(dczMagic):len(dczMagic)+len(sum)], sum[:]) {
		return errors.New("not a dcz body for this dictionary")
	}
	window, err := frameWindow(b[len(dczMagic)+len(sum):])
	if err != nil {
		return err
	}
	if limit := windowLimit(len(dict)); window > limit {
		return fmt.Errorf("its zstd window (%d bytes) is over the %d bytes Chromium allows with a %d-byte dictionary", window, limit, len(dict))
	}
	return nil
}

// frameWindow reads the window size a decoder needs for the zstd frame
// that b starts with (RFC 8878, 3.1.1.1): the window descriptor's, or for a
// single-segment frame the content size, which then serves as the window.
func frameWindow(b []byte) (uint64, error) {
	var h zstd.Header
	if err := h.Decode(b); err != nil {
		return 0, fmt.Errorf("zstd frame header: %w", err)
	}
	if h.Skippable {
		return 0, errors.New("not a zstd frame")
	}
	if h.SingleSegment {
		return h.FrameContentSize, nil
	}
	return h.WindowSize, nil
}
