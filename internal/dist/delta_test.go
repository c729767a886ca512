package dist

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/klauspost/compress/zstd"
)

func TestWindowLimit(t *testing.T) {
	for size, want := range map[int]uint64{
		0:         1 << 23,
		1 << 20:   1 << 23,
		6710886:   1 << 23, // 1.25 × size = 8388607.5, just under 8 MiB
		6710887:   1 << 24,
		9_590_000: 1 << 24, // the 9.59 MB program
		100 << 20: 1 << 27,
		200 << 20: 1 << 27,
		13421772:  1 << 24, // 1.25 × size = 16777215
		13421773:  1 << 25,
	} {
		if got := windowLimit(size); got != want {
			t.Errorf("windowLimit(%d) = %d; want %d", size, got, want)
		}
	}
}

// fakeProgram makes n bytes that compress like code: words from a small
// vocabulary, in an order drawn from seed.
func fakeProgram(seed uint64, n int) []byte {
	r := rand.New(rand.NewPCG(seed, 1))
	words := strings.Fields("i32.load local.get call br_if runtime. fmt. syscall/js. main. reflect. 0x00 0xff end block loop")
	var b bytes.Buffer
	for b.Len() < n {
		b.WriteString(words[r.IntN(len(words))])
		b.WriteByte(byte(r.IntN(256)))
	}
	return b.Bytes()[:n]
}

