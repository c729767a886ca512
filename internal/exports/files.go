package exports

import (
	"path/filepath"

	"github.com/buildwasm/buildwasm/internal/toolchain"
)

// Files finds the typed exports of pkgs (a build's packages of the main
// module) and makes the file of wrappers each package with some gets, by
// its path: the files a build adds with toolchain.WithFiles.
func Files(pkgs []toolchain.Package) ([]Func, map[string][]byte, error) {
	list := make([]Package, len(pkgs))
	for i, p := range pkgs {
		list[i] = Package{ImportPath: p.ImportPath, Name: p.Name, Dir: p.Dir, GoFiles: p.GoFiles}
	}
	funcs, err := Find(list)
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
