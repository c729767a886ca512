package dist

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/buildwasm/buildwasm/internal/atomicfile"
	"github.com/buildwasm/buildwasm/internal/wasmbin"
)

// checkOutDir refuses a folder that buildwasm must not replace: anything
// that is not a directory, or a non-empty directory without our manifest
// (a source tree, a home directory, someone else's files).
func checkOutDir(dir string) error {
	info, err := os.Stat(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !info.IsDir() {
		return fmt.Errorf("output %s exists and is not a directory", dir)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	if len(entries) > 0 {
		b, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
		var m manifest
		if err != nil || json.Unmarshal(b, &m) != nil || !strings.HasPrefix(m.Generator, "buildwasm") {
			return fmt.Errorf("output %s is not empty and was not written by buildwasm; remove it or choose another -o", dir)
		}
	}
	// Replacing the folder means removing its files afterwards, which a
	// read-only folder (or subfolder: static files make them) refuses:
	// find out before anything is moved.
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return err
		}
		probe, err := os.CreateTemp(p, ".buildwasm-probe-")
		if err != nil {
			return fmt.Errorf("output %s cannot be replaced: %w", dir, err)
		}
		probe.Close()
		return os.Remove(probe.Name())
	})
}

// writeDir writes files into a fresh folder beside dir, then swaps it in, so
// that dir holds either the old output or the whole new one.
func writeDir(dir string, files map[string][]byte) (err error) {
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	stage, err := os.MkdirTemp(parent, ".buildwasm-new-")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			os.RemoveAll(stage)
		}
	}()
	if err := os.Chmod(stage, 0o755); err != nil {
		return err
	}
	for name, data := range files {
		p := filepath.Join(stage, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil { // static files may sit in folders
			return err
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			return err
		}
	}
	if err := checkOutDir(dir); err != nil { // it may have changed while we built
		return err
	}
	old := ""
	if _, err := os.Stat(dir); err == nil {
		old = stage + ".old"
		if err := os.Rename(dir, old); err != nil {
			return err
		}
	}
	if err := os.Rename(stage, dir); err != nil {
		if old != "" {
			os.Rename(old, dir)
		}
		return err
	}
	if old != "" {
		return os.RemoveAll(old)
	}
	return nil
}

// writeProgram writes the program and its map for a bundler (Options.Program):
// each file whole or not at all, nothing else in the folder touched.
func writeProgram(ctx context.Context, o Options, p program, start time.Time) (*Result, error) {
	path := o.Program
	if !filepath.IsAbs(path) && o.Dir != "" {
		path = filepath.Join(o.Dir, path)
	}
	p.name = filepath.Base(path)
	a := newAssets(false)
	addProgram(a, o, p)
	addDeclarations(a, p)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	for _, n := range slices.Sorted(maps.Keys(a.files)) {
		if err := atomicfile.Write(filepath.Join(dir, n), a.files[n]); err != nil {
			return nil, err
		}
	}
	return &Result{OutDir: dir, ImportPath: p.pkg.ImportPath, GoVersion: wasmbin.GoVersion(p.wasm), Entry: a.entry, Files: describe(a.files, nil), Duration: time.Since(start)}, nil
}
