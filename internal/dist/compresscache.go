package dist

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"time"

	"github.com/buildwasm/buildwasm/internal/atomicfile"
	"github.com/buildwasm/buildwasm/internal/usercache"
)

// compressCache is a folder of compressed files named by the SHA-256 of
// what was compressed, the encoding and the level: a rebuild whose program
// did not change takes its .br and .gz from here instead of compressing
// 10 MB again (seconds at brotli 9). "" keeps nothing. Entries unused for
// cacheLifetime are removed by later builds.
type compressCache string

const cacheLifetime = 30 * 24 * time.Hour

// cacheVersion names the compressors, Go's gzip and the brotli module's
// version: a new one may compress differently, and outputs must stay what
// a build makes now.
var cacheVersion = runtime.Version() + "-brotli" + moduleVersion("github.com/andybalholm/brotli")

// moduleVersion is the version of the module at path that buildwasm was
// built with, "unknown" if its build info does not say.
func moduleVersion(path string) string {
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, dep := range info.Deps {
			if dep.Path == path {
				return dep.Version
			}
		}
	}
	return "unknown"
}

// path is the entry of data compressed with enc at level; "" for no cache.
func (c compressCache) path(data []byte, enc string, level int) string {
	if c == "" {
		return ""
	}
	sum := sha256.Sum256(data)
	return filepath.Join(string(c), hex.EncodeToString(sum[:])+"-"+cacheVersion+"-"+strconv.Itoa(level)+"."+enc)
}

// get returns the result cached at entry p, or nil.
func (c compressCache) get(p string) []byte {
	if p == "" {
		return nil
	}
	b, err := os.ReadFile(p)
	if err != nil || len(b) == 0 { // nothing compresses to nothing
		return nil
	}
	now := time.Now()
	os.Chtimes(p, now, now) // still in use
	return b
}

// put stores a result; a cache that cannot be written is no error, the
// next build compresses again.
func (c compressCache) put(p string, compressed []byte) {
	if p != "" {
		atomicfile.Write(p, compressed)
	}
}

// prune removes entries unused for cacheLifetime.
func (c compressCache) prune() {
	entries, _ := os.ReadDir(string(c))
	for _, e := range entries {
		if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > cacheLifetime {
			os.Remove(filepath.Join(string(c), e.Name()))
		}
	}
}

// userCompressCache is the cache in the user's cache folder, pruned.
func userCompressCache() compressCache {
	dir, err := usercache.Dir("compressed")
	if err != nil {
		return ""
	}
	c := compressCache(dir)
	c.prune()
	return c
}
