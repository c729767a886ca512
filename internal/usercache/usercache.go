// Package usercache finds buildwasm's folders in the user's cache: the
// patched toolchains, compiled programs, compressed files and the Node
// runner, which every build may reuse.
package usercache

import (
	"os"
	"path/filepath"
)

// Dir returns the folder name in buildwasm's part of the user's cache,
// made if missing. Without a user cache (no HOME, as in some containers)
// it lives in the temporary folder instead, where it still saves work for
// the life of the machine.
func Dir(name string) (string, error) {
	base, err := os.UserCacheDir()
	if err != nil {
		base = os.TempDir()
	}
	dir := filepath.Join(base, "buildwasm", name)
	return dir, os.MkdirAll(dir, 0o755)
}
