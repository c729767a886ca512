// Package toolchain runs the go command for js/wasm with buildwasm's patch
// of syscall/js: it finds the toolchain go would use in a folder, makes
// its patched copy once, and lists and compiles packages with it.
package toolchain

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/buildwasm/buildwasm/internal/jspatch"
	"github.com/buildwasm/buildwasm/internal/usercache"
)

// Go is a go command that builds for js/wasm.
type Go struct {
	Bin    string // the go command to run
	GOROOT string // the patched copy, run with GOTOOLCHAIN=local; "" for plain go
	Origin string // the GOROOT the copy links to
	// TempDir, if set, is the commands' GOTMPDIR: see TempDir.
	TempDir string
}

// Plain is the go command on PATH, unpatched.
var Plain = Go{Bin: "go"}

// env is the environment the commands run with: this process's, for
// js/wasm, with the patched GOROOT.
func (g Go) env() []string {
	env := append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if g.GOROOT != "" {
		env = append(env, "GOROOT="+g.GOROOT, "GOTOOLCHAIN=local")
	}
	if g.TempDir != "" {
		env = append(env, "GOTMPDIR="+g.TempDir)
	}
	return env
}

// Command is go with args, run in dir, stopped as by Ctrl-C when ctx ends.
func (g Go) Command(ctx context.Context, dir string, args ...string) *exec.Cmd {
	cmd := interruptible(exec.CommandContext(ctx, g.Bin, args...))
	cmd.Dir = dir
	cmd.Env = g.env()
	return cmd
}

// GOROOT is the GOROOT of the toolchain go would use in dir (GOTOOLCHAIN
// and go.mod's toolchain line included), with env added to this process's
// environment.
func GOROOT(ctx context.Context, dir string, env ...string) (string, error) {
	cmd := Plain.Command(ctx, dir, "env", "GOROOT")
	cmd.Env = append(cmd.Env, env...)
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("go env GOROOT: %w", err)
	}
	return strings.TrimSpace(string(out)), nil
}

// Patched returns the go command of a copy of dir's toolchain with
// syscall/js patched (with leak tracking if leaks is set), made once per
// toolchain and leak mode in the user's cache. progress, if set, is told
// when the copy is new, which makes the next build slow.
func Patched(ctx context.Context, dir string, leaks bool, progress func(string)) (Go, error) {
	goroot, err := GOROOT(ctx, dir)
	if err != nil {
		return Go{}, err
	}
	cache, err := usercache.Dir("goroot")
	if err != nil {
		return Go{}, err
	}
	key := sha256.Sum256([]byte(fmt.Sprint(goroot, "\x00", jspatch.Version, "\x00", leaks)))
	copyDir := filepath.Join(cache, hex.EncodeToString(key[:8]))
	if _, err := os.Stat(filepath.Join(copyDir, "bin", "go")); err != nil && progress != nil {
		// Each patch (one with leak tracking for dev builds, one without)
		// changes syscall/js, so the packages above it are compiled once
		// per Go build cache; the copy's path does not matter to that
		// cache. A new copy is when that may happen: say why it is slow.
		kind := "release builds"
		if leaks {
			kind = "dev builds and -leaks"
		}
		progress(fmt.Sprintf("first build with the patched copy of %s for %s: go compiles the standard library for it once, unless its build cache has it already (8 s on 2 cores from a cold cache)", goroot, kind))
	}
	copyDir, err = jspatch.Toolchain(goroot, copyDir, leaks)
	if err != nil {
		return Go{}, err
	}
	return Go{Bin: filepath.Join(copyDir, "bin", "go"), GOROOT: copyDir, Origin: goroot}, nil
}
