// Package atomicfile replaces files whole: a reader (a bundler's watcher, a
// server, a concurrent buildwasm) sees the old file or the new one, never
// half of one.
package atomicfile

import (
	"os"
	"path/filepath"
)

// Write replaces path with data through a temporary file beside it. An
// existing file keeps its mode; a new one gets 0644.
func Write(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // after a successful rename, there is none
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	mode := os.FileMode(0o644)
	if info, err := os.Stat(path); err == nil {
		mode = info.Mode()
	}
	if err := os.Chmod(tmp.Name(), mode); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
