package dist

import (
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/buildwasm/buildwasm/internal/toolchain"
)

// DefaultPublic is the folder next to the main package whose files a build
// ships as they are (Vite's and Trunk's public/): names kept, not hashed,
// revalidated on every visit.
const DefaultPublic = "public"

// NoPublic, as Options.Public, ships no static files.
const NoPublic = "-"

// static is the folder of static files a build ships and what it holds,
// named by slash path from the folder.
type static struct {
	dir   string // absolute; "" for none
	files map[string][]byte
}

// readStatic reads the static folder of o and pkg: see publicDir.
func readStatic(o Options, pkg toolchain.Package) (static, error) {
	dir, err := publicDir(o, pkg)
	if err != nil || dir == "" {
		return static{}, err
	}
	files, err := staticFiles(dir)
	return static{dir, files}, err
}

// names are the static files' names, sorted.
func (s static) names() []string {
	return slices.Sorted(maps.Keys(s.files))
}

// has says whether name, or the file it is a compressed sibling of, is a
// static file.
func (s static) has(name string) bool {
	_, original := s.files[name]
	_, sibling := s.files[originalOf(name)]
	return original || sibling
}

// publicDir is the folder of static files for pkg: Options.Public, or
// public/ next to the package if there is one; "" for none.
func publicDir(o Options, pkg toolchain.Package) (string, error) {
	switch o.Public {
	case NoPublic:
		return "", nil
	case "":
		dir := filepath.Join(pkg.Dir, DefaultPublic)
		if info, err := os.Stat(dir); err == nil && info.IsDir() {
			return dir, nil
		}
		return "", nil
	}
	dir, err := filepath.Abs(o.Public)
	if !filepath.IsAbs(o.Public) && o.Dir != "" {
		dir, err = filepath.Abs(filepath.Join(o.Dir, o.Public))
	}
	if err != nil {
		return "", err
	}
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		return "", fmt.Errorf("static folder %s: no such directory", o.Public)
	}
	return dir, nil
}

// staticFiles reads every file below dir, named by its slash path from dir.
func staticFiles(dir string) (map[string][]byte, error) {
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		files[filepath.ToSlash(rel)], err = os.ReadFile(p)
		return err
	})
	return files, err
}

// addTo adds the static files to the build's. A name the build writes
// itself is an error naming both: neither may silently win.
func (s static) addTo(a *assets) error {
	files, dir := a.files, s.dir
	taken := slices.Concat(slices.Collect(maps.Keys(files)), writtenLater)
	for _, name := range s.names() {
		for _, top := range taken {
			switch {
			case name == top:
				return fmt.Errorf("%s clashes with the %s buildwasm writes: rename or remove it", filepath.Join(dir, filepath.FromSlash(name)), name)
			case strings.HasPrefix(name, top+"/"):
				return fmt.Errorf("%s needs a folder %s, a file buildwasm writes", filepath.Join(dir, filepath.FromSlash(name)), top)
			}
		}
		files[name] = s.files[name]
	}
	return nil
}

// writtenLater are the files a build writes after the static files are
// added, whose names a static file must not take either.
var writtenLater = []string{"_headers", "nginx.conf", "manifest.json"}

// checkSiblings refuses a static file named like a compressed sibling the
// build makes (public/data.json.gz beside public/data.json).
func (s static) checkSiblings(siblings map[string][]byte) error {
	for name := range siblings {
		if _, ok := s.files[name]; ok {
			return fmt.Errorf("%s clashes with the compressed sibling buildwasm makes of %s: remove it", filepath.Join(s.dir, filepath.FromSlash(name)), originalOf(name))
		}
	}
	return nil
}

// mimeTypes are the types buildwasm's outputs and common static files are
// served with, by extension: the dev server's, and nginx.conf's types
// block (which replaces nginx's own table, so it must list them all).
// Fixed here rather than read from the system, whose table varies by
// machine and may lack application/wasm.
var mimeTypes = map[string]string{
	".html": "text/html", ".css": "text/css", ".js": "text/javascript", ".mjs": "text/javascript",
	".json": "application/json", ".map": "application/json", ".webmanifest": "application/manifest+json",
	".wasm": "application/wasm", ".txt": "text/plain", ".csv": "text/csv", ".xml": "application/xml",
	".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
	".gif": "image/gif", ".webp": "image/webp", ".avif": "image/avif", ".ico": "image/x-icon",
	".woff": "font/woff", ".woff2": "font/woff2", ".ttf": "font/ttf", ".otf": "font/otf",
	".mp3": "audio/mpeg", ".ogg": "audio/ogg", ".wav": "audio/wav", ".mp4": "video/mp4", ".webm": "video/webm",
	".pdf": "application/pdf",
}

// ContentType is the Content-Type to serve name with.
func ContentType(name string) string {
	t, ok := mimeTypes[strings.ToLower(path.Ext(name))]
	switch {
	case !ok:
		return "application/octet-stream"
	case strings.HasPrefix(t, "text/"):
		return t + "; charset=utf-8"
	}
	return t
}
