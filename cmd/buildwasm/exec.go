package main

import (
	"context"
	"path/filepath"

	"github.com/buildwasm/buildwasm/internal/browserrun"
	"github.com/buildwasm/buildwasm/internal/noderun"
)

type execCommand struct{ stdio }

const execUsage = `
Usage: buildwasm exec [-browser] [-setup FILE] FILE [arguments]

Exec runs the Go js/wasm program FILE in Node (20 or newer) with buildwasm's
loader: the program gets this process's stdin, stdout, stderr, environment and
working directory, and buildwasm exits with the program's exit code. FILE needs
no .wasm suffix (go test passes pkg.test), so it works as

	GOOS=js GOARCH=wasm go test -exec="buildwasm exec" ./...
	GOOS=js GOARCH=wasm go run -exec="buildwasm exec" .

With -browser the program runs in a page of a fresh headless Chromium instead
(the DOM, fetch and browser timing are real): arguments, environment, working
directory, stdin, stdout, stderr and the exit code cross as in Node, and the
program's file operations reach this machine's files through the runner (so
testdata/ and -coverprofile work). A page never learns that no event can come
any more, so a deadlocked program waits there instead of reporting its
deadlock as in Node. A test binary that runs more than 10s past its
-test.timeout without yielding is killed with a message naming the last test
started (with -v).

In Node the program finds the globals Go's own Node runner defines:
require (resolving from the working directory), fs, path and the Go class.
A GoPanicError that no JavaScript code catches ends the program with exit
status 2, in Chromium as in Node. -setup FILE runs an ES module before the
program: in Node with --import, in Chromium bundled (with its imports) into
the page.

Arguments after FILE are passed to the program unchanged.

Flags:
`

func (c *execCommand) Run(ctx context.Context, args []string) error {
	fs := newFlagSet("exec")
	browser := fs.Bool("browser", false, "run in headless Chromium instead of Node")
	setup := fs.String("setup", "", "an ES module to run before the program (in Node with --import, in Chromium bundled into the page)")
	if err := c.parse(fs, execUsage, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usageError{"missing FILE"}
	}
	if *setup != "" {
		abs, err := filepath.Abs(*setup) // named so in errors: go test runs us in each package's folder
		if err != nil {
			return err
		}
		*setup = abs
	}
	var code int
	var err error
	if *browser {
		code, err = browserrun.Run(ctx, fs.Arg(0), fs.Args()[1:], *setup, c.Stdout, c.Stderr)
	} else {
		code, err = noderun.Exec(fs.Arg(0), fs.Args()[1:], *setup, c.Stdin, c.Stdout, c.Stderr)
	}
	if err != nil {
		return err
	}
	return exitCode(code)
}
