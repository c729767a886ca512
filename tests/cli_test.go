package tests

import (
	"strings"
	"testing"
)

// The built binary wires the command line to the process: output reaches
// its real stdout and stderr, and the exit code its status. What each
// command prints and returns is tested in process, in cmd/buildwasm.
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
		{name: "build -h", args: []string{"build", "-h"}, stdout: "Usage: buildwasm build [flags] [package]"},
		{name: "version", args: []string{"version"}, stdout: "buildwasm "},
		{name: "unknown flag", args: []string{"exec", "-frob", "x.wasm"}, code: 2, stderr: "buildwasm exec: flag provided but not defined: -frob\nRun 'buildwasm exec -h' for usage.\n"},
		{name: "missing file", args: []string{"exec", "nowhere.wasm"}, code: 1, stderr: "buildwasm exec: nowhere.wasm: no such file\n"},
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
