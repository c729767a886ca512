package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/buildwasm/buildwasm/internal/testenv"
)

// result is what one run of the command line left.
type result struct {
	code           int
	stdout, stderr string
}

// buildwasm runs a buildwasm command line in this process, as the binary
// runs it, with no input.
func buildwasm(t *testing.T, args ...string) result {
	t.Helper()
	return runArgv(t.Context(), append([]string{"buildwasm"}, args...))
}

func runArgv(ctx context.Context, argv []string) result {
	var stdout, stderr bytes.Buffer
	code := run(ctx, argv, strings.NewReader(""), &stdout, &stderr)
	return result{code, stdout.String(), stderr.String()}
}

// tinyWasm builds testdata/tiny with plain go build and returns the binary.
func tinyWasm(t *testing.T) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "tiny.wasm")
	if err := testenv.BuildWasm("", out, []string{"./testdata/tiny"}); err != nil {
		t.Fatal(err)
	}
	return out
}

// needNode skips a test that runs a program, where Node is missing.
func needNode(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("node"); err != nil {
		t.Skip("node is not on PATH")
	}
}

func TestCLI(t *testing.T) {
	tmp := t.TempDir()
	cases := []struct {
		name   string
		args   []string
		code   int
		stdout string // substring; "" means must be empty
		stderr string // substring; "" means must be empty
	}{
		{name: "no args", args: nil, code: 2, stderr: "Usage:\n\n\tbuildwasm <command> [arguments]"},
		{name: "help", args: []string{"help"}, stdout: "Commands:"},
		{name: "-h", args: []string{"-h"}, stdout: "Commands:"},
		{name: "--help", args: []string{"--help"}, stdout: "Commands:"},
		{name: "help exec", args: []string{"help", "exec"}, stdout: "Usage: buildwasm exec [-browser] [-setup FILE] FILE [arguments]"},
		{name: "help build", args: []string{"help", "build"}, stdout: "Usage: buildwasm build [flags] [package]"},
		{name: "exec -h", args: []string{"exec", "-h"}, stdout: "go test -exec"},
		{name: "version -h", args: []string{"version", "-h"}, stdout: "Usage: buildwasm version"},
		{name: "build -h", args: []string{"build", "-h"}, stdout: "Usage: buildwasm build [flags] [package]"},
		{name: "sourcemap -h", args: []string{"sourcemap", "-h"}, stdout: "Usage: buildwasm sourcemap [flags] FILE"},
		{name: "sourcemap without file", args: []string{"sourcemap"}, code: 2, stderr: "buildwasm sourcemap: takes one FILE\n"},
		{name: "version", args: []string{"version"}, stdout: "buildwasm "},
		{name: "unknown command", args: []string{"frobnicate"}, code: 2, stderr: "buildwasm: unknown command \"frobnicate\"\nRun 'buildwasm help' for usage.\n"},
		{name: "help unknown", args: []string{"help", "frobnicate"}, code: 2, stderr: "buildwasm help: unknown command \"frobnicate\"\n"},
		{name: "help two commands", args: []string{"help", "build", "exec"}, code: 2, stderr: "buildwasm help: takes at most one command name\n"},
		{name: "unknown flag", args: []string{"exec", "-frob", "x.wasm"}, code: 2, stderr: "buildwasm exec: flag provided but not defined: -frob\nRun 'buildwasm exec -h' for usage.\n"},
		{name: "exec without file", args: []string{"exec"}, code: 2, stderr: "buildwasm exec: missing FILE\n"},
		{name: "exec missing file", args: []string{"exec", "testdata/nowhere.wasm"}, code: 1, stderr: "buildwasm exec: testdata/nowhere.wasm: no such file\n"},
		{name: "version with args", args: []string{"version", "x"}, code: 2, stderr: "buildwasm version: takes no arguments\n"},
		{name: "serve -h", args: []string{"serve", "-h"}, stdout: "Usage: buildwasm serve [flags] [package]"},
		{name: "test -h", args: []string{"test", "-h"}, stdout: "Usage: buildwasm test [-node] [-setup FILE] [go test flags] [packages] [-args test binary flags]"},
		{name: "serve unknown flag", args: []string{"serve", "-frob"}, code: 2, stderr: "buildwasm serve: flag provided but not defined: -frob\n"},
		{name: "serve two packages", args: []string{"serve", "./a", "./b"}, code: 2, stderr: "buildwasm serve: takes one package, got 2"},
		{name: "serve flags after the package", args: []string{"serve", ".", "-worker"}, code: 2, stderr: "buildwasm serve: flags go before the package: buildwasm serve -worker .\n"},
		{name: "serve not main", args: []string{"serve", "-addr", "127.0.0.1:0", "./testdata/notmain"}, code: 1,
			stderr: "buildwasm serve: github.com/buildwasm/buildwasm/cmd/buildwasm/testdata/notmain is package notmain, not a main package: there is no program to build\n"},
		{name: "serve missing package", args: []string{"serve", "-addr", "127.0.0.1:0", "./testdata/nowhere"}, code: 1, stderr: "buildwasm serve: stat "},
		{name: "serve bad address", args: []string{"serve", "-addr", "127.0.0.1:99999", "./testdata/tiny"}, code: 1, stderr: "buildwasm serve: listen tcp: address 99999: invalid port\n"},
		{name: "build missing package", args: []string{"build", "-o", filepath.Join(tmp, "dist"), "./testdata/nowhere"}, code: 1, stderr: "testdata/nowhere"},
		{name: "test -exec", args: []string{"test", "-exec=/bin/echo", "./testdata/tiny"}, code: 2, stderr: "buildwasm test: -exec=/bin/echo would replace the runner buildwasm test exists for"},
		{name: "test -exec value", args: []string{"test", "-exec", "/bin/echo", "./testdata/tiny"}, code: 2, stderr: "would replace the runner buildwasm test exists for"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := buildwasm(t, c.args...)
			if got.code != c.code {
				t.Errorf("exit code %d, want %d", got.code, c.code)
			}
			check := func(stream, got, want string) {
				if want == "" && got != "" || !strings.Contains(got, want) {
					t.Errorf("%s %q, want it to contain %q", stream, got, want)
				}
			}
			check("stdout", got.stdout, c.stdout)
			check("stderr", got.stderr, c.stderr)
		})
	}
}

