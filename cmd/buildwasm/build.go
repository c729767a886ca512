package main

import (
	"context"
	"flag"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/buildwasm/buildwasm/internal/dist"
)

type buildCommand struct{ stdio }

const buildUsage = `
Usage: buildwasm build [flags] [package]

Build compiles a Go main package (default ".") for js/wasm and writes a folder
(default dist/) ready for a static host or CDN: the program, its source map,
the loader, a boot script, a stylesheet, index.html, .br and .gz siblings,
manifest.json (every file with size, SHA-256, SRI and decoded size),
_headers (Netlify, Cloudflare Pages) and nginx.conf. For a quick look, run
buildwasm serve instead.

Release builds name assets NAME.HASH.EXT, HASH being the first 16 hex digits of
the file's SHA-256, so they can be cached forever; index.html keeps its name and
is revalidated on every visit. Output is deterministic: the same input gives a
byte-identical folder.

The folder is replaced as a whole, only when the build succeeds, and only if it
is empty or an earlier build wrote it.

Files in a folder public/ next to the main package (or -public DIR) are copied
into the output as they are: names kept, not hashed, with .br and .gz siblings
where those are smaller, listed in manifest.json and served revalidated
(no-cache) by _headers and nginx.conf. A static file whose name buildwasm
writes itself (index.html, manifest.json, ...) is an error naming both.

For a bundler (Vite, webpack), -program FILE writes just the program, built and
patched as for a dist, and its source map as FILE.map: into the bundler's
public/ folder, say, where the app loads it by URL. Nothing else in FILE's
folder is touched, and each file is replaced whole.

A file index.html next to the main package is used as the page template
(Go html/template). It must contain {{.Head}} inside <head>; it may also use
{{.Title}}, {{.Wasm}}, {{.Loader}}, {{.Boot}} and {{.Style}}. The page carries no
inline script or style, so a strict Content-Security-Policy works (-csp).

Assets on another origin (-base https://cdn.example.com/app/): upload the
folder there too and serve index.html from your site. The assets are fetched
with CORS, so the asset host must send Access-Control-Allow-Origin (the
emitted _headers and nginx.conf do, for hashed files).

Modes:

	           release (default)        -dev
	names      content-hashed           stable
	.br, .gz   quality 9, gzip -9       quality 1, gzip -1
	loader     minified                 readable
	index.html minified                 as written
	-trimpath  on                       off
	source map linked, no sources       linked, with sourcesContent
	leaks      off (-leaks turns it on) on: js.Func leaks reported by site
	panics     console, error box       also an overlay on the page
	worker     off (-worker turns it on) off (-worker turns it on)

With -worker the page runs the program in a Web Worker: the page keeps painting
while Go starts, and exports return Promises. With -base as well, the build
writes worker.HASH.js, a stub that must be served next to index.html (a
worker's script must come from the page's origin).

With -preload the page's head starts the program's download (<link rel=preload>)
instead of boot.js, one round trip sooner on a first visit. Chromium then does
not use its wasm code cache for the program on later visits, so each visit
compiles it again: use it for pages people mostly visit once.

Deltas for returning visitors (Compression Dictionary Transport, Chromium 130+):
release builds serve the program with Use-As-Dictionary, so browsers keep it.
-delta-from DIR (repeatable) names earlier dists, such as the last few deploys
a CI keeps; the build writes NAME.HASH.wasm.DICT.dcz, the new program as zstd
against each earlier one (DICT: first 16 hex digits of its SHA-256), lists it
in manifest.json, and nginx.conf sends it with Content-Encoding: dcz to a
browser whose Available-Dictionary names that program and that accepts dcz;
others get br or gzip. A folder that is not a release dist is an error; a
delta Chromium would refuse (a dictionary over 100 MiB, too large a window) is
skipped with a warning. _headers hosts cannot choose by request header: they
keep serving br. buildwasm serve needs no deltas (stable names, loopback).

Every go build flag is passed through: -tags, -ldflags, -gcflags, -asmflags,
-trimpath, -overlay, -mod, -modfile, -pgo, -buildvcs, -race, -a, -v, -x, -n,
-work, -p, -toolexec.

Flags:
`

// goBoolFlags and goValueFlags are the go build flags build passes through.
var (
	goBoolFlags  = []string{"a", "v", "x", "n", "work", "trimpath", "race", "msan", "asan", "linkshared", "modcacherw"}
	goValueFlags = []string{"tags", "ldflags", "gcflags", "asmflags", "overlay", "mod", "modfile", "pgo", "buildvcs",
		"p", "toolexec", "installsuffix", "pkgdir", "compiler", "gccgoflags", "buildmode", "covermode", "coverpkg"}
)

// passFlag records a go build flag in order, as -name=value.
type passFlag struct {
	name   string
	isBool bool
	out    *[]string
}

func (f passFlag) String() string   { return "" }
func (f passFlag) IsBoolFlag() bool { return f.isBool }
func (f passFlag) Set(v string) error {
	*f.out = append(*f.out, "-"+f.name+"="+v)
	return nil
}

