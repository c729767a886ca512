// Package build turns a Go main package into a dist/ folder for the web:
// the program compiled for js/wasm, the loader, a boot script, index.html
// and a manifest. Each step is a function with plain inputs and outputs;
// Build wires them and writes the result all at once, or not at all.
package build

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/buildwasm/buildwasm/internal/wasmbin"
	"github.com/buildwasm/buildwasm/loader"
	"github.com/buildwasm/buildwasm/sourcemap"
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

	goTemp string // GOTMPDIR of the build's go commands
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
	}{{"base", o.Base != ""}, {"csp", o.CSP}, {"worker", o.Worker}, {"preload", o.Preload}, {"wasm-integrity", o.WasmIntegrity}, {"brotli-quality", o.BrotliQuality != 0}, {"public", o.Public != ""}} {
		if f.set {
			return fmt.Errorf("-program writes only the program and its map, for a bundler; -%s is a setting of a dist's page", f.flag)
		}
	}
	return nil
}

// ErrGoBuild means the go command failed; its own output has already gone
// to Options.Stderr.
var ErrGoBuild = errors.New("go build failed")

// NotMainError means the package names no single main package, so no edit
// of its code makes it build: the dev server stops on it at start.
type NotMainError string

func (e NotMainError) Error() string { return string(e) }

// Build compiles the package and writes OutDir. On any error OutDir is left
// as it was.
func Build(ctx context.Context, o Options) (*Result, error) {
	start := time.Now()
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
	if err := o.Check(); err != nil {
		return nil, err
	}
	if !filepath.IsAbs(o.OutDir) && o.Dir != "" {
		o.OutDir = filepath.Join(o.Dir, o.OutDir)
	}
	if o.Program == "" {
		if err := checkOutDir(o.OutDir); err != nil {
			return nil, err
		}
	}
	go func() {
		// Warm the bundle cache while the go commands run; assemble uses it.
		opts := loader.Options{Minify: !o.Dev}
		loader.Bundle(loader.Module, opts)
		loader.Bundle(loader.Boot, opts)
	}()
	if !keepsWork(o.GoFlags) {
		var err error
		if o.goTemp, err = GoTempDir(); err != nil {
			return nil, err
		}
		defer os.RemoveAll(o.goTemp)
	}
	tc, err := patchedToolchain(ctx, o)
	if err != nil {
		return nil, err
	}
	pkg, wasm, err := listAndCompile(ctx, o, tc)
	if err != nil {
		return nil, err
	}
	if o.Program != "" {
		return writeProgram(ctx, o, pkg, wasm, tc.goroot, start)
	}
	public, err := publicDir(o, pkg)
	if err != nil {
		return nil, err
	}
	var static map[string][]byte
	if public != "" {
		if static, err = staticFiles(public); err != nil {
			return nil, err
		}
	}
	files, entry, err := assemble(ctx, o, pkg, wasm, tc.goroot, static, public)
	if err != nil {
		return nil, err
	}
	res := &Result{OutDir: o.OutDir, ImportPath: pkg.ImportPath, GoVersion: wasmbin.GoVersion(wasm), Entry: entry, Files: describe(files), Public: public}
	for i, f := range res.Files {
		_, original := static[f.Name]
		_, sibling := static[f.Original]
		res.Files[i].Static = original || sibling
	}
	manifest, err := manifestJSON(o, res, entry)
	if err != nil {
		return nil, err
	}
	files["manifest.json"] = manifest
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := writeDir(o.OutDir, files); err != nil {
		return nil, err
	}
	res.Duration = time.Since(start)
	return res, nil
}

