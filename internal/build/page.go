package build

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"html/template"
	"os"
	"path/filepath"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/html"
)

// TemplateName is the file next to the main package that, if present,
// replaces the generated index.html.
const TemplateName = "index.html"

//go:embed index.html
var defaultTemplate string

// pageData is what an index.html template can use:
//
//	{{.Head}}    the tags that load the program; required, inside <head>
//	{{.Title}}   the package directory's name
//	{{.Wasm}}    the program's URL, relative to the page
//	{{.Loader}}  the loader module's URL
//	{{.Boot}}    the boot script's URL
type pageData struct {
	Head   template.HTML
	Title  string
	Wasm   string
	Loader string
	Boot   string
}

// page renders index.html from the package's template or the default one.
// The page carries no inline script or style, so a strict CSP works.
func page(pkg mainPackage, dev bool, d pageData) ([]byte, error) {
	src, name := defaultTemplate, "the default index.html"
	path := filepath.Join(pkg.Dir, TemplateName)
	if b, err := os.ReadFile(path); err == nil {
		src, name = string(b), path
	} else if !errors.Is(err, os.ErrNotExist) {
		return nil, err
	}
	head, err := headTags(d)
	if err != nil {
		return nil, err
	}
	d.Head = head
	t, err := template.New(name).Option("missingkey=error").Parse(src)
	if err != nil {
		return nil, fmt.Errorf("index.html template: %w", err)
	}
	var out bytes.Buffer
	if err := t.Execute(&out, d); err != nil {
		return nil, fmt.Errorf("index.html template: %w", err)
	}
	if !bytes.Contains(out.Bytes(), []byte("data-buildwasm-wasm")) {
		return nil, fmt.Errorf("%s does not use {{.Head}}, so the page would not load the program", name)
	}
	if dev {
		return out.Bytes(), nil
	}
	m := minify.New()
	m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true})
	return m.Bytes("text/html", out.Bytes())
}

var headTemplate = template.Must(template.New("head").Parse(
	`<link rel="modulepreload" href="{{.Loader}}">` + "\n" +
		`<script type="module" src="{{.Boot}}" data-buildwasm-wasm="{{.Wasm}}"></script>`))

func headTags(d pageData) (template.HTML, error) {
	var b bytes.Buffer
	if err := headTemplate.Execute(&b, d); err != nil {
		return "", err
	}
	return template.HTML(b.String()), nil
}
