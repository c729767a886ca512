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

func TestHashedNames(t *testing.T) {
	data := []byte("hello")
	// SHA-256 of "hello" starts 2cf24dba5fb0a30e.
	for name, want := range map[string]string{
		"app.wasm":     "app.2cf24dba5fb0a30e.wasm",
		"app.wasm.map": "app.wasm.2cf24dba5fb0a30e.map",
		"loader.js":    "loader.2cf24dba5fb0a30e.js",
	} {
		if got := hashedName(name, data); got != want {
			t.Errorf("hashedName(%q) = %q, want %q", name, got, want)
		}
		for _, n := range []string{want, want + ".br", want + ".gz"} {
			if !isHashed(n) {
				t.Errorf("isHashed(%q) = false", n)
			}
		}
	}
	for _, name := range []string{"index.html", "manifest.json", "app.wasm", "app.wasm.map", "x.2CF24DBA5FB0A30E.js", "x.2cf24dba5fb0a30.js", "_headers"} {
		if isHashed(name) {
			t.Errorf("isHashed(%q) = true", name)
		}
	}
}

func TestCheckBase(t *testing.T) {
	for in, want := range map[string]string{
		"":                        "",
		"https://cdn.example.com": "https://cdn.example.com/",
		"http://127.0.0.1:8/app/": "http://127.0.0.1:8/app/",
		"/static":                 "/static/",
	} {
		if got, err := checkBase(in); err != nil || got != want {
			t.Errorf("checkBase(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"cdn.example.com", "ftp://x/", "https://", "static/", "https://x/?v=1", "//cdn.example.com/"} {
		if _, err := checkBase(in); err == nil {
			t.Errorf("checkBase(%q) accepted", in)
		}
	}
}

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

func TestHeaderFiles(t *testing.T) {
	names := []string{"_headers", "app.0123456789abcdef.wasm", "app.0123456789abcdef.wasm.br", "index.html", "index.html.gz", "manifest.json", "nginx.conf"}
	static := []string{"data.json", "img/logo.0123456789abcdef.png"}
	golden(t, "_headers", headersFile(append(names, static...), static, ""))
	golden(t, "_headers.csp", headersFile(names, nil, ContentSecurityPolicy("https://cdn.example.com/app/")))
	golden(t, "nginx.conf", nginxConf("", static))
	golden(t, "nginx.csp.conf", nginxConf(ContentSecurityPolicy(""), nil))
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