// listAndCompile runs go list and go build side by side, since each costs
// a go command start-up, and shows go build's output only once go list has
// found a main package (else the same error would print twice).
func listAndCompile(ctx context.Context, o Options, tc toolchain) (mainPackage, []byte, error) {
	type listed struct {
		pkg mainPackage
		err error
	}
	list := make(chan listed, 1)
	go func() {
		pkg, err := findPackage(ctx, o, tc)
		list <- listed{pkg, err}
	}()
	var buildOutput bytes.Buffer
	wasm, buildErr := compile(ctx, o, tc, &buildOutput)
	l := <-list
	if l.err != nil {
		return mainPackage{}, nil, l.err
	}
	o.Stderr.Write(buildOutput.Bytes())
	return l.pkg, wasm, buildErr
}

// mainPackage is what go list says of the package to build.
type mainPackage struct {
	Name       string
	Dir        string
	ImportPath string
}

func goCommand(ctx context.Context, o Options, tc toolchain, args ...string) *exec.Cmd {
	cmd := Interruptible(exec.CommandContext(ctx, tc.goBin, args...))
	cmd.Dir = o.Dir
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if tc.goroot != "" {
		cmd.Env = append(cmd.Env, "GOROOT="+tc.goroot, "GOTOOLCHAIN=local")
	}
	if o.goTemp != "" {
		cmd.Env = append(cmd.Env, "GOTMPDIR="+o.goTemp)
	}
	return cmd
}

// keepsWork reports whether go was asked to keep its work folder (-work),
// which buildwasm's temporary GOTMPDIR must not take away.
func keepsWork(goFlags []string) bool {
	keep := false
	for _, f := range goFlags {
		if v, ok := strings.CutPrefix(f, "-work="); ok {
			keep, _ = strconv.ParseBool(v)
		}
	}
	return keep
}

// GoTempDir makes a folder for the go command's temporary files (its
// GOTMPDIR), for the caller to remove when go has ended: go build killed by
// an interrupt leaves its work folder behind.
func GoTempDir() (string, error) {
	return os.MkdirTemp(os.Getenv("GOTMPDIR"), "buildwasm-go-")
}

// Interruptible makes a command made with exec.CommandContext stop as on
// Ctrl-C in a terminal when the context ends: the command and its children
// (go's compilers, go test's test binaries) get an interrupt, not a kill,
// so test binaries' runners remove their temporary files, even when only
// buildwasm got the signal (go build itself dies without cleaning up: see
// GoTempDir). A command that has not ended 5 s later is killed, and so are
// pipes its children still hold.
func Interruptible(cmd *exec.Cmd) *exec.Cmd {
	interruptGroup(cmd)
	cmd.WaitDelay = 5 * time.Second
	return cmd
}

func findPackage(ctx context.Context, o Options, tc toolchain) (mainPackage, error) {
	args := append([]string{"list", "-json=Name,Dir,ImportPath"}, o.GoFlags...)
	cmd := goCommand(ctx, o, tc, append(args, "--", o.Package)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		return mainPackage{}, errors.New(msg)
	}
	var pkgs []mainPackage
	dec := json.NewDecoder(bytes.NewReader(out))
	for dec.More() {
		var p mainPackage
		if err := dec.Decode(&p); err != nil {
			return mainPackage{}, fmt.Errorf("reading go list output: %w", err)
		}
		pkgs = append(pkgs, p)
	}
	switch {
	case len(pkgs) != 1:
		return mainPackage{}, NotMainError(fmt.Sprintf("%s matches %d packages; build takes one main package", o.Package, len(pkgs)))
	case pkgs[0].Name != "main":
		return mainPackage{}, NotMainError(fmt.Sprintf("%s is package %s, not a main package: there is no program to build", pkgs[0].ImportPath, pkgs[0].Name))
	}
	return pkgs[0], nil
}

