// Package devserver is buildwasm serve: it builds a package in dev mode,
// serves the output as a static host would (MIME types, precompressed
// siblings, caching headers), rebuilds when sources change and tells open
// pages to reload, or shows them the compiler's errors.
package devserver

import (
	"errors"
	"io/fs"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/buildwasm/buildwasm/internal/dist"
)

// fileServer serves the files of one folder. It refuses any path that
// leaves the folder, by .. or through a symlink, and answers each file
// with its compressed sibling when the client accepts it.
type fileServer struct {
	root string // absolute, symlinks resolved
}

func newFileServer(dir string) (*fileServer, error) {
	root, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return nil, err
	}
	root, err = filepath.Abs(root)
	return &fileServer{root}, err
}

// errOutside means a request named a file outside the served folder.
var errOutside = errors.New("outside the served folder")

// resolve maps a URL path to a regular file inside the root.
func (s *fileServer) resolve(urlPath string) (string, os.FileInfo, error) {
	for _, seg := range strings.Split(urlPath, "/") {
		if seg == ".." || strings.ContainsRune(seg, '\\') || strings.ContainsRune(seg, 0) {
			return "", nil, errOutside
		}
	}
	name := path.Clean("/" + urlPath)
	if strings.HasSuffix(urlPath, "/") {
		name = path.Join(name, "index.html")
	}
	full := filepath.Join(s.root, filepath.FromSlash(name))
	real, err := filepath.EvalSymlinks(full)
	if err != nil {
		return "", nil, err
	}
	if rel, err := filepath.Rel(s.root, real); err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", nil, errOutside
	}
	info, err := os.Stat(real)
	if err != nil {
		return "", nil, err
	}
	if !info.Mode().IsRegular() {
		return "", nil, fs.ErrNotExist
	}
	return real, info, nil
}

// encodings are the precompressed siblings, in order of preference.
var encodings = []struct{ token, suffix string }{{"br", ".br"}, {"gzip", ".gz"}}

// accepts reports whether an Accept-Encoding header allows coding.
func accepts(header, coding string) bool {
	for _, part := range strings.Split(header, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if !strings.EqualFold(strings.TrimSpace(name), coding) && strings.TrimSpace(name) != "*" {
			continue
		}
		if q, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok {
			if v, err := strconv.ParseFloat(q, 64); err == nil && v == 0 {
				return false
			}
		}
		return true
	}
	return false
}

func (s *fileServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	file, info, err := s.resolve(r.URL.Path)
	switch {
	case errors.Is(err, errOutside):
		http.Error(w, "forbidden: the path leaves the served folder", http.StatusForbidden)
		return
	case err != nil:
		http.NotFound(w, r)
		return
	}
	h := w.Header()
	h.Set("Content-Type", dist.ContentType(file))
	h.Set("X-Content-Type-Options", "nosniff")
	// Dev builds keep stable names, so every response is revalidated;
	// Last-Modified makes that a cheap 304.
	h.Set("Cache-Control", "no-cache")
	for _, enc := range encodings {
		sibling, err := os.Stat(file + enc.suffix)
		if err != nil || !sibling.Mode().IsRegular() {
			continue
		}
		h.Set("Vary", "Accept-Encoding")
		if accepts(r.Header.Get("Accept-Encoding"), enc.token) {
			h.Set("Content-Encoding", enc.token)
			file, info = file+enc.suffix, sibling
			break
		}
	}
	f, err := os.Open(file)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	defer f.Close()
	http.ServeContent(w, r, "", info.ModTime(), f)
}
