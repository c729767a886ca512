package dist

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/buildwasm/buildwasm/internal/toolchain"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/dist -update)", err)
	}
	if string(got) != string(want) {
		t.Errorf("%s differs:\ngot:\n%s\nwant:\n%s", path, got, want)
	}
}

var data = headData{
	pageData:        pageData{Title: "app", Wasm: "app.wasm", Loader: "loader.js", Boot: "boot.js", Style: "style.css"},
	StyleIntegrity:  "sha384-style",
	LoaderIntegrity: "sha384-loader",
	BootIntegrity:   "sha384-boot",
	Size:            1234,
}

func TestDefaultPage(t *testing.T) {
	pkg := toolchain.Package{Dir: t.TempDir()}
	preload := data
	preload.Preload, preload.WasmIntegrity = true, "sha384-wasm"
	for name, c := range map[string]struct {
		dev bool
		h   headData
	}{
		"index.release.html": {false, data},
		"index.dev.html":     {true, data},
		"index.preload.html": {false, preload},
	} {
		got, err := page(pkg, c.dev, c.h)
		if err != nil {
			t.Fatal(err)
		}
		golden(t, name, got)
	}
}

func TestTemplateErrors(t *testing.T) {
	for name, c := range map[string]struct{ tmpl, want string }{
		"syntax":        {"<head>{{.Head}</head>", "index.html template: "},
		"unknown field": {"<head>{{.Head}}{{.Nope}}</head>", "can't evaluate field Nope"},
		"no head":       {"<p>{{.Title}}</p>", "does not use {{.Head}}"},
	} {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, TemplateName), []byte(c.tmpl), 0o644)
		_, err := page(toolchain.Package{Dir: dir}, false, data)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", name, err, c.want)
		}
	}
}

// Template values are escaped as HTML attributes and text.
func TestTemplateEscapes(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, TemplateName), []byte("<head><title>{{.Title}}</title>{{.Head}}</head>"), 0o644)
	d := data
	d.Title = "<b>&"
	d.Wasm = `a"b.wasm`
	got, err := page(toolchain.Package{Dir: dir}, true, d)
	if err != nil {
		t.Fatal(err)
	}
	if s := string(got); !strings.Contains(s, "<title>&lt;b&gt;&amp;</title>") || !strings.Contains(s, `data-buildwasm-wasm="a&#34;b.wasm"`) {
		t.Errorf("not escaped: %s", s)
	}
}

func TestCheckOutDir(t *testing.T) {
	root := t.TempDir()
	mk := func(name string, files map[string]string) string {
		dir := filepath.Join(root, name)
		os.MkdirAll(dir, 0o755)
		for f, s := range files {
			os.WriteFile(filepath.Join(dir, f), []byte(s), 0o644)
		}
		return dir
	}
	file := filepath.Join(root, "file")
	os.WriteFile(file, nil, 0o644)
	for _, c := range []struct {
		dir  string
		want string // "" for allowed
	}{
		{filepath.Join(root, "missing"), ""},
		{mk("empty", nil), ""},
		{mk("ours", map[string]string{"manifest.json": `{"generator":"buildwasm v1"}`, "x.wasm": ""}), ""},
		{file, "is not a directory"},
		{mk("source", map[string]string{"go.mod": "module x"}), "was not written by buildwasm"},
		{mk("other manifest", map[string]string{"manifest.json": `{"name":"a web app"}`}), "was not written by buildwasm"},
		{mk("broken manifest", map[string]string{"manifest.json": `{`}), "was not written by buildwasm"},
	} {
		err := checkOutDir(c.dir)
		if c.want == "" && err != nil || c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)) {
			t.Errorf("%s: %v, want %q", filepath.Base(c.dir), err, c.want)
		}
	}
}

func TestWriteDirReplaces(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "dist")
	if err := writeDir(dir, map[string][]byte{"old.txt": []byte("old"), "manifest.json": []byte(`{"generator":"buildwasm"}`)}); err != nil {
		t.Fatal(err)
	}
	if err := writeDir(dir, map[string][]byte{"new.txt": []byte("new"), "manifest.json": []byte(`{"generator":"buildwasm"}`)}); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(filepath.Dir(dir))
	if len(entries) != 1 {
		t.Errorf("left beside the output: %v", entries)
	}
	if _, err := os.Stat(filepath.Join(dir, "old.txt")); err == nil {
		t.Error("old file survived the replacement")
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "new.txt")); string(b) != "new" {
		t.Errorf("new.txt = %q", b)
	}
}