// compile runs go build for js/wasm and returns the binary. The binary is
// written to a stable place in the user's cache, keyed by package and
// flags, so that go build finds it up to date and skips the link when
// nothing changed.
func compile(ctx context.Context, o Options, tc toolchain, output io.Writer) ([]byte, error) {
	args := []string{"build"}
	if !o.Dev && !slices.ContainsFunc(o.GoFlags, func(f string) bool { return strings.HasPrefix(strings.TrimLeft(f, "-"), "trimpath") }) {
		args = append(args, "-trimpath")
	}
	args = append(args, o.GoFlags...)
	out, err := cachedOutput(o, append(args, tc.goroot))
	if err != nil {
		return nil, err
	}
	cmd := goCommand(ctx, o, tc, append(append([]string{args[0], "-o", out}, args[1:]...), "--", o.Package)...)
	cmd.Stdout, cmd.Stderr = output, output
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, ErrGoBuild
	}
	return os.ReadFile(out)
}

func cachedOutput(o Options, args []string) (string, error) {
	wd, err := filepath.Abs(o.Dir)
	if err != nil {
		return "", err
	}
	dir, err := os.UserCacheDir()
	if err != nil {
		dir = os.TempDir()
	}
	dir = filepath.Join(dir, "buildwasm", "wasm")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	key := sha256.Sum256([]byte(strings.Join(append([]string{wd, o.Package}, args...), "\x00")))
	return filepath.Join(dir, hex.EncodeToString(key[:12])+".wasm"), nil
}

// wasmName is the program's file name: the package directory's name, as go
// build names binaries.
func wasmName(pkg mainPackage) string {
	return filepath.Base(pkg.Dir) + ".wasm"
}

// assemble makes every file of the output except the manifest, and says
// which file plays which part (entry points). goroot is the toolchain's,
// where a dev map reads standard library sources.
func assemble(ctx context.Context, o Options, pkg mainPackage, wasm []byte, goroot string, static map[string][]byte, public string) (files map[string][]byte, entry map[string]string, err error) {
	files = map[string][]byte{}
	entry = map[string]string{"html": "index.html"}
	// put names a file by its content in release builds, so it can be
	// cached forever; dev builds keep stable names for the dev server.
	put := func(role, name string, data []byte) string {
		if !o.Dev {
			name = hashedName(name, data)
		}
		files[name], entry[role] = data, name
		return name
	}
	opts := loader.Options{Minify: !o.Dev}
	for role, kind := range map[string]loader.Entry{"loader": loader.Module, "boot": loader.Boot} {
		js, err := loader.Bundle(kind, opts)
		if err != nil {
			return nil, nil, err
		}
		put(role, role+".js", js)
	}
	css, err := stylesheet(o.Dev)
	if err != nil {
		return nil, nil, err
	}
	put("style", "style.css", css)

	name := wasmName(pkg)
	wasm = withSourceMap(o, wasm, name, goroot, put)
	put("wasm", name, wasm)

	h := headData{Size: len(wasm)}
	h.pageData = pageData{
		Title:  filepath.Base(pkg.Dir),
		Wasm:   o.Base + entry["wasm"],
		Loader: o.Base + entry["loader"],
		Boot:   o.Base + entry["boot"],
		Style:  o.Base + entry["style"],
	}
	h.StyleIntegrity, h.LoaderIntegrity, h.BootIntegrity = integrity(css), integrity(files[entry["loader"]]), integrity(files[entry["boot"]])
	if o.WasmIntegrity {
		h.WasmIntegrity = integrity(wasm)
	}
	h.Preload, h.Dev = o.Preload, o.Dev
	if h.Worker = o.Worker; o.Worker && o.Base != "" {
		// A worker's script must come from the page's origin: this stub,
		// served next to index.html, imports the loader from the base.
		h.WorkerStub = put("worker", "worker.js", workerStub(h.Loader))
	}
	if files["index.html"], err = page(pkg, o.Dev, h); err != nil {
		return nil, nil, err
	}

	quality := o.BrotliQuality
	if quality == 0 {
		quality = ReleaseBrotliQuality
		if o.Dev {
			quality = DevBrotliQuality
		}
	}
	o.Progress(fmt.Sprintf("compressing (brotli quality %d, gzip)", quality))
	// _headers and nginx.conf are written last, but their names are taken.
	files["_headers"], files["nginx.conf"] = nil, nil
	if err := addStatic(files, static, public); err != nil {
		return nil, nil, err
	}
	// Dev builds compress fast and change with every save: caching them
	// would only fill the cache.
	cache := compressCache("")
	if !o.Dev {
		cache = userCompressCache()
	}
	siblings, err := compressed(ctx, files, quality, o.Dev, cache)
	if err != nil {
		return nil, nil, err
	}
	if err := checkSiblings(siblings, static, public); err != nil {
		return nil, nil, err
	}
	maps.Copy(files, siblings)
	csp := ""
	if o.CSP {
		csp = ContentSecurityPolicy(o.Base)
	}
	staticNames := slices.Sorted(maps.Keys(static))
	files["_headers"] = headersFile(slices.Sorted(maps.Keys(files)), staticNames, csp)
	files["nginx.conf"] = nginxConf(csp, staticNames)
	return files, entry, nil
}

