// Package noderun runs a Go js/wasm program in Node with buildwasm's loader,
// as a native program runs: the caller's stdin, stdout, stderr, environment,
// working directory and exit code.
package noderun

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/buildwasm/buildwasm/internal/atomicfile"
	"github.com/buildwasm/buildwasm/internal/usercache"
	"github.com/buildwasm/buildwasm/internal/wasmbin"
	"github.com/buildwasm/buildwasm/loader"
)

// StackSize is the V8 stack size (in KiB) given to node: Go's own tests
// recurse through JS deeper than Node's default allows.
const StackSize = 8192

// CheckScript reports, in one sentence, why file cannot be a setup script.
func CheckScript(file string) error {
	info, err := os.Stat(file)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("setup script %s: no such file", file)
	case err != nil:
		return fmt.Errorf("setup script: %w", err)
	case info.IsDir():
		return fmt.Errorf("setup script %s is a directory", file)
	}
	return nil
}

// Command returns the node command that runs file with args, after the ES
// module setup (a path, or "") has run. The runner script is written once to
// the user's cache directory, named by its hash.
func Command(file string, args []string, setup string) (*exec.Cmd, error) {
	if err := wasmbin.CheckFile(file); err != nil {
		return nil, err
	}
	env := os.Environ()
	if os.Getenv("TMPDIR") == "" {
		env = append(env, "TMPDIR="+os.TempDir()) // the runner adds it so
	}
	if err := CheckArgs(append([]string{file}, args...), env); err != nil {
		return nil, err
	}
	var pre []string
	if setup != "" {
		if err := CheckScript(setup); err != nil {
			return nil, err
		}
		abs, err := filepath.Abs(setup)
		if err != nil {
			return nil, err
		}
		// Node's own way to run a module before the main one; it resolves
		// the module's imports as any Node import would.
		path := filepath.ToSlash(abs)
		if !strings.HasPrefix(path, "/") {
			path = "/" + path // a Windows drive
		}
		pre = append(pre, "--import="+(&url.URL{Scheme: "file", Path: path}).String())
	}
	node, err := exec.LookPath("node")
	if err != nil {
		return nil, errors.New("node not found on PATH: buildwasm exec needs Node.js 20 or newer")
	}
	runner, err := runnerFile()
	if err != nil {
		return nil, err
	}
	// argv[0] stays "node", as a shell would pass it: net/http looks at
	// process.argv0 to tell Node (no usable fetch) from a browser.
	argv := append([]string{"node", fmt.Sprintf("--stack-size=%d", StackSize)}, pre...)
	argv = append(append(argv, runner, file), args...)
	cmd := &exec.Cmd{Path: node, Args: argv, Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr}
	return cmd, nil
}

// runChild runs cmd as a child with stdin, stdout and stderr and returns
// its exit code.
func runChild(cmd *exec.Cmd, stdin io.Reader, stdout, stderr io.Writer) (int, error) {
	cmd.Stdin, cmd.Stdout, cmd.Stderr = stdin, stdout, stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return exit.ExitCode(), nil
	}
	return 0, err
}

func runnerFile() (string, error) {
	src, err := loader.Bundle(loader.NodeRunner, loader.Options{})
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(src)
	dir, err := usercache.Dir("")
	if err != nil {
		return "", err
	}
	name := filepath.Join(dir, "exec-"+hex.EncodeToString(sum[:8])+".mjs")
	if existing, err := os.ReadFile(name); err == nil && bytes.Equal(existing, src) {
		return name, nil
	}
	// Replaced whole: go test runs packages' tests in parallel, each
	// starting a runner.
	return name, atomicfile.Write(name, src)
}

// argsRoom is the room Go's js/wasm start-up has for the command line and
// the environment (the runtime reads them from a fixed span of memory).
const argsRoom = 8192

// CheckArgs reports, before any runner starts, a command line and
// environment too large for Go's start-up, which would otherwise fail
// every program with the loader's message alone: the runners pass this
// process's whole environment, so the fix is usually there.
func CheckArgs(args, env []string) error {
	room := func(s string) int { return (len(s) + 1 + 7) &^ 7 } // NUL-terminated, 8-byte aligned
	needed, inArgs := 8*(len(args)+len(env)+2), 0               // a pointer to each, and two ends
	for _, a := range args {
		inArgs += room(a)
	}
	largest := ""
	for _, kv := range env {
		needed += room(kv)
		if len(kv) > len(largest) {
			largest = kv
		}
	}
	if needed += inArgs; needed <= argsRoom {
		return nil
	}
	name, value, _ := strings.Cut(largest, "=")
	if inArgs > len(largest) {
		return fmt.Errorf("the command line and environment take %d bytes, and Go's js/wasm start-up has room for %d; the arguments alone take %d", needed, argsRoom, inArgs)
	}
	return fmt.Errorf("the command line and environment take %d bytes, and Go's js/wasm start-up has room for %d; buildwasm passes this process's whole environment to the program, and its largest variable is %s (%d bytes): unset what the program does not need (env -u %s)",
		needed, argsRoom, name, len(value), name)
}
