package toolchain

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/buildwasm/buildwasm/internal/usercache"
)

// Target is a main package to build and how.
type Target struct {
	Dir     string   // where go runs; "" for the current directory
	Package string   // as go build takes it
	GoFlags []string // passed to go list and go build as they are
	// Trimpath adds -trimpath unless GoFlags set it.
	Trimpath bool
}

// Package is what go list says of the package built.
type Package struct {
	Name       string
	Dir        string
	ImportPath string
}

// ErrGoBuild means the go command failed; its own output has already gone
// to the writer Build was given.
var ErrGoBuild = errors.New("go build failed")

// NotMainError means the package names no single main package, so no edit
// of its code makes it build: the dev server stops on it at start.
type NotMainError string

func (e NotMainError) Error() string { return string(e) }

// Build lists and compiles t, returning its package and the program's
// bytes. go list and go build run side by side, since each costs a go
// command start-up; go build's output goes to stderr only once go list has
// found a main package (else the same error would print twice).
func (g Go) Build(ctx context.Context, t Target, stderr io.Writer) (Package, []byte, error) {
	type listed struct {
		pkg Package
		err error
	}
	list := make(chan listed, 1)
	go func() {
		pkg, err := g.findMain(ctx, t)
		list <- listed{pkg, err}
	}()
	var buildOutput bytes.Buffer
	wasm, buildErr := g.compile(ctx, t, &buildOutput)
	l := <-list
	if l.err != nil {
		return Package{}, nil, l.err
	}
	stderr.Write(buildOutput.Bytes())
	return l.pkg, wasm, buildErr
}

func (g Go) findMain(ctx context.Context, t Target) (Package, error) {
	args := append([]string{"list", "-json=Name,Dir,ImportPath"}, t.GoFlags...)
	cmd := g.Command(ctx, t.Dir, append(args, "--", t.Package)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		return Package{}, errors.New(msg)
	}
	var pkgs []Package
	dec := json.NewDecoder(bytes.NewReader(out))
	for dec.More() {
		var p Package
		if err := dec.Decode(&p); err != nil {
			return Package{}, fmt.Errorf("reading go list output: %w", err)
		}
		pkgs = append(pkgs, p)
	}
	switch {
	case len(pkgs) != 1:
		return Package{}, NotMainError(fmt.Sprintf("%s matches %d packages; build takes one main package", t.Package, len(pkgs)))
	case pkgs[0].Name != "main":
		return Package{}, NotMainError(fmt.Sprintf("%s is package %s, not a main package: there is no program to build", pkgs[0].ImportPath, pkgs[0].Name))
	}
	return pkgs[0], nil
}

// compile runs go build and returns the binary. The binary is written to
// a stable place in the user's cache, keyed by package and flags, so that
// go build finds it up to date and skips the link when nothing changed.
func (g Go) compile(ctx context.Context, t Target, output io.Writer) ([]byte, error) {
	args := []string{"build"}
	if t.Trimpath && !slices.ContainsFunc(t.GoFlags, func(f string) bool { return strings.HasPrefix(strings.TrimLeft(f, "-"), "trimpath") }) {
		args = append(args, "-trimpath")
	}
	args = append(args, t.GoFlags...)
	out, err := cachedOutput(t, append(args, g.GOROOT))
	if err != nil {
		return nil, err
	}
	cmd := g.Command(ctx, t.Dir, append(append([]string{args[0], "-o", out}, args[1:]...), "--", t.Package)...)
	cmd.Stdout, cmd.Stderr = output, output
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, ErrGoBuild
	}
	return os.ReadFile(out)
}

func cachedOutput(t Target, args []string) (string, error) {
	wd, err := filepath.Abs(t.Dir)
	if err != nil {
		return "", err
	}
	dir, err := usercache.Dir("wasm")
	if err != nil {
		return "", err
	}
	key := sha256.Sum256([]byte(strings.Join(append([]string{wd, t.Package}, args...), "\x00")))
	return filepath.Join(dir, hex.EncodeToString(key[:12])+".wasm"), nil
}
