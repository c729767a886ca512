package dist

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"os"
	"testing"
	"time"

	"github.com/andybalholm/brotli"
)

// Compressed siblings decode to their originals, come out the same every
// time, and are left out when they would not be smaller.
func TestCompressed(t *testing.T) {
	files := map[string][]byte{
		"app.wasm":   bytes.Repeat([]byte("go wasm "), 10000),
		"tiny.js":    []byte("x"),
		"nginx.conf": bytes.Repeat([]byte("server "), 1000),
	}
	got, _ := Compressed(context.Background(), files, 5, false)
	if _, ok := got["tiny.js.br"]; ok {
		t.Error("a sibling larger than its original was kept")
	}
	if _, ok := got["nginx.conf.gz"]; ok {
		t.Error("nginx.conf is not fetched by browsers and needs no sibling")
	}
	br, err := io.ReadAll(brotli.NewReader(bytes.NewReader(got["app.wasm.br"])))
	if err != nil || !bytes.Equal(br, files["app.wasm"]) {
		t.Errorf(".br does not decode to the original: %v", err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(got["app.wasm.gz"]))
	if err != nil {
		t.Fatal(err)
	}
	if gz, err := io.ReadAll(zr); err != nil || !bytes.Equal(gz, files["app.wasm"]) || zr.Name != "" || !zr.ModTime.IsZero() {
		t.Errorf(".gz does not decode to the original, or carries a name or time: %v", err)
	}
	again, _ := Compressed(context.Background(), files, 5, false)
	for name, b := range got {
		if !bytes.Equal(again[name], b) {
			t.Errorf("%s differs between two runs", name)
		}
	}
}

// The compression cache: a second run takes its results from the cache
// (made visible here by changing a cached entry), a different level or
// content does not, a done context stops the work, and entries unused for
// cacheLifetime go.
func TestCompressCache(t *testing.T) {
	cache := compressCache(t.TempDir())
	files := map[string][]byte{"app.wasm": bytes.Repeat([]byte("go wasm "), 10000)}
	first, err := compressed(context.Background(), files, 5, false, cache)
	if err != nil {
		t.Fatal(err)
	}
	entry := cache.path(files["app.wasm"], "br", 5)
	if b, err := os.ReadFile(entry); err != nil || !bytes.Equal(b, first["app.wasm.br"]) {
		t.Fatalf("no cache entry %s: %v", entry, err)
	}
	os.WriteFile(entry, []byte("from the cache"), 0o644)
	second, _ := compressed(context.Background(), files, 5, false, cache)
	if string(second["app.wasm.br"]) != "from the cache" || !bytes.Equal(second["app.wasm.gz"], first["app.wasm.gz"]) {
		t.Errorf("the second run compressed again instead of using the cache")
	}
	other, _ := compressed(context.Background(), files, 6, false, cache)
	if string(other["app.wasm.br"]) == "from the cache" {
		t.Errorf("another quality took the cached result")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := compressed(ctx, map[string][]byte{"new.wasm": bytes.Repeat([]byte("other "), 10000)}, 5, false, cache); err == nil {
		t.Errorf("a done context did not stop the compression")
	}
	old := time.Now().Add(-cacheLifetime - time.Hour)
	os.Chtimes(entry, old, old)
	cache.prune()
	if _, err := os.Stat(entry); err == nil {
		t.Errorf("an entry unused for longer than %v was kept", cacheLifetime)
	}
}
