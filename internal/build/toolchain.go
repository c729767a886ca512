package build

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/buildwasm/buildwasm/internal/jspatch"
)

// toolchain is the go command a build runs.
type toolchain struct {
	goBin  string // "go", or the patched toolchain's bin/go
	goroot string // set with GOTOOLCHAIN=local for the patched toolchain
}

// patchedToolchain finds the toolchain go would use here (GOTOOLCHAIN and
// go.mod's toolchain line included) and returns a copy of it with
// syscall/js patched, made once per toolchain (and leak mode) in the
// user's cache.
func patchedToolchain(ctx context.Context, o Options) (toolchain, error) {
	out, err := goCommand(ctx, o, toolchain{goBin: "go"}, "env", "GOROOT").Output()
	if err != nil {
		return toolchain{}, fmt.Errorf("go env GOROOT: %w", err)
	}
	goroot := strings.TrimSpace(string(out))
	cache, err := os.UserCacheDir()
	if err != nil {
		cache = os.TempDir()
	}
	leaks := o.Dev || o.Leaks
	key := sha256.Sum256([]byte(fmt.Sprint(goroot, "\x00", jspatch.Version, "\x00", leaks)))
	dir, err := jspatch.Toolchain(goroot, filepath.Join(cache, "buildwasm", "goroot", hex.EncodeToString(key[:8])), leaks)
	if err != nil {
		return toolchain{}, err
	}
	return toolchain{goBin: filepath.Join(dir, "bin", "go"), goroot: dir}, nil
}

// Go returns the go command of the patched toolchain for dir (where go.mod
// and GOTOOLCHAIN decide the version), and the environment to run it with
// for js/wasm: other commands (buildwasm test) run it as go build does.
func Go(ctx context.Context, dir string, leaks bool) (goBin string, env []string, err error) {
	tc, err := patchedToolchain(ctx, Options{Dir: dir, Leaks: leaks})
	if err != nil {
		return "", nil, err
	}
	return tc.goBin, goCommand(ctx, Options{Dir: dir}, tc).Env, nil
}