// addGoFlags defines the go build flags on fs, recorded in order in out.
func addGoFlags(fs *flag.FlagSet, out *[]string) {
	for _, name := range goBoolFlags {
		fs.Var(passFlag{name, true, out}, name, passedToGo)
	}
	for _, name := range goValueFlags {
		fs.Var(passFlag{name, false, out}, name, passedToGo)
	}
}

func (c *buildCommand) Run(ctx context.Context, args []string) error {
	fs := newFlagSet("build")
	out := fs.String("o", "dist", "output `DIR`")
	dev := fs.Bool("dev", false, "development build (see Modes)")
	leaks := fs.Bool("leaks", false, "track js.Func leaks in a release build too (see Modes)")
	quality := fs.Int("brotli-quality", 0, "brotli `quality` 1-11 of the .br files (default 9, or 1 with -dev)")
	base := fs.String("base", "", "load assets from `URL` (another origin, such as a CDN) instead of next to the page")
	csp := fs.Bool("csp", false, "put a strict Content-Security-Policy in _headers and nginx.conf (allows -base)")
	wasmSRI := fs.Bool("wasm-integrity", false, "check the program's SRI hash too; the browser then compiles only after the whole download")
	worker := fs.Bool("worker", false, "make the page run the program in a Web Worker (exports return Promises; no DOM for Go)")
	preload := fs.Bool("preload", false, "start the program's download from the page's head (sooner on a first visit; Chromium then skips its wasm code cache on later ones)")
	program := fs.String("program", "", "write only the program to `FILE` (and its map to FILE.map), for a bundler's project; nothing else there is touched")
	public := fs.String("public", "", "ship the files of `DIR` as they are (default: public/ next to the package, if any; - for none)")
	var deltaFrom []string
	fs.Func("delta-from", "write a delta of the program against the one in the earlier dist `DIR` (repeatable)", func(dir string) error {
		deltaFrom = append(deltaFrom, dir)
		return nil
	})
	smap := fs.String("sourcemap", "linked", "source map: `linked` (NAME.wasm.map and a sourceMappingURL section), external (the map only) or none")
	var goFlags []string
	addGoFlags(fs, &goFlags)
	if err := c.parse(fs, buildUsage, args); err != nil {
		return err
	}
	pkg, err := onePackage(fs)
	if err != nil {
		return err
	}
	opts := dist.Options{
		Package:   pkg,
		OutDir:    *out,
		Dev:       *dev,
		GoFlags:   goFlags,
		Stderr:    c.Stderr,
		Progress:  func(step string) { fmt.Fprintf(c.Stderr, "buildwasm: %s\n", step) },
		Version:   release(),
		SourceMap: *smap,
		Leaks:     *leaks,

		BrotliQuality: *quality,
		Base:          *base,
		CSP:           *csp,
		WasmIntegrity: *wasmSRI,
		Worker:        *worker,
		Preload:       *preload,
		Public:        *public,
		Program:       *program,
		DeltaFrom:     deltaFrom,
	}
	if err := opts.Check(); err != nil {
		return usageError{err.Error()}
	}
	if *program != "" && flagSet(fs, "o") {
		return usageError{"-program FILE and -o DIR: choose one (-program writes just the program and its map)"}
	}
	mode := "release"
	if *dev {
		mode = "dev"
	}
	fmt.Fprintf(c.Stderr, "buildwasm: building %s for js/wasm (%s)\n", orDot(pkg), mode)
	res, err := dist.Build(ctx, opts)
	if err != nil {
		return err
	}
	target := *program
	if target == "" {
		rel, err := filepath.Rel(".", res.OutDir)
		if err != nil {
			rel = res.OutDir
		}
		target = rel + "/"
	}
	fmt.Fprintf(c.Stdout, "built %s (%s) in %.1fs → %s\n", res.ImportPath, res.GoVersion, res.Duration.Seconds(), target)
	brotli := map[string]int{}
	for _, f := range res.Files {
		if f.Encoding == "br" {
			brotli[f.Original] = f.Size
		}
	}
	for _, f := range res.Files {
		if f.Encoding != "" && f.Encoding != "dcz" {
			continue
		}
		fmt.Fprintf(c.Stdout, "  %-34s %10s", f.Name, humanSize(f.Size))
		if n, ok := brotli[f.Name]; ok {
			fmt.Fprintf(c.Stdout, "  (br %s)", humanSize(n))
		}
		fmt.Fprintln(c.Stdout)
	}
	return nil
}

// flagSet reports whether the command line set the flag name.
func flagSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

// onePackage is the one package argument, or "". Arguments past it are a
// mistake; flags among them are the common one, since Go's flag parsing
// stops at the package.
func onePackage(fs *flag.FlagSet) (string, error) {
	if fs.NArg() <= 1 {
		return fs.Arg(0), nil
	}
	rest := fs.Args()[1:]
	if slices.ContainsFunc(rest, func(a string) bool { return strings.HasPrefix(a, "-") }) {
		return "", usageError{fmt.Sprintf("flags go before the package: buildwasm %s %s %s", fs.Name(), strings.Join(rest, " "), fs.Arg(0))}
	}
	return "", usageError{fmt.Sprintf("takes one package, got %d: %s", fs.NArg(), strings.Join(fs.Args(), " "))}
}

func orDot(pkg string) string {
	if pkg == "" {
		return "."
	}
	return pkg
}

func humanSize(n int) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
