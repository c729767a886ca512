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

// Package is what go list says of a package.
type Package struct {
	Name       string
	Dir        string
	ImportPath string
	GoFiles    []string
	Module     *struct{ Main bool }
	DepOnly    bool // listed only as a dependency of the packages named
}

// Local reports whether p belongs to the main module (the user's code, not
// a dependency's or the standard library's).
func (p Package) Local() bool { return p.Module != nil && p.Module.Main }

// ErrGoBuild means the go command failed; its own output has already gone
// to the writer Compile was given.
var ErrGoBuild = errors.New("go build failed")

// NotMainError means the package names no single main package, so no edit
// of its code makes it build: the dev server stops on it at start.
type NotMainError string

func (e NotMainError) Error() string { return string(e) }

// List finds t's main package, and the packages of the main module it is
// built from (itself included).
func (g Go) List(ctx context.Context, t Target) (Package, []Package, error) {
	all, err := g.list(ctx, t.Dir, append(append([]string{"-deps", "-json=Name,Dir,ImportPath,GoFiles,Module,DepOnly"}, t.GoFlags...), "--", t.Package))
	if err != nil {
		return Package{}, nil, err
	}
	var named, local []Package
	for _, p := range all {
		if !p.DepOnly {
			named = append(named, p)
		}
		if p.Local() {
			local = append(local, p)
		}
	}
	switch {
	case len(named) != 1:
		return Package{}, nil, NotMainError(fmt.Sprintf("%s matches %d packages; build takes one main package", t.Package, len(named)))
	case named[0].Name != "main":
		return Package{}, nil, NotMainError(fmt.Sprintf("%s is package %s, not a main package: there is no program to build", named[0].ImportPath, named[0].Name))
	}
	return named[0], local, nil
}

// LocalPackages lists the packages of the main module that go test args
// (build flags and package patterns) builds, test variants folded into
// their packages: those typed exports may be in.
func (g Go) LocalPackages(ctx context.Context, dir string, args []string) ([]Package, error) {
	all, err := g.list(ctx, dir, append([]string{"-e", "-deps", "-test", "-json=Name,Dir,ImportPath,GoFiles,Module"}, args...))
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var local []Package
	for _, p := range all {
		// "pkg [pkg.test]" is pkg with its tests; "pkg_test [pkg.test]" its
		// external tests, in the same folder; "pkg.test" is go test's own
		// main, with no files of the module's.
		p.ImportPath, _, _ = strings.Cut(p.ImportPath, " ")
		if p.Local() && len(p.GoFiles) > 0 && !strings.HasSuffix(p.Name, "_test") && !seen[p.Dir] {
			seen[p.Dir] = true
			local = append(local, p)
		}
	}
	return local, nil
}

// list runs go list with args in dir and decodes the packages it prints;
// its error is go's own message.
func (g Go) list(ctx context.Context, dir string, args []string) ([]Package, error) {
	cmd := g.Command(ctx, dir, append([]string{"list"}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		return nil, errors.New(msg)
	}
	var pkgs []Package
	dec := json.NewDecoder(bytes.NewReader(out))
	for dec.More() {
		var p Package
		if err := dec.Decode(&p); err != nil {
			return nil, fmt.Errorf("reading go list output: %w", err)
		}
		pkgs = append(pkgs, p)
	}
	return pkgs, nil
}

// Compile runs go build and returns the binary; go's own output goes to
// output. The binary is written to
// a stable place in the user's cache, keyed by package and flags, so that
// go build finds it up to date and skips the link when nothing changed.
func (g Go) Compile(ctx context.Context, t Target, output io.Writer) ([]byte, error) {
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

// cachedOutput is where go build writes t's binary: one place per folder,
// package, flags and toolchain. An -overlay's path is left out of the key:
// buildwasm writes its overlay into a new folder each build, and go build
// relinks anyway when the files the overlay names change.
func cachedOutput(t Target, args []string) (string, error) {
	stable := make([]string, 0, len(args))
	for _, a := range args {
		if strings.HasPrefix(a, "-overlay=") || strings.HasPrefix(a, "--overlay=") {
			a = "-overlay"
		}
		stable = append(stable, a)
	}
	args = stable
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
