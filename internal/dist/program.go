package dist

import (
	"context"
	"os"
	"path/filepath"

	"github.com/buildwasm/buildwasm/internal/exports"
	"github.com/buildwasm/buildwasm/internal/toolchain"
)

// program is the compiled program and where it came from.
type program struct {
	pkg  toolchain.Package
	wasm []byte
	// name is the program's file name: the package directory's name, as
	// go build names binaries.
	name string
	// goroot is the toolchain's, where a dev map reads standard library
	// sources.
	goroot string
	// exports are its typed exports (//buildwasm:export).
	exports []exports.Func
}

// compile builds the package with the patched toolchain (leak tracking in
// dev builds and with -leaks), with the wrappers of its typed exports.
func compile(ctx context.Context, o Options) (program, error) {
	g, err := toolchain.Patched(ctx, o.Dir, o.Dev || o.Leaks, o.Progress)
	if err != nil {
		return program{}, err
	}
	if g.TempDir, err = toolchain.TempDir(o.GoFlags); err != nil {
		return program{}, err
	}
	defer os.RemoveAll(g.TempDir) // "" with -work: nothing to remove
	t := toolchain.Target{Dir: o.Dir, Package: o.Package, GoFlags: o.GoFlags, Trimpath: !o.Dev}
	pkg, local, err := g.List(ctx, t)
	if err != nil {
		return program{}, err
	}
	var funcs []exports.Func
	var added string
	if t.GoFlags, funcs, added, err = exports.Overlay(t.GoFlags, local); err != nil {
		return program{}, err
	}
	defer os.RemoveAll(added) // "" without typed exports: nothing to remove
	wasm, err := g.Compile(ctx, t, o.Stderr)
	return program{pkg, wasm, filepath.Base(pkg.Dir) + ".wasm", g.GOROOT, funcs}, err
}
