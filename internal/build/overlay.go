package build

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/buildwasm/buildwasm/shim/patch"
)

// syscallOverlay patches the syscall/js of the toolchain go build will use
// and returns the go flags with an -overlay that applies the patch, merged
// with the user's own -overlay if the flags had one.
func syscallOverlay(ctx context.Context, o Options, flags []string) ([]string, error) {
	cmd := goCommand(ctx, o, "env", "GOROOT")
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go env GOROOT: %w", err)
	}
	goroot := strings.TrimSpace(string(out))
	cache, err := os.UserCacheDir()
	if err != nil {
		cache = os.TempDir()
	}
	key := sha256.Sum256([]byte(goroot + "\x00" + patch.Version))
	dir := filepath.Join(cache, "buildwasm", "overlay", hex.EncodeToString(key[:8]))
	ov, err := patch.Write(goroot, dir)
	if err != nil {
		return nil, err
	}
	var rest []string
	for _, f := range flags {
		if user, ok := strings.CutPrefix(f, "-overlay="); ok {
			if err := ov.Merge(user); err != nil {
				return nil, err
			}
			continue
		}
		rest = append(rest, f)
	}
	js, err := json.Marshal(ov)
	if err != nil {
		return nil, err
	}
	// Named by content, so an unchanged build sees the same flags and go
	// build can skip the link.
	sum := sha256.Sum256(js)
	file := filepath.Join(dir, "overlay-"+hex.EncodeToString(sum[:8])+".json")
	if err := os.WriteFile(file, js, 0o644); err != nil {
		return nil, err
	}
	return append(rest, "-overlay="+file), nil
}
