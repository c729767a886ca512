// Package dist turns a Go main package into a dist/ folder for a static
// host or CDN: the program compiled for js/wasm with its source map, the
// loader, a boot script, index.html, compressed siblings, header files and
// a manifest. Each step is a file of this package that adds its files to
// the build's assets (assets.go), which names and fingerprints them in one
// place; Build calls the steps in order and writes the result all at once,
// or not at all.
package dist

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"strings"
	"time"
)

// Options say what to build and how.
type Options struct {
	// Package is the main package to build, as go build takes it; default ".".
	Package string
	// OutDir is the folder to write; default "dist". It is replaced as a
	// whole, and only if it is empty or an earlier build wrote it.
	OutDir string
	// Dev selects the development build (readable loader and HTML, no
	// -trimpath); the default is the release build.
	Dev bool
	// GoFlags are passed to go build and go list as they are.
	GoFlags []string
	// Dir is where go runs; default the current directory.
	Dir string
	// Stderr receives the go command's own output (compiler errors).
	Stderr io.Writer
	// Progress, if set, is told of each step that may take a while.
	Progress func(step string)
	// Version is written to the manifest as the generator.
	Version string
	// SourceMap is SourceMapLinked (the default), SourceMapExternal or
	// SourceMapNone.
	SourceMap string
	// Leaks turns on js.Func leak tracking in a release build (dev builds
	// always have it).
	Leaks bool
	// BrotliQuality is the quality (1–11) of the .br files; 0 means
	// ReleaseBrotliQuality, or DevBrotliQuality in a dev build.
	BrotliQuality int
	// Base is the URL (ending in "/") the page loads its assets from, when
	// they live on another origin such as a CDN; default: next to the page.
	Base string
	// CSP writes a strict Content-Security-Policy into _headers and
	// nginx.conf.
	CSP bool
	// WasmIntegrity adds the program's SRI hash to the page. The browser
	// then checks the whole download before compiling, so compilation no
	// longer overlaps the download.
	WasmIntegrity bool
	// Worker makes the page run the program in a Web Worker.
	Worker bool
	// Preload starts the program's download from the page's head, one
	// round trip sooner; Chromium then no longer uses its wasm code cache
	// for the program on later visits.
	Preload bool
	// Public is the folder of static files to ship as they are: default
	// public/ next to the package, if there is one; NoPublic for none.
	Public string
	// Program, if set, is the one file to write instead of OutDir: the
	// program, with its source map beside it as Program+".map" (unless
	// SourceMap is none), for a bundler's project. Other files in its
	// folder are left alone; the settings of a dist's page do not apply.
	Program string
	// DeltaFrom lists earlier release dists (the last few deploys) whose
	// programs browsers may hold as compression dictionaries: the build
	// writes a delta of the new program against each (delta.go).
	DeltaFrom []string
}

// Result describes a finished build.
type Result struct {
	OutDir     string
	ImportPath string
	GoVersion  string
	// Entry names the file that plays each part: html, boot, loader,
	// style, wasm, sourcemap.
	Entry map[string]string
	// Files lists every file but manifest.json, as the manifest does.
	Files    []File
	Duration time.Duration
	// Public is the absolute path of the static folder shipped, or "".
	Public string
}

// checkBase accepts an absolute http(s) URL or a path from the site's root,
// and makes it end in "/" so that names can be appended.
func checkBase(base string) (string, error) {
	if base == "" {
		return "", nil
	}
	u, err := url.Parse(base)
	ok := err == nil && u.RawQuery == "" && u.Fragment == "" &&
		((u.Scheme == "https" || u.Scheme == "http") && u.Host != "" || u.Scheme == "" && u.Host == "" && strings.HasPrefix(u.Path, "/"))
	if !ok {
		return "", fmt.Errorf("base %q is not an http(s) URL or a path starting with /", base)
	}
	if !strings.HasSuffix(base, "/") {
		base += "/"
	}
	return base, nil
}