// decodeDelta undoes a dcz body as a browser does, with Chromium's window
// limit for the dictionary.
func decodeDelta(t *testing.T, body, dict []byte) []byte {
	t.Helper()
	sum := sha256.Sum256(dict)
	if string(body[:8]) != dczMagic || !bytes.Equal(body[8:40], sum[:]) {
		t.Fatalf("dcz header %x is not the magic and the dictionary's SHA-256", body[:40])
	}
	dec, err := zstd.NewReader(nil, zstd.WithDecoderDictRaw(0, dict), zstd.WithDecoderMaxWindow(windowLimit(len(dict))), zstd.WithDecoderConcurrency(1))
	if err != nil {
		t.Fatal(err)
	}
	defer dec.Close()
	out, err := dec.DecodeAll(body[40:], nil)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// A delta of a slightly changed program decodes to it with the old one
// as dictionary, is a small fraction of it, and its frame obeys the limit.
func TestEncodeDelta(t *testing.T) {
	old := fakeProgram(1, 2<<20)
	changed := bytes.Clone(old)
	copy(changed[1<<20:], "one changed line")
	d, err := encodeDelta(changed, old)
	if err != nil {
		t.Fatal(err)
	}
	if got := decodeDelta(t, d, old); !bytes.Equal(got, changed) {
		t.Fatal("the delta does not decode to the new program")
	}
	if len(d) > len(changed)/100 {
		t.Errorf("delta of a one-line change is %d bytes of %d", len(d), len(changed))
	}
	if err := checkDelta(d, changed); err == nil {
		t.Error("checkDelta accepted a delta for another dictionary")
	}
}

// A program that grew past the window Chromium allows for its dictionary
// (1 MiB → 8 MiB) still gets a delta Chromium accepts: the frame is no
// longer single-segment, and its window stays within the limit.
func TestDeltaGrewPastLimit(t *testing.T) {
	old := fakeProgram(2, 1<<20)
	grown := append(bytes.Repeat(old, 9), fakeProgram(3, 1000)...)
	d, err := encodeDelta(grown, old)
	if err != nil {
		t.Fatal(err)
	}
	var h zstd.Header
	if err := h.Decode(d[40:]); err != nil {
		t.Fatal(err)
	}
	if h.SingleSegment || h.WindowSize > 1<<23 {
		t.Errorf("frame: single segment %v, window %d; want a window of at most 8 MiB", h.SingleSegment, h.WindowSize)
	}
	if got := decodeDelta(t, d, old); !bytes.Equal(got, grown) {
		t.Fatal("the delta does not decode to the new program")
	}
}

// zstdHeader is a frame header: magic (RFC 8878, 3.1.1), descriptor, then
// the fields.
func zstdHeader(fhd byte, fields ...byte) []byte {
	return append([]byte{0x28, 0xb5, 0x2f, 0xfd, fhd}, fields...)
}

// checkDelta refuses what Chromium would: a frame whose window, or whose
// content size in a single-segment frame, is over the limit.
func TestCheckDeltaLimit(t *testing.T) {
	dict := fakeProgram(4, 1<<20)
	sum := sha256.Sum256(dict)
	body := func(frame []byte) []byte { return append(append([]byte(dczMagic), sum[:]...), frame...) }
	nineMiB := binary.LittleEndian.AppendUint32(nil, 9<<20)
	for _, c := range []struct {
		name  string
		frame []byte
		ok    bool
	}{
		{"window 8 MiB", zstdHeader(0x00, 13<<3), true},
		{"window 9 MiB", zstdHeader(0x00, 13<<3|1), false},
		{"single segment, 9 MiB content", zstdHeader(0xa0, nineMiB...), false},
		{"single segment, 1 MiB content", zstdHeader(0xa0, 0, 0, 0x10, 0), true},
		{"truncated", zstdHeader(0xa0, 0, 0), false},
		{"not zstd", []byte("hello, world"), false},
	} {
		if err := checkDelta(body(c.frame), dict); (err == nil) != c.ok {
			t.Errorf("%s: checkDelta = %v", c.name, err)
		}
	}
}

func TestFrameWindow(t *testing.T) {
	for _, c := range []struct {
		frame []byte
		want  uint64
	}{
		{zstdHeader(0x00, 0), 1 << 10},
		{zstdHeader(0x00, 13<<3|4), 12 << 20},
		{zstdHeader(0x20, 200), 200},                               // single segment, 1-byte content size
		{zstdHeader(0x60, 0x00, 0x01), 256 + 256},                  // 2 bytes, +256
		{zstdHeader(0x22, 7, 7, 0x80), 0x80},                       // with a 2-byte dictionary ID
		{zstdHeader(0xe0, 1, 0, 0, 0, 0, 0, 0, 0), 1},              // 8 bytes
		{zstdHeader(0x03, 16<<3, 1, 2, 3, 4, 0, 0), 1 << 26},       // window, 4-byte ID
		{zstdHeader(0xc0, 17<<3, 0, 0, 0, 0, 0, 0, 0, 0), 1 << 27}, // window and content size
	} {
		if got, err := frameWindow(c.frame); err != nil || got != c.want {
			t.Errorf("frameWindow(% x) = %d, %v; want %d", c.frame, got, err, c.want)
		}
	}
	for _, bad := range [][]byte{nil, zstdHeader(0x00), zstdHeader(0x08, 0), zstdHeader(0xe0, 1, 2, 3), []byte("\x50\x2a\x4d\x18\x00\x00\x00\x00")} {
		if _, err := frameWindow(bad); err == nil {
			t.Errorf("frameWindow(% x) accepted", bad)
		}
	}
}

// writeDist writes a folder shaped as a release dist holding wasm.
func writeDist(t *testing.T, wasm []byte, mode string) string {
	t.Helper()
	dir := t.TempDir()
	name := hashedName("app.wasm", wasm)
	b, err := json.Marshal(manifest{Generator: "buildwasm test", Mode: mode, Entry: map[string]string{"wasm": name}, Files: describe(map[string][]byte{name: wasm}, nil)})
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "manifest.json"), b, 0o644)
	os.WriteFile(filepath.Join(dir, name), wasm, 0o644)
	return dir
}

