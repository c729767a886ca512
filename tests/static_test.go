package tests

import (
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/buildwasm/buildwasm/loader"
	"github.com/chromedp/chromedp"
)

// public/ next to the package ships as it is: names kept (not hashed), the
// same bytes, .br/.gz siblings where smaller (a PNG gets none), listed in
// the manifest as static, revalidated in _headers and nginx.conf. nginx
// serves them with their types, compressed, no-cache, and the app in
// Chromium reads its data.json.
func TestBuildStaticFiles(t *testing.T) {
	out := buildDist(t, filepath.Join(t.TempDir(), "dist"), "./testdata/static")
	for _, name := range []string{"data.json", "img/logo.png"} {
		want, _ := os.ReadFile(filepath.Join("testdata", "static", "public", filepath.FromSlash(name)))
		if got, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(name))); err != nil || string(got) != string(want) {
			t.Errorf("dist/%s is not public/%s as it is: %v", name, name, err)
		}
	}
	for name, want := range map[string]bool{"data.json.br": true, "data.json.gz": true, "img/logo.png.br": false, "img/logo.png.gz": false} {
		if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(name))); (err == nil) != want {
			t.Errorf("dist/%s exists: %v, want %v", name, err == nil, want)
		}
	}
	var m struct {
		Files []struct {
			Name   string
			Static bool
		}
	}
	b, _ := os.ReadFile(filepath.Join(out, "manifest.json"))
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	static := map[string]bool{}
	for _, f := range m.Files {
		if f.Static {
			static[f.Name] = true
		}
	}
	if len(static) != 4 || !static["data.json"] || !static["data.json.br"] || !static["img/logo.png"] {
		t.Errorf("manifest's static files: %v", static)
	}
	headers, _ := os.ReadFile(filepath.Join(out, "_headers"))
	if !strings.Contains(string(headers), "/data.json\n  Cache-Control: no-cache\n") || !strings.Contains(string(headers), "/img/logo.png\n  Cache-Control: no-cache\n") {
		t.Errorf("_headers does not revalidate the static files:\n%s", headers)
	}

	url := startNginx(t, out)
	for path, want := range map[string]string{"/data.json": "application/json", "/img/logo.png": "image/png"} {
		resp, _ := get(t, url+path, "Accept-Encoding", "br, gzip")
		if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, want) || resp.Header.Get("Cache-Control") != "no-cache" {
			t.Errorf("nginx %s: Content-Type %q, Cache-Control %q", path, ct, resp.Header.Get("Cache-Control"))
		}
		if enc := resp.Header.Get("Content-Encoding"); (path == "/data.json") != (enc == "br") {
			t.Errorf("nginx %s: Content-Encoding %q", path, enc)
		}
	}
	tab := newTab(t)
	if err := chromedp.Do(tab, chromedp.Navigate(url+"/")); err != nil {
		t.Fatal(err)
	}
	waitText(t, tab, "#data", "from public/data.json")
}

// A static file named like one buildwasm writes is an error naming both,
// and nothing is written.
func TestBuildStaticClash(t *testing.T) {
	out := filepath.Join(t.TempDir(), "dist")
	got := run(t, "", nil, buildwasmBin, "build", "-o", out, "./testdata/staticclash")
	if got.code != 1 || !strings.Contains(got.stderr, "testdata/staticclash/public/index.html clashes with the index.html buildwasm writes") {
		t.Errorf("exit %d\n%s", got.code, got.stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("the failed build wrote its output")
	}
	missing := run(t, "", nil, buildwasmBin, "build", "-public", "nowhere", "-o", out, "./testdata/static")
	if missing.code != 1 || !strings.Contains(missing.stderr, "static folder nowhere: no such directory") {
		t.Errorf("-public nowhere: exit %d\n%s", missing.code, missing.stderr)
	}
}

// buildwasm serve serves public/ with its types and no-cache, and a change
// there rebuilds and is served.
func TestServeStaticFiles(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "static")
	if err := os.CopyFS(dir, os.DirFS("testdata/static")); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module static\n\ngo 1.24\n"), 0o644)
	url := startBuildwasm(t, dir, []string{"GOWORK=off"}, "serve", "-addr", "127.0.0.1:0", ".").serveURL(t)
	resp, body := get(t, url+"data.json")
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") ||
		resp.Header.Get("Cache-Control") != "no-cache" || !strings.Contains(string(body), "from public/data.json") {
		t.Errorf("GET /data.json: %d %v\n%.80s", resp.StatusCode, resp.Header, body)
	}
	os.WriteFile(filepath.Join(dir, "public", "data.json"), []byte(`{"greeting": "changed"}`), 0o644)
	for deadline := time.Now().Add(time.Minute); ; time.Sleep(200 * time.Millisecond) {
		if _, body := get(t, url+"data.json"); strings.Contains(string(body), "changed") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("a change to public/data.json was not served in a minute")
		}
	}
}

// -program writes just the program and its map into a folder a bundler
// owns (here beside a file of its own, which stays): the program is
// patched as a dist's is, so a callback panic reaches its caller and the
// program lives on, and its sourceMappingURL names the map beside it.
func TestBuildProgramOnly(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	os.MkdirAll(dir, 0o755)
	os.WriteFile(filepath.Join(dir, "favicon.ico"), []byte("the bundler's"), 0o644)
	got := run(t, "", nil, buildwasmBin, "build", "-program", filepath.Join(dir, "app.wasm"), "./testdata/panics")
	if got.code != 0 {
		t.Fatalf("exit %d\n%s", got.code, got.stderr)
	}
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if strings.Join(names, " ") != "app.wasm app.wasm.map favicon.ico" {
		t.Errorf("the folder holds %v, want the program, its map and the bundler's file", names)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "favicon.ico")); string(b) != "the bundler's" {
		t.Error("a file of the bundler's was touched")
	}
	wasm, _ := os.ReadFile(filepath.Join(dir, "app.wasm"))
	if !strings.Contains(string(wasm), "sourceMappingURL\x0capp.wasm.map") {
		t.Error("the program's sourceMappingURL does not name app.wasm.map")
	}
	// The npm package's module, as a bundler's project would import it.
	module, err := loader.Bundle(loader.NPMModule, loader.Options{})
	if err != nil {
		t.Fatal(err)
	}
	loaderJS := filepath.Join(t.TempDir(), "index.js")
	os.WriteFile(loaderJS, module, 0o644)
	script := `const { load } = await import(process.argv[1]);
const app = await load(process.argv[2], { stderr() {} });
try { app.exports.nilMap(); } catch (e) { console.log(e.name); }
console.log(app.exports.ok());`
	node := run(t, "", nil, "node", "--input-type=module", "-e", script, loaderJS, filepath.Join(dir, "app.wasm"))
	if node.stdout != "GoPanicError\nstill alive\n" {
		t.Errorf("the program is not patched as a dist's: %q %s", node.stdout, node.stderr)
	}
}