// Check says what is wrong with settings that no build could use, and
// fills in the source map mode and the base's final "/". A command line
// calls it before any work, so that a mistake costs nothing.
func (o *Options) Check() error {
	switch o.SourceMap {
	case "":
		o.SourceMap = SourceMapLinked
	case SourceMapLinked, SourceMapExternal, SourceMapNone:
	default:
		return fmt.Errorf("unknown source map mode %q: use linked, external or none", o.SourceMap)
	}
	if o.BrotliQuality < 0 || o.BrotliQuality > 11 {
		return fmt.Errorf("brotli quality %d is out of range: use 1 to 11", o.BrotliQuality)
	}
	if o.Dev && len(o.DeltaFrom) > 0 {
		return errors.New("delta-from needs a release build: dev builds keep stable names and tell browsers to keep no dictionary")
	}
	if o.Preload && o.Worker {
		return errors.New("preload and worker do not go together: the worker fetches the program itself, so a preload in the page would download it twice")
	}
	base, err := checkBase(o.Base)
	o.Base = base
	if err != nil || o.Program == "" {
		return err
	}
	for _, f := range []struct {
		flag string
		set  bool
	}{{"base", o.Base != ""}, {"csp", o.CSP}, {"worker", o.Worker}, {"preload", o.Preload}, {"wasm-integrity", o.WasmIntegrity}, {"brotli-quality", o.BrotliQuality != 0}, {"public", o.Public != ""}, {"delta-from", len(o.DeltaFrom) > 0}} {
		if f.set {
			return fmt.Errorf("-program writes only the program and its map, for a bundler; -%s is a setting of a dist's page", f.flag)
		}
	}
	return nil
}

// Build compiles the package and writes OutDir. On any error OutDir is left
// as it was.
func Build(ctx context.Context, o Options) (*Result, error) {
	start := time.Now()
	if err := o.defaults(); err != nil {
		return nil, err
	}
	if o.Program == "" {
		if err := checkOutDir(o.OutDir); err != nil {
			return nil, err
		}
	}
	prev, err := readPreviousAll(o.DeltaFrom)
	if err != nil {
		return nil, err
	}
	if o.Program == "" {
		go warmLoader(o.Dev)
	}
	prog, err := compile(ctx, o)
	if err != nil {
		return nil, err
	}
	if o.Program != "" {
		return writeProgram(ctx, o, prog, start)
	}
	public, err := readStatic(o, prog.pkg)
	if err != nil {
		return nil, err
	}
	a := newAssets(!o.Dev)
	if err := addScripts(a, o.Dev); err != nil {
		return nil, err
	}
	addProgram(a, o, prog)
	addDeclarations(a, prog)
	if err := addPage(a, o, prog.pkg); err != nil {
		return nil, err
	}
	if err := public.addTo(a); err != nil {
		return nil, err
	}
	if err := addCompressed(ctx, a, o, public); err != nil {
		return nil, err
	}
	var deltas []delta
	if len(prev) > 0 {
		if deltas, err = addDeltas(ctx, a, o, prev, userCompressCache()); err != nil {
			return nil, err
		}
	}
	addHeaders(a, o, public, deltas)
	res := result(o, prog, a, public, deltas)
	if err := addManifest(a, o, res); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := writeDir(o.OutDir, a.files); err != nil {
		return nil, err
	}
	res.Duration = time.Since(start)
	return res, nil
}

// defaults makes the zero Options usable from a library as from the
// command line, then checks them, so that a mistake costs no go command.
func (o *Options) defaults() error {
	if o.Package == "" {
		o.Package = "."
	}
	if o.OutDir == "" {
		o.OutDir = "dist"
	}
	if o.Stderr == nil {
		o.Stderr = io.Discard
	}
	if o.Progress == nil {
		o.Progress = func(string) {}
	}
	if !filepath.IsAbs(o.OutDir) && o.Dir != "" {
		o.OutDir = filepath.Join(o.Dir, o.OutDir)
	}
	return o.Check()
}
