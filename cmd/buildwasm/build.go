package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strings"

	"github.com/buildwasm/buildwasm/internal/build"
)

type buildCommand struct{}

const buildUsage = `
Usage: buildwasm build [flags] [package]

Build compiles a Go main package (default ".") for js/wasm and writes a folder
(default dist/) ready for a static host: the program, the loader, a boot
script, index.html and manifest.json. Open index.html through any static
server, for example: cd dist && python3 -m http.server

The folder is replaced as a whole, only when the build succeeds, and only if it
is empty or an earlier build wrote it.

A file index.html next to the main package is used as the page template
(Go html/template). It must contain {{.Head}} inside <head>; it may also use
{{.Title}}, {{.Wasm}}, {{.Loader}} and {{.Boot}}. The page carries no inline
script or style, so a strict Content-Security-Policy works.

Modes:

	           release (default)        -dev
	names      stable                   stable
	loader     minified                 readable
	index.html minified                 as written
	-trimpath  on                       off
	source map linked, no sources       linked, with sourcesContent
	leaks      off (-leaks turns it on) on: js.Func leaks reported by site

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

func (c *buildCommand) Run(args []string) error {
	fs := newFlagSet("build")
	out := fs.String("o", "dist", "output `DIR`")
	dev := fs.Bool("dev", false, "development build (see Modes)")
	leaks := fs.Bool("leaks", false, "track js.Func leaks in a release build too (see Modes)")
	smap := fs.String("sourcemap", "linked", "source map: `linked` (NAME.wasm.map and a sourceMappingURL section), external (the map only) or none")
	var goFlags []string
	for _, name := range goBoolFlags {
		fs.Var(passFlag{name, true, &goFlags}, name, passedToGo)
	}
	for _, name := range goValueFlags {
		fs.Var(passFlag{name, false, &goFlags}, name, passedToGo)
	}
	if err := parse(fs, buildUsage, args); err != nil {
		return err
	}
	if fs.NArg() > 1 {
		return usageError{fmt.Sprintf("takes one package, got %d: %s", fs.NArg(), strings.Join(fs.Args(), " "))}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	mode := "release"
	if *dev {
		mode = "dev"
	}
	fmt.Fprintf(os.Stderr, "buildwasm: building %s for js/wasm (%s)\n", orDot(fs.Arg(0)), mode)
	res, err := build.Build(ctx, build.Options{
		Package:   fs.Arg(0),
		OutDir:    *out,
		Dev:       *dev,
		GoFlags:   goFlags,
		Stderr:    os.Stderr,
		Version:   release(),
		SourceMap: *smap,
		Leaks:     *leaks,
	})
	if err != nil {
		return err
	}
	rel, err := filepath.Rel(".", res.OutDir)
	if err != nil {
		rel = res.OutDir
	}
	fmt.Printf("built %s (%s) in %.1fs → %s/\n", res.ImportPath, res.GoVersion, res.Duration.Seconds(), rel)
	for _, f := range res.Files {
		fmt.Printf("  %-16s %10s\n", f.Name, humanSize(f.Size))
	}
	return nil
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
