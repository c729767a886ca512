package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/buildwasm/buildwasm/internal/atomicfile"
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
		opts.GOROOT = goroot()
	}
	js, st, err := bin.Map(opts)
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
		st.Report(c.Stdout, 15)
	}
	return nil
}

// goroot is the GOROOT of the go command on PATH, where standard library
// sources are read from; empty without one.
func goroot() string {
	out, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}
