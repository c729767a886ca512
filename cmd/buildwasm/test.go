package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"strconv"

	"github.com/buildwasm/buildwasm/internal/chromium"
	"github.com/buildwasm/buildwasm/internal/exports"
	"github.com/buildwasm/buildwasm/internal/noderun"
	"github.com/buildwasm/buildwasm/internal/toolchain"
)

type testCommand struct{ stdio }

const testUsage = `
Usage: buildwasm test [-node] [-setup FILE] [go test flags] [packages] [-args test binary flags]

Test runs go test for js/wasm with buildwasm's patched syscall/js: each test
binary runs in a fresh headless Chromium page (the DOM, fetch and browser
timing are real), or in Node with -node. Everything but -node and -setup is
go test's: -run, -v, -count, -timeout, -bench, -short, -json, -failfast,
several packages and ./..., all with go test's output format and exit
status, packages in parallel as go test runs them. Everything after -args
goes to the test binaries untouched. -exec is refused: it would replace
buildwasm's runner.

  -node        run the test binaries in Node instead of Chromium
  -setup FILE  an ES module to run before each test binary, for globals a
               package reads at init (globalThis.context = ...); in Node it
               is imported with --import (Node 20.6+), in Chromium bundled
               with its imports (esbuild) into the page

A js.Func callback that panics when JavaScript calls it throws a
GoPanicError to its caller (buildwasm's syscall/js keeps the program
alive); one that no JavaScript code catches (from a timer, an event, a
promise) fails the test binary with the panic and its Go frames, in
Chromium as in Node.

In Chromium a test binary sees the host's files through the runner, as in
Node: testdata/ is read from the package directory, temporary files and
-coverprofile output are written on this machine. The page's body holds the
runner's script and a hidden button, as other runners' pages do, for suites
that mount into or replace the body's first elements. A test that spins
past -timeout without yielding to JavaScript (js/wasm has no preemption) is
killed with a message naming it (with -v).

In Node the globals Go's own Node runner defines are there: require
(resolving from the working directory), fs, path and the Go class.

The same runner works with plain go test:

	GOOS=js GOARCH=wasm go test -exec="buildwasm exec -browser" ./...
`

func (c *testCommand) Run(ctx context.Context, args []string) error {
	t, err := parseTestArgs(args)
	if err != nil {
		return err
	}
	if t.help {
		fmt.Fprint(c.Stdout, testUsage[1:])
		return flag.ErrHelp
	}
	self, err := os.Executable()
	if err != nil {
		return err
	}
	runner := strconv.Quote(self) + " exec"
	if !t.node {
		if _, err := chromium.Path(); err != nil {
			return fmt.Errorf("%v; or run the tests in Node with -node", err)
		}
		runner += " -browser"
	}
	if t.setup != "" {
		if err := noderun.CheckScript(t.setup); err != nil {
			return err
		}
		runner += " -setup " + strconv.Quote(t.setup)
	}
	goCmd, err := toolchain.Patched(ctx, "", false, nil)
	if err != nil {
		return err
	}
	if goCmd.TempDir, err = toolchain.TempDir(t.goArgs); err != nil {
		return err
	}
	defer os.RemoveAll(goCmd.TempDir)
	goArgs, added, err := withTypedExports(ctx, goCmd, t)
	if err != nil {
		return err
	}
	defer os.RemoveAll(added)
	cmd := goCmd.Command(ctx, "", append([]string{"test", "-exec", runner}, goArgs...)...)
	stdout, stderr := goCmd.OriginalPaths(c.Stdout), goCmd.OriginalPaths(c.Stderr)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = c.Stdin, stdout, stderr
	err = cmd.Run()
	stdout.Close()
	stderr.Close()
	if ctx.Err() != nil {
		return ctx.Err()
	}
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return exitCode(exit.ExitCode())
	}
	return err
}

// withTypedExports adds the wrappers of the typed exports in the packages
// under test and the module's packages they import, as buildwasm build
// does, so that a test binary has them too. added is the folder of the
// files added, "" if none, for the caller to remove.
func withTypedExports(ctx context.Context, g toolchain.Go, t testArgs) (goArgs []string, added string, err error) {
	pkgs, err := g.LocalPackages(ctx, "", t.listArgs)
	if err != nil {
		return nil, "", err
	}
	goArgs, _, added, err = exports.Overlay(t.goArgs, pkgs)
	return goArgs, added, err
}
