package tests

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The same program under the stock runner and under buildwasm exec, in
// Node and in Chromium, must leave the same stdout, stderr and exit code.
func TestExecMatchesStock(t *testing.T) {
	cases := []struct {
		program string
		args    []string
		stdin   string
		code    int // expected from all runners
		// In a page nothing tells that no event can come any more: a
		// deadlocked program waits there (a test binary, until -timeout).
		nodeOnly bool
	}{
		{program: "echo", args: []string{"one", "two words", "-x"}},
		{program: "exit3", code: 3},
		{program: "stdin", stdin: "hello\nworld, no newline at end"},
		{program: "panic", code: 2},
		{program: "nonewline"},
		{program: "deadlock", code: 2, nodeOnly: true},
	}
	env := []string{"BUILDWASM_TEST=from the environment"}
	for _, c := range cases {
		t.Run(c.program, func(t *testing.T) {
			t.Parallel()
			wasm := program(t, c.program, nil)
			want := run(t, c.stdin, env, append([]string{stockExec(), wasm}, c.args...)...)
			if want.code != c.code {
				t.Fatalf("stock runner exited %d, the test expects %d; stderr:\n%s", want.code, c.code, want.stderr)
			}
			runners := [][]string{{"exec"}, {"exec", "-browser"}}
			if c.nodeOnly {
				runners = runners[:1]
			}
			for _, runner := range runners {
				got := run(t, c.stdin, env, append(append([]string{buildwasmBin}, runner...), append([]string{wasm}, c.args...)...)...)
				if got.code != want.code {
					t.Errorf("%s: exit code %d, stock %d", runner, got.code, want.code)
				}
				if got.stdout != want.stdout {
					t.Errorf("%s: stdout differs\nours:  %q\nstock: %q", runner, got.stdout, want.stdout)
				}
				if got.stderr != want.stderr {
					t.Errorf("%s: stderr differs\nours:  %q\nstock: %q", runner, got.stderr, want.stderr)
				}
			}
		})
	}
}

// Bad input gets one line naming the problem and a non-zero exit, before
// any program runs.
func TestExecBadInput(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	cases := []struct {
		name string
		file string
		want string // in the message
	}{
		{"missing", filepath.Join(dir, "nope.wasm"), "nope.wasm: no such file"},
		{"empty", write("empty.wasm", nil), "empty.wasm is empty"},
		{"not wasm", write("text.wasm", []byte("#!/bin/sh\necho hi\n")), "is not a WebAssembly binary"},
		{"truncated", write("short.wasm", []byte("\x00as")), "is not a WebAssembly binary"},
		{"broken wasm", write("broken.wasm", []byte("\x00asm\x01\x00\x00\x00\x01\xff")), "is not a valid WebAssembly binary"},
		// The smallest valid module: a header and nothing else.
		{"not Go", write("empty-module.wasm", []byte("\x00asm\x01\x00\x00\x00")), "is not a Go js/wasm program (with no producers section"},
		{"wasip1", program(t, "echo", nil, "GOOS=wasip1"), "is a WASI program (GOOS=wasip1"},
		{"missing import", program(t, "imports", nil), `imports env "double" (a //go:wasmimport), which was not given in options.imports; it was built with go1.`},
		{"import from a newer Go", program(t, "futureimport", nil), `imports gojs "runtime.fromTheFuture", which this loader does not implement: it was built with go1.`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			// In both runners the message names the file as given (the
			// page loads it from an internal URL).
			for _, runner := range [][]string{{"exec"}, {"exec", "-browser"}} {
				got := run(t, "", nil, append(append([]string{buildwasmBin}, runner...), c.file)...)
				if got.code != 1 {
					t.Errorf("%v: exit code %d, want 1", runner, got.code)
				}
				if got.stdout != "" {
					t.Errorf("%v: stdout %q, want nothing", runner, got.stdout)
				}
				lines := strings.Split(strings.TrimSuffix(got.stderr, "\n"), "\n")
				if len(lines) != 1 || !strings.HasPrefix(lines[0], "buildwasm exec: "+c.file) || !strings.Contains(lines[0], c.want) {
					t.Errorf("%v: stderr %q, want one line 'buildwasm exec: %s...%s...'", runner, got.stderr, c.file, c.want)
				}
			}
		})
	}
}

// An environment too large for Go's start-up (the runners pass the whole
// host environment): both runners say the size, the room and which
// variable to drop, before starting anything.
func TestExecEnvironmentTooLarge(t *testing.T) {
	wasm := program(t, "echo", nil)
	env := []string{"BUILDWASM_BIG=" + strings.Repeat("x", 9000)}
	for _, runner := range [][]string{{"exec"}, {"exec", "-browser"}} {
		got := run(t, "", env, append(append([]string{buildwasmBin}, runner...), wasm)...)
		if got.code != 1 || !strings.Contains(got.stderr, "and Go's js/wasm start-up has room for 8192; buildwasm passes this process's whole environment to the program, and its largest variable is BUILDWASM_BIG (9000 bytes): unset what the program does not need (env -u BUILDWASM_BIG)") {
			t.Errorf("%v: exit %d\n%s", runner, got.code, got.stderr)
		}
	}
}

// buildwasm exec defines the globals Go's own Node runner defines: require,
// fs, path and the Go class, here used by a Go program to run another Go
// program. The output must be the stock runner's.
func TestExecNodeGlobals(t *testing.T) {
	parent, child := program(t, "nodeglobals", nil), program(t, "echo", nil)
	want := run(t, "", nil, stockExec(), parent, child)
	if want.code != 0 || !strings.Contains(want.stdout, "args: started|by Go\nenv: child env\n") {
		t.Fatalf("the stock runner: exit %d\n%s%s", want.code, want.stdout, want.stderr)
	}
	got := run(t, "", nil, buildwasmBin, "exec", parent, child)
	if got != want {
		t.Errorf("buildwasm exec differs from the stock runner:\nours:  %+v\nstock: %+v", got, want)
	}
}
