package tests

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCLI(t *testing.T) {
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
		{name: "help exec", args: []string{"help", "exec"}, stdout: "Usage: buildwasm exec [-browser] [-setup FILE] FILE [arguments]"},
		{name: "exec -h", args: []string{"exec", "-h"}, stdout: "go test -exec"},
		{name: "version -h", args: []string{"version", "-h"}, stdout: "Usage: buildwasm version"},
		{name: "build -h", args: []string{"build", "-h"}, stdout: "Usage: buildwasm build [flags] [package]"},
		{name: "sourcemap -h", args: []string{"sourcemap", "-h"}, stdout: "Usage: buildwasm sourcemap [flags] FILE"},
		{name: "sourcemap without file", args: []string{"sourcemap"}, code: 2, stderr: "buildwasm sourcemap: takes one FILE\n"},
		{name: "version", args: []string{"version"}, stdout: "buildwasm "},
		{name: "unknown command", args: []string{"frobnicate"}, code: 2, stderr: "buildwasm: unknown command \"frobnicate\"\nRun 'buildwasm help' for usage.\n"},
		{name: "help unknown", args: []string{"help", "frobnicate"}, code: 2, stderr: "buildwasm help: unknown command \"frobnicate\"\n"},
		{name: "unknown flag", args: []string{"exec", "-frob", "x.wasm"}, code: 2, stderr: "buildwasm exec: flag provided but not defined: -frob\nRun 'buildwasm exec -h' for usage.\n"},
		{name: "exec without file", args: []string{"exec"}, code: 2, stderr: "buildwasm exec: missing FILE\n"},
		{name: "version with args", args: []string{"version", "x"}, code: 2, stderr: "buildwasm version: takes no arguments\n"},
		{name: "serve -h", args: []string{"serve", "-h"}, stdout: "Usage: buildwasm serve [flags] [package]"},
		{name: "test -h", args: []string{"test", "-h"}, stdout: "Usage: buildwasm test [-node] [-setup FILE] [go test flags] [packages] [-args test binary flags]"},
		{name: "serve unknown flag", args: []string{"serve", "-frob"}, code: 2, stderr: "buildwasm serve: flag provided but not defined: -frob\n"},
		{name: "serve two packages", args: []string{"serve", "./a", "./b"}, code: 2, stderr: "buildwasm serve: takes one package, got 2"},
		{name: "serve flags after the package", args: []string{"serve", ".", "-worker"}, code: 2, stderr: "buildwasm serve: flags go before the package: buildwasm serve -worker .\n"},
		{name: "serve not main", args: []string{"serve", "-addr", "127.0.0.1:0", "./testdata/notmain"}, code: 1,
			stderr: "buildwasm serve: github.com/buildwasm/buildwasm/tests/testdata/notmain is package notmain, not a main package: there is no program to build\n"},
		{name: "serve missing package", args: []string{"serve", "-addr", "127.0.0.1:0", "./testdata/nowhere"}, code: 1, stderr: "buildwasm serve: stat "},
		{name: "serve bad address", args: []string{"serve", "-addr", "127.0.0.1:99999", "../examples/hello"}, code: 1, stderr: "buildwasm serve: listen tcp: address 99999: invalid port\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := run(t, "", nil, append([]string{buildwasmBin}, c.args...)...)
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

// The version line names the toolchain that built buildwasm.
func TestVersion(t *testing.T) {
	got := run(t, "", nil, buildwasmBin, "version")
	if !strings.HasPrefix(got.stdout, "buildwasm ") || !strings.Contains(got.stdout, " go1.") {
		t.Errorf("version printed %q", got.stdout)
	}
}

// Any name other than go_js_wasm_exec keeps the normal command line.
func TestRenamedBinary(t *testing.T) {
	other := filepath.Join(t.TempDir(), "bw")
	if err := os.Symlink(buildwasmBin, other); err != nil {
		t.Fatal(err)
	}
	if got := run(t, "", nil, other, "version"); got.code != 0 || !strings.HasPrefix(got.stdout, "buildwasm ") {
		t.Errorf("bw version: %+v", got)
	}
}
