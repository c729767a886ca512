package exports

import (
	"os"
	"path/filepath"

	"github.com/buildwasm/buildwasm/internal/toolchain"
)

// Overlay finds the typed exports of pkgs (a build's packages of the main
// module) and returns goFlags with their wrappers added (-overlay), the
// exports, and the folder of the added files, "" if there are none, for
// the caller to remove once go has run.
func Overlay(goFlags []string, pkgs []toolchain.Package) (flags []string, funcs []Func, dir string, err error) {
	funcs, files, err := wrapperFiles(pkgs)
	if err != nil || len(files) == 0 {
		return goFlags, funcs, "", err
	}
	if dir, err = os.MkdirTemp("", "buildwasm-exports-"); err != nil {
		return nil, nil, "", err
	}
	if flags, err = toolchain.WithFiles(goFlags, files, dir); err != nil {
		os.RemoveAll(dir)
		return nil, nil, "", err
	}
	return flags, funcs, dir, nil
}

// wrapperFiles finds the typed exports of pkgs and makes the file of
// wrappers each package with some gets, by its path.
func wrapperFiles(pkgs []toolchain.Package) ([]Func, map[string][]byte, error) {
	funcs, err := Find(pkgs)
	if err != nil {
		return nil, nil, err
	}
	files := map[string][]byte{}
	for _, p := range pkgs {
		var own []Func
		for _, fn := range funcs {
			if fn.Package == p.ImportPath {
				own = append(own, fn)
			}
		}
		if len(own) == 0 {
			continue
		}
		src, err := Wrappers(p.ImportPath, p.Name, own)
		if err != nil {
			return nil, nil, err
		}
		files[filepath.Join(p.Dir, FileName)] = src
	}
	return funcs, files, nil
}