// Every command prints its usage and flags to stdout for -h and for
// buildwasm help NAME alike, and exits 0.
func TestHelpEveryCommand(t *testing.T) {
	for name := range commands {
		if name == "help" {
			continue
		}
		dashH := buildwasm(t, name, "-h")
		if dashH.code != 0 || dashH.stderr != "" || !strings.HasPrefix(dashH.stdout, "Usage: buildwasm "+name) {
			t.Errorf("%s -h: %+v", name, dashH)
		}
		if help := buildwasm(t, "help", name); help != dashH {
			t.Errorf("help %s differs from %s -h:\n%+v\n%+v", name, name, help, dashH)
		}
	}
}

// A flag a command does not know is a usage mistake: exit 2, nothing on
// stdout, and where to read the usage. Unknown flags of buildwasm test are
// go test's, so its own mistake stands in for one.
func TestBadFlagEveryCommand(t *testing.T) {
	for name := range commands {
		args := []string{name, "-frob"}
		want := "buildwasm " + name + ": flag provided but not defined: -frob\nRun 'buildwasm " + name + " -h' for usage.\n"
		switch name {
		case "help":
			continue
		case "test":
			args = []string{name, "-node=maybe"}
			want = "buildwasm test: -node=maybe: -node is true or false\nRun 'buildwasm test -h' for usage.\n"
		}
		if got := buildwasm(t, args...); got.code != 2 || got.stdout != "" || got.stderr != want {
			t.Errorf("%v: %+v, want exit 2 and %q", args, got, want)
		}
	}
}

// The version line names the toolchain that built buildwasm.
func TestVersion(t *testing.T) {
	got := buildwasm(t, "version")
	if got.code != 0 || !strings.HasPrefix(got.stdout, "buildwasm ") || !strings.Contains(got.stdout, " go1.") || !strings.HasSuffix(got.stdout, "\n") {
		t.Errorf("version: %+v", got)
	}
}

// Named go_js_wasm_exec (as go test and go run look it up on PATH), the
// binary is buildwasm exec: every argument is exec's. Any other name keeps
// the normal command line.
func TestExecName(t *testing.T) {
	cases := []struct {
		argv   []string
		code   int
		stdout string // prefix
		stderr string // exact
	}{
		{[]string{"/usr/local/bin/go_js_wasm_exec"}, 2, "", "buildwasm exec: missing FILE\nRun 'buildwasm exec -h' for usage.\n"},
		{[]string{"go_js_wasm_exec.exe"}, 2, "", "buildwasm exec: missing FILE\nRun 'buildwasm exec -h' for usage.\n"},
		{[]string{"/usr/local/bin/go_js_wasm_exec", "version"}, 1, "", "buildwasm exec: version: no such file\n"},
		{[]string{"/usr/local/bin/bw", "version"}, 0, "buildwasm ", ""},
		{[]string{"/usr/local/bin/go_js_wasm_exec.sh", "version"}, 0, "buildwasm ", ""},
	}
	for _, c := range cases {
		got := runArgv(t.Context(), c.argv)
		if got.code != c.code || !strings.HasPrefix(got.stdout, c.stdout) || got.stderr != c.stderr {
			t.Errorf("%q: %+v", c.argv, got)
		}
	}
	needNode(t)
	wasm := tinyWasm(t)
	got := runArgv(t.Context(), []string{"/usr/local/bin/go_js_wasm_exec", wasm, "one", "-two"})
	if got.code != 0 || got.stdout != "args: one -two\n" || got.stderr != "" {
		t.Errorf("go_js_wasm_exec FILE one -two: %+v", got)
	}
}

// A command whose context ends (Ctrl-C, SIGTERM in main) stops and says
// so, with exit code 1.
func TestInterrupted(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	out := filepath.Join(t.TempDir(), "dist")
	got := runArgv(ctx, []string{"buildwasm", "build", "-o", out, "./testdata/tiny"})
	if got.code != 1 || got.stdout != "" || !strings.HasSuffix(got.stderr, "buildwasm build: interrupted\n") {
		t.Errorf("build with a canceled context: %+v", got)
	}
	if _, err := os.Stat(out); err == nil {
		t.Errorf("an interrupted build wrote %s", out)
	}
}