func workerStub(loaderURL string) []byte {
	return []byte("// Starts buildwasm's loader as this page's worker: a worker's script must come\n" +
		"// from the page's origin, and the loader lives on the asset host.\n" +
		"import " + strconv.Quote(loaderURL+"#buildwasm-worker") + ";\n")
}

// Source map modes of Options.SourceMap.
const (
	SourceMapLinked   = "linked"   // write NAME.wasm.map and point the wasm's sourceMappingURL section at it
	SourceMapExternal = "external" // write the map only; error trackers are given it separately
	SourceMapNone     = "none"
)

// withSourceMap is the program as it ships: unless SourceMap is none, its
// source map is made and stored with put, and a linked map is named in a
// section of the program. A map is a help, not the product: a binary it
// cannot read (a Go release newer than this buildwasm) still ships, with a
// warning.
func withSourceMap(o Options, wasm []byte, name, goroot string, put func(role, name string, data []byte) string) []byte {
	if o.SourceMap == SourceMapNone {
		return wasm
	}
	linked, err := addSourceMap(o, wasm, name, goroot, put)
	if err != nil {
		fmt.Fprintf(o.Stderr, "buildwasm: no source map: %v\n", err)
		return wasm
	}
	return linked
}

// addSourceMap makes the program's source map, stores it with put and,
// when linked, returns the program with a section naming it. A hashed
// wasm's name is not known until this section is written, so only a dev
// map names its program ("file").
func addSourceMap(o Options, wasm []byte, name, goroot string, put func(role, name string, data []byte) string) ([]byte, error) {
	bin, err := sourcemap.Parse(wasm)
	if err != nil {
		return wasm, err
	}
	opts := sourcemap.MapOptions{SourcesContent: o.Dev, GOROOT: goroot}
	if o.Dev {
		opts.File = name
	}
	js, _, err := bin.Map(opts)
	if err != nil {
		return wasm, err
	}
	mapName := put("sourcemap", name+".map", js)
	if o.SourceMap != SourceMapLinked {
		return wasm, nil
	}
	return sourcemap.WithURL(wasm, mapName)
}

type manifest struct {
	Generator  string            `json:"generator"`
	Mode       string            `json:"mode"`
	Package    string            `json:"package"`
	GoVersion  string            `json:"goVersion"`
	HashScheme string            `json:"hashScheme,omitempty"`
	Entry      map[string]string `json:"entry"`
	Files      []File            `json:"files"`
}

// manifestJSON describes the output; it also marks a folder as ours, so a
// later build may replace it.
func manifestJSON(o Options, res *Result, entry map[string]string) ([]byte, error) {
	m := manifest{
		Generator:  strings.TrimSpace("buildwasm " + o.Version),
		Mode:       "release",
		Package:    res.ImportPath,
		GoVersion:  res.GoVersion,
		HashScheme: HashScheme,
		Entry:      entry,
		Files:      res.Files,
	}
	if o.Dev {
		m.Mode, m.HashScheme = "dev", ""
	}
	b, err := json.MarshalIndent(m, "", "  ")
	return append(b, '\n'), err
}
