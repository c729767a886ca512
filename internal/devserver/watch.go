package devserver

import (
	"cmp"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/buildwasm/buildwasm/internal/dist"
)

// sourceRoot is the folder to watch: the module holding the package (the
// nearest go.mod above it), or the package's folder outside any module.
func sourceRoot(o dist.Options) (string, error) {
	dir := cmp.Or(o.Dir, ".")
	switch pkg := o.Package; {
	case filepath.IsAbs(pkg):
		dir = pkg
	case pkg == "." || strings.HasPrefix(pkg, "./") || strings.HasPrefix(pkg, "../"):
		dir = filepath.Join(dir, pkg)
	}
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	if _, err := os.Stat(dir); err != nil {
		return "", err
	}
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d, nil
		}
		if filepath.Dir(d) == d {
			return dir, nil
		}
	}
}

type stamp struct {
	size int64
	mod  time.Time
}

// stamps lists the files a build reads: Go sources (not tests), module
// files and page templates, skipping hidden folders, testdata, node_modules
// and skip (the builds), and every file of public, the static folder the
// last build shipped (or "").
func stamps(root, skip, public string) map[string]stamp {
	out := map[string]stamp{}
	inPublic := func(path string) bool {
		return public != "" && (path == public || strings.HasPrefix(path, public+string(filepath.Separator)))
	}
	filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // a file removed while walking
		}
		name := d.Name()
		if d.IsDir() {
			if path != root && !inPublic(path) && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") || name == "node_modules" || name == "testdata" || path == skip) {
				return filepath.SkipDir
			}
			return nil
		}
		switch ext := filepath.Ext(name); {
		case inPublic(path):
		case strings.HasSuffix(name, "_test.go"):
			return nil // tests are not part of the program
		case ext != ".go" && ext != ".mod" && ext != ".sum" && ext != ".work" && ext != ".html" && ext != ".s":
			return nil
		}
		if info, err := d.Info(); err == nil {
			out[path] = stamp{info.Size(), info.ModTime()}
		}
		return nil
	})
	return out
}

func equalStamps(a, b map[string]stamp) bool {
	return maps.EqualFunc(a, b, func(x, y stamp) bool { return x.size == y.size && x.mod.Equal(y.mod) })
}
