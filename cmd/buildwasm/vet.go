package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"

	"golang.org/x/tools/go/analysis/unitchecker"

	"github.com/buildwasm/buildwasm/internal/toolchain"
	"github.com/buildwasm/buildwasm/internal/vetrun"
	"github.com/buildwasm/buildwasm/vet"
)

type vetCommand struct{ stdio }

const vetUsage = `
Usage: buildwasm vet [-json] [-tags list] [packages]

Vet runs buildwasm's analyzers on the packages (default .) for js/wasm:

  funcrelease    js.Funcs that can never be released: a js.FuncOf whose
                 result is dropped or handed straight to JavaScript, or a
                 local Func never released, in code that runs more than once
  callbackblock  callbacks (js.FuncOf, shim.Export) that deadlock (net/http,
                 shim.Await, a channel only callbacks send on) or freeze the
                 page (time.Sleep, WaitGroup.Wait, receives, select, sends on
                 unbuffered channels), also through helpers in any package

It runs go vet with buildwasm as the vettool (so GOOS=js GOARCH=wasm, go's
package loading and cache), and only these analyzers: go vet keeps the
standard ones. Each analyzer's own text, below, explains its findings and
their fix.

Without -json it prints file:line:col: message lines and exits 1 when there
are findings, 0 when there are none. With -json it writes go vet's JSON, one
{"package": {"analyzer": [{"posn", "end", "message"}]}} object per package
({} for one without findings), on stdout with every Go version, and exits 0
as go vet does.
Packages that do not load exit 2 with go's errors.

The same analyzers run under go vet itself, with buildwasm-vet:

	GOOS=js GOARCH=wasm go vet -vettool=$(which buildwasm-vet) ./...
`

// vetHelp is the usage with each analyzer's documentation.
func vetHelp() string {
	var b strings.Builder
	b.WriteString(vetUsage)
	for _, a := range vet.Analyzers {
		fmt.Fprintf(&b, "\n%s: %s\n", a.Name, a.Doc)
	}
	b.WriteString("\nFlags:\n")
	return b.String()
}

// vettoolEnv tells buildwasm that go vet runs it as its vettool.
const vettoolEnv = "BUILDWASM_VETTOOL"

// runVettool acts as go vet's vettool when buildwasm vet started go vet
// with buildwasm itself as the tool; it never returns then.
func runVettool() {
	if os.Getenv(vettoolEnv) == "1" {
		unitchecker.Main(vet.Analyzers...)
	}
}

func (c *vetCommand) Run(ctx context.Context, args []string) error {
	fs := newFlagSet("vet")
	asJSON := fs.Bool("json", false, "write go vet's JSON on stdout and exit 0 with findings")
	tags := fs.String("tags", "", "build tags, passed to go vet")
	if err := c.parse(fs, vetHelp(), args); err != nil {
		return err
	}
	for _, a := range fs.Args() {
		if strings.HasPrefix(a, "-") {
			return usageError{"flags go before packages: " + a}
		}
	}
	self, err := os.Executable()
	if err != nil {
		return err
	}
	goVersion, err := toolchain.Plain.Command(ctx, "", "env", "GOVERSION").Output()
	if err != nil {
		return c.loadError(fmt.Errorf("go env GOVERSION: %w", err))
	}
	if err := vetrun.CheckToolchain(strings.TrimSpace(string(goVersion)), runtime.Version()); err != nil {
		return c.loadError(err)
	}
	goArgs := []string{"vet", "-vettool=" + self, "-json"}
	if *tags != "" {
		goArgs = append(goArgs, "-tags="+*tags)
	}
	goArgs = append(goArgs, fs.Args()...)
	cmd := toolchain.Plain.Command(ctx, "", goArgs...)
	cmd.Env = append(cmd.Env, vettoolEnv+"=1")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if errors.As(err, new(*exec.ExitError)) {
			// go could not load or type-check the packages, and said why.
			c.Stderr.Write(stderr.Bytes())
			return exitCode(2)
		}
		return c.loadError(err)
	}
	out, err := vetrun.Parse(stdout.Bytes(), stderr.Bytes())
	if err != nil {
		return c.loadError(err)
	}
	for _, e := range out.Errors {
		fmt.Fprintln(c.Stderr, e)
	}
	if *asJSON {
		for _, o := range out.Objects {
			c.Stdout.Write(o)
			fmt.Fprintln(c.Stdout)
		}
	} else {
		wd, _ := os.Getwd()
		for _, f := range out.Findings {
			fmt.Fprintf(c.Stdout, "%s: %s\n", relative(wd, f.Posn), f.Message)
		}
	}
	switch {
	case len(out.Errors) > 0:
		return exitCode(2)
	case len(out.Findings) > 0 && !*asJSON:
		return exitCode(1)
	}
	return nil
}

// loadError prints err and exits 2, the code of packages that cannot be
// vetted at all.
func (c *vetCommand) loadError(err error) error {
	fmt.Fprintf(c.Stderr, "buildwasm vet: %v\n", err)
	return exitCode(2)
}

// relative shortens a position under the working directory, as go vet
// prints them.
func relative(wd, posn string) string {
	if wd == "" || !filepath.IsAbs(posn) {
		return posn
	}
	if rel, err := filepath.Rel(wd, posn); err == nil && !strings.HasPrefix(rel, "..") {
		return rel
	}
	return posn
}
