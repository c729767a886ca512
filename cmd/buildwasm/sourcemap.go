package main

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"

	"github.com/buildwasm/buildwasm/internal/atomicfile"
	"github.com/buildwasm/buildwasm/internal/toolchain"
	"github.com/buildwasm/buildwasm/sourcemap"
)

type sourcemapCommand struct{ stdio }

const sourcemapUsage = `
Usage: buildwasm sourcemap [flags] FILE

Sourcemap writes a Source Map v3 for the Go js/wasm binary FILE, built by
buildwasm or by plain go build (Go 1.24 to 1.27), from the symbol table Go
keeps in every binary. Browsers and error trackers then show Go files and
lines for wasm frames. With -w it also adds (or replaces) the binary's
sourceMappingURL section, at the end of the file so no code offset moves.

Flags:
`

func (c *sourcemapCommand) Run(ctx context.Context, args []string) error {
	fs := newFlagSet("sourcemap")
	out := fs.String("o", "", "write the map to `OUT.map` (default FILE.map)")
	url := fs.String("url", "", "`URL` of the map for the sourceMappingURL section (default the map's file name)")
	write := fs.Bool("w", false, "add the sourceMappingURL section to FILE")
	content := fs.Bool("sources-content", false, "embed the Go sources in the map")
	stats := fs.Bool("stats", false, "print how much of the code maps to a Go line")
	if err := c.parse(fs, sourcemapUsage, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usageError{"takes one FILE"}
	}
	file := fs.Arg(0)
	wasm, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	bin, err := sourcemap.Parse(wasm)
	if err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	if *out == "" {
		*out = file + ".map"
	}
	if *url == "" {
		*url = filepath.Base(*out)
	}
	opts := sourcemap.MapOptions{File: filepath.Base(file), SourcesContent: *content}
	if *content {
		opts.GOROOT, _ = toolchain.GOROOT(ctx, "") // without one, no standard library sources
	}
	js, err := bin.Map(opts)
	if err != nil {
		return err
	}
	// main catches Ctrl-C for every command, so it does not end the
	// process here: an interrupted run must not write either.
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := atomicfile.Write(*out, js); err != nil {
		return err
	}
	if *write {
		withURL, err := sourcemap.WithURL(wasm, *url)
		if err != nil {
			return fmt.Errorf("%s: %w", file, err)
		}
		if err := atomicfile.Write(file, withURL); err != nil {
			return err
		}
	}
	if *stats {
		fmt.Fprintf(c.Stdout, "%s (%s): map %s, %d bytes\n", file, bin.GoVersion, *out, len(js))
		report(c.Stdout, bin.Coverage(), 15)
	}
	return nil
}

// report writes the coverage: overall, then the top largest packages.
func report(w io.Writer, c sourcemap.Coverage, top int) {
	pct := func(mapped, code int) float64 {
		if code == 0 {
			return 100
		}
		return 100 * float64(mapped) / float64(code)
	}
	fmt.Fprintf(w, "code bytes mapped to a Go line: %d of %d (%.2f%%)\n", c.MappedBytes, c.CodeBytes, pct(c.MappedBytes, c.CodeBytes))
	names := slices.SortedFunc(maps.Keys(c.Packages), func(a, b string) int {
		return cmp.Compare(c.Packages[b].CodeBytes, c.Packages[a].CodeBytes)
	})
	for _, n := range names[:min(top, len(names))] {
		p := c.Packages[n]
		fmt.Fprintf(w, "  %-40s %9d bytes %7.2f%%\n", n, p.CodeBytes, pct(p.MappedBytes, p.CodeBytes))
	}
}
