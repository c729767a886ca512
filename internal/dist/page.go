package dist

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"html/template"
	"os"
	"path/filepath"
	"strconv"

	"github.com/buildwasm/buildwasm/internal/toolchain"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
)

// TemplateName is the file next to the main package that, if present,
// replaces the generated index.html.
const TemplateName = "index.html"

//go:embed index.html
var defaultTemplate string

//go:embed style.css
var styleCSS []byte

// pageData is what an index.html template can use:
//
//	{{.Head}}    the tags that load the program; required, inside <head>
//	{{.Title}}   the package directory's name
//	{{.Wasm}}    the program's URL, relative to the page
//	{{.Loader}}  the loader module's URL
//	{{.Boot}}    the boot script's URL
//	{{.Style}}   the stylesheet for the download bar and error box
type pageData struct {
	Head   template.HTML
	Title  string
	Wasm   string
	Loader string
	Boot   string
	Style  string
}

// headData is what the tags of {{.Head}} need besides the URLs.
type headData struct {
	pageData
	StyleIntegrity, LoaderIntegrity, BootIntegrity string
	// WasmIntegrity is set with -wasm-integrity only: fetch then checks
	// the whole body before compiling, so the download and the compile no
	// longer overlap.
	WasmIntegrity string
	// Size is the program's decoded size, for the progress bar: with
	// Content-Encoding, Content-Length counts compressed bytes.
	Size int
	// Worker makes the page run the program in a Web Worker; WorkerStub is
	// the same-origin script that starts it when assets live on -base.
	Worker     bool
	WorkerStub string
	// Dev shows runtime panics in an overlay on the page.
	Dev bool
	// Preload starts the program's download from the page's head.
	Preload bool
}

// page renders index.html from the package's template or the default one.
// The page carries no inline script or style, so a strict CSP works.
func page(pkg toolchain.Package, dev bool, h headData) ([]byte, error) {
	src, name := defaultTemplate, "the default index.html"
	path := filepath.Join(pkg.Dir, TemplateName)
	if b, err := os.ReadFile(path); err == nil {
		src, name = string(b), path
	} else if !errors.Is(err, os.ErrNotExist) {
		return nil, err
	}
	head, err := headTags(h)
	if err != nil {
		return nil, err
	}
	d := h.pageData
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
	return minifier.Bytes("text/html", out.Bytes())
}

var minifier = func() *minify.M {
	m := minify.New()
	m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true})
	m.AddFunc("text/css", css.Minify)
	return m
}()

// stylesheet is the page's CSS, minified in release builds.
func stylesheet(dev bool) ([]byte, error) {
	if dev {
		return styleCSS, nil
	}
	return minifier.Bytes("text/css", styleCSS)
}

// boot.js comes first and runs as soon as it arrives (async: it waits for
// neither the parser nor the stylesheet), and its first act is to fetch the
// program; fetchpriority lifts it above Chromium's default for async
// scripts (low), since the download cannot start before it. By default
// the program is not preloaded: Chromium (156) does not look up its wasm
// code cache for a fetch served from a <link rel=preload>, so every later
// visit would compile again. -preload makes that trade for a download one
// round trip sooner. The loader is preloaded as a module, so it downloads
// beside boot.js; crossorigin matches the credentials mode of import() and
// fetch.
var headTemplate = template.Must(template.New("head").Parse(
	`{{if .Preload}}<link rel="preload" as="fetch" href="{{.Wasm}}" crossorigin>` + "\n{{end}}" +
		`<script type="module" async fetchpriority="high" src="{{.Boot}}" integrity="{{.BootIntegrity}}" crossorigin data-buildwasm-wasm="{{.Wasm}}" data-buildwasm-loader="{{.Loader}}" data-buildwasm-size="{{.Size}}"{{with .WasmIntegrity}} data-buildwasm-integrity="{{.}}"{{end}}{{if .Worker}} data-buildwasm-worker="{{.WorkerStub}}"{{end}}{{if .Dev}} data-buildwasm-dev{{end}}></script>` + "\n" +
		`<link rel="modulepreload" href="{{.Loader}}" integrity="{{.LoaderIntegrity}}" crossorigin>` + "\n" +
		`<link rel="stylesheet" href="{{.Style}}" integrity="{{.StyleIntegrity}}" crossorigin>`))

func headTags(d headData) (template.HTML, error) {
	var b bytes.Buffer
	if err := headTemplate.Execute(&b, d); err != nil {
		return "", err
	}
	return template.HTML(b.String()), nil
}

// addPage adds index.html, and the worker stub it needs when the program
// runs in a worker while the assets live on another origin.
func addPage(a *assets, o Options, pkg toolchain.Package) error {
	h := headData{Size: len(a.files[a.entry["wasm"]])}
	h.pageData = pageData{
		Title:  filepath.Base(pkg.Dir),
		Wasm:   o.Base + a.entry["wasm"],
		Loader: o.Base + a.entry["loader"],
		Boot:   o.Base + a.entry["boot"],
		Style:  o.Base + a.entry["style"],
	}
	h.StyleIntegrity, h.LoaderIntegrity, h.BootIntegrity = a.integrity("style"), a.integrity("loader"), a.integrity("boot")
	if o.WasmIntegrity {
		h.WasmIntegrity = a.integrity("wasm")
	}
	h.Preload, h.Dev = o.Preload, o.Dev
	if h.Worker = o.Worker; o.Worker && o.Base != "" {
		// A worker's script must come from the page's origin: this stub,
		// served next to index.html, imports the loader from the base.
		h.WorkerStub = a.add("worker", "worker.js", workerStub(h.Loader))
	}
	html, err := page(pkg, o.Dev, h)
	a.files["index.html"], a.entry["html"] = html, "index.html"
	return err
}

func workerStub(loaderURL string) []byte {
	return []byte("// Starts buildwasm's loader as this page's worker: a worker's script must come\n" +
		"// from the page's origin, and the loader lives on the asset host.\n" +
		"import " + strconv.Quote(loaderURL+"#buildwasm-worker") + ";\n")
}