// -delta-from takes release dists only, and says which folder is wrong.
func TestReadPrevious(t *testing.T) {
	wasm := fakeProgram(5, 1000)
	good := writeDist(t, wasm, "release")
	if p, err := readPrevious(good); err != nil || !bytes.Equal(p.wasm, wasm) {
		t.Fatalf("readPrevious(a release dist) = %v", err)
	}
	notDist := t.TempDir()
	os.WriteFile(filepath.Join(notDist, "index.html"), []byte("<p>hi"), 0o644)
	otherManifest := t.TempDir()
	os.WriteFile(filepath.Join(otherManifest, "manifest.json"), []byte(`{"name": "a web app"}`), 0o644)
	tampered := writeDist(t, wasm, "release")
	os.WriteFile(filepath.Join(tampered, hashedName("app.wasm", wasm)), []byte("other"), 0o644)
	for dir, want := range map[string]string{
		filepath.Join(good, "missing"): "no such folder",
		notDist:                        "not a buildwasm dist (no manifest.json)",
		otherManifest:                  "not a buildwasm dist",
		writeDist(t, wasm, "dev"):      "a dev build",
		tampered:                       "is not the file its manifest lists",
	} {
		_, err := readPrevious(dir)
		if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), dir) {
			t.Errorf("readPrevious(%s) = %v; want an error naming the folder and %q", dir, err, want)
		}
	}
}

// addDeltas writes one delta per distinct earlier program, none for the
// program itself, none (with a warning) against a program too large for
// Chromium to keep as a dictionary, and takes a rebuild's deltas from the
// cache.
func TestAddDeltas(t *testing.T) {
	old := fakeProgram(6, 1<<20)
	wasm := append(bytes.Clone(old), "a new function"...)
	var prev []previous
	for _, w := range [][]byte{old, wasm, old} {
		p, err := readPrevious(writeDist(t, w, "release"))
		if err != nil {
			t.Fatal(err)
		}
		prev = append(prev, p)
	}
	prev = append(prev, previous{"huge-dist", make([]byte, maxDictionary+1)})
	cache := compressCache(t.TempDir())
	var stderr strings.Builder
	build := func() (*assets, []delta) {
		a := newAssets(true)
		a.add("wasm", "app.wasm", wasm)
		deltas, err := addDeltas(context.Background(), a, Options{Progress: func(string) {}, Stderr: &stderr}, prev, cache)
		if err != nil {
			t.Fatal(err)
		}
		return a, deltas
	}
	a, deltas := build()
	if w := stderr.String(); !strings.HasPrefix(w, "buildwasm: warning: no delta against huge-dist: its program (104857601 bytes) is over") {
		t.Errorf("warnings: %q", w)
	}
	sum := sha256.Sum256(old)
	want := hashedName("app.wasm", wasm) + "." + hex.EncodeToString(sum[:8]) + ".dcz"
	if len(deltas) != 1 || deltas[0].name != want || deltas[0].dictionary != sum {
		t.Fatalf("deltas = %v; want one, %s", deltas, want)
	}
	if got := decodeDelta(t, a.files[want], old); !bytes.Equal(got, wasm) {
		t.Error("the delta does not decode to the program")
	}
	files := describe(a.files, deltas)
	if f := files[len(files)-1]; f.Name != want || f.Encoding != "dcz" || f.Original != a.entry["wasm"] || f.DecodedSize != len(wasm) ||
		f.Dictionary != hex.EncodeToString(sum[:]) || f.DecodedIntegrity != integrity(wasm) || f.Size != len(a.files[want]) {
		t.Errorf("manifest entry of the delta: %+v", f)
	}
	entries, _ := os.ReadDir(string(cache))
	if len(entries) != 1 {
		t.Fatalf("cache holds %d entries; want the delta", len(entries))
	}
	// A cached entry that is not a valid delta is made again.
	os.WriteFile(filepath.Join(string(cache), entries[0].Name()), []byte("junk"), 0o644)
	if a, _ := build(); !bytes.Equal(decodeDelta(t, a.files[want], old), wasm) {
		t.Error("a broken cache entry was used")
	}
}
