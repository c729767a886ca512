package main

import (
	"context"
	"fmt"

	"github.com/buildwasm/buildwasm/internal/devserver"
	"github.com/buildwasm/buildwasm/internal/dist"
)

type serveCommand struct{ stdio }

const serveUsage = `
Usage: buildwasm serve [flags] [package]

Serve builds a Go main package (default ".") in dev mode, serves it at
http://127.0.0.1:8080/ and rebuilds when a .go file, go.mod, go.sum, the
index.html template of its module or a static file (public/) changes. Open pages reload after each build;
while the code does not compile, the page shows the compiler's errors instead
of the previous app.

Files are served as a static host serves a dist: application/wasm for .wasm,
the .br or .gz sibling when the browser accepts it (Content-Encoding, Vary),
Cache-Control: no-cache with Last-Modified. Paths that leave the build folder,
by .. or through a symlink, are refused. Only loopback is served unless -addr
says otherwise.

With -worker the page runs the program in a Web Worker, and with -csp every
response carries the strict Content-Security-Policy, as builds with those
flags do, so the dev loop matches such a deploy. Every go build flag is
passed through (see buildwasm build -h).

Flags:
`

func (c *serveCommand) Run(ctx context.Context, args []string) error {
	fs := newFlagSet("serve")
	addr := fs.String("addr", "127.0.0.1:8080", "listen on `HOST:PORT` (port 0 picks a free one)")
	out := fs.String("o", "", "keep the builds in `DIR` (default: a temporary folder, removed at exit)")
	worker := fs.Bool("worker", false, "make the page run the program in a Web Worker, as buildwasm build -worker does")
	csp := fs.Bool("csp", false, "send the strict Content-Security-Policy of buildwasm build -csp")
	public := fs.String("public", "", "serve the files of `DIR` as they are, as buildwasm build -public does (default: public/ next to the package, if any)")
	var goFlags []string
	addGoFlags(fs, &goFlags)
	if err := c.parse(fs, serveUsage, args); err != nil {
		return err
	}
	pkg, err := onePackage(fs)
	if err != nil {
		return err
	}
	opts := dist.Options{Package: pkg, GoFlags: goFlags, Version: release(), Worker: *worker, CSP: *csp, Public: *public}
	if err := opts.Check(); err != nil {
		return usageError{err.Error()}
	}
	return devserver.Serve(ctx, devserver.Options{
		Addr:      *addr,
		OutDir:    *out,
		Log:       c.Stderr,
		Build:     opts,
		Listening: func(url string) { fmt.Fprintln(c.Stdout, url) },
	})
}
