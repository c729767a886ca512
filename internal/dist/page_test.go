package dist

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/buildwasm/buildwasm/internal/testenv"
	"github.com/buildwasm/buildwasm/internal/toolchain"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	testenv.Golden(t, filepath.Join("testdata", name), got, *update, "go test ./internal/dist -update")
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
