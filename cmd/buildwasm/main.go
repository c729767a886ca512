// Command buildwasm builds, runs and packages Go programs for the browser and
// Node. It is a thin layer: each subcommand parses its flags and calls the
// library packages.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
)

// command is one subcommand, with its own flag set and usage (as in litestream).
type command interface {
	// Run executes the subcommand with the arguments after its name. It
	// stops its work when ctx ends (Ctrl-C, SIGTERM).
	Run(ctx context.Context, args []string) error
}

// stdio is where a command reads and writes: the process's own from main,
// buffers in tests, so that a command never needs a built binary to test.
type stdio struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
}

// exitCode ends buildwasm with this code and nothing printed: a program's
// or go's own, which said what went wrong.
type exitCode int

func (e exitCode) Error() string { return fmt.Sprintf("exit code %d", int(e)) }

// usageError is a mistake in the command line: exit code 2 and the usage.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

var commands = map[string]func(stdio) command{
	"build":     func(s stdio) command { return &buildCommand{s} },
	"serve":     func(s stdio) command { return &serveCommand{s} },
	"test":      func(s stdio) command { return &testCommand{s} },
	"exec":      func(s stdio) command { return &execCommand{s} },
	"sourcemap": func(s stdio) command { return &sourcemapCommand{s} },
	"vet":       func(s stdio) command { return &vetCommand{s} },
	"version":   func(s stdio) command { return &versionCommand{s} },
	"help":      func(s stdio) command { return &helpCommand{s} },
}

const usage = `buildwasm builds Go programs for the browser and runs them in Node.

Usage:

	buildwasm <command> [arguments]

Commands:

	build     build a Go main package into dist/ for the web
	serve     serve a dev build, rebuilding and reloading on change
	test      go test for js/wasm in headless Chromium (or Node)
	exec      run a Go js/wasm program in Node (also as go test -exec)
	sourcemap write a source map for a Go js/wasm binary
	vet       find js.Func leaks and callbacks that block the page
	version   print buildwasm's version
	help      print help for a command

Run 'buildwasm help <command>' or 'buildwasm <command> -h' for details.
Installed as go_js_wasm_exec on PATH, buildwasm acts as 'buildwasm exec', so
GOOS=js GOARCH=wasm go test and go run use it without -exec.
`

func main() {
	runVettool()
	// Made here once: every command stops its work and removes its
	// temporary files on Ctrl-C or SIGTERM (which timeout, systemd, Docker
	// and IDE stop buttons send).
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args, os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run runs the command line argv and returns the exit code: the one place
// where errors become exit codes and messages.
func run(ctx context.Context, argv []string, stdin io.Reader, stdout, stderr io.Writer) int {
	name, args := "", argv[1:]
	if base := strings.TrimSuffix(filepath.Base(argv[0]), ".exe"); base == "go_js_wasm_exec" {
		name = "exec"
	} else if len(args) > 0 {
		name, args = args[0], args[1:]
	}
	switch name {
	case "":
		fmt.Fprint(stderr, usage)
		return 2
	case "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	newCmd, ok := commands[name]
	if !ok {
		fmt.Fprintf(stderr, "buildwasm: unknown command %q\nRun 'buildwasm help' for usage.\n", name)
		return 2
	}
	err := newCmd(stdio{stdin, stdout, stderr}).Run(ctx, args)
	var code exitCode
	switch {
	case err == nil:
		return 0
	case errors.As(err, &code):
		return int(code)
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, context.Canceled):
		fmt.Fprintf(stderr, "buildwasm %s: interrupted\n", name)
		return 1
	case errors.As(err, new(usageError)):
		fmt.Fprintf(stderr, "buildwasm %s: %v\nRun 'buildwasm %s -h' for usage.\n", name, err, name)
		return 2
	default:
		fmt.Fprintf(stderr, "buildwasm %s: %v\n", name, err)
		return 1
	}
}

// newFlagSet returns a flag set that reports errors to the caller instead
// of printing and exiting.
func newFlagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return fs
}

// passedToGo is the usage of flags that a command hands to the go command.
const passedToGo = "passed to go"

// parse parses args into fs. A bad flag becomes a usageError; -h prints
// usage and the flags to stdout and returns flag.ErrHelp.
func (s stdio) parse(fs *flag.FlagSet, usage string, args []string) error {
	err := fs.Parse(args)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprint(s.Stdout, strings.TrimLeft(usage, "\n"))
		// Flags passed through to go are listed in the usage text instead.
		shown := flag.NewFlagSet(fs.Name(), flag.ContinueOnError)
		fs.VisitAll(func(f *flag.Flag) {
			if f.Usage != passedToGo {
				shown.Var(f.Value, f.Name, f.Usage)
			}
		})
		shown.SetOutput(s.Stdout)
		shown.PrintDefaults()
		return err
	}
	if err != nil {
		return usageError{err.Error()}
	}
	return nil
}
