package devserver

import (
	"errors"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestAccepts(t *testing.T) {
	for _, c := range []struct {
		header, coding string
		want           bool
	}{
		{"gzip, deflate, br", "br", true},
		{"gzip, deflate, br;q=0", "br", false},
		{"BR;q=0.5", "br", true},
		{"gzip", "br", false},
		{"*", "br", true},
		{"", "gzip", false},
		{"gzip;q=0, *", "gzip", false},
	} {
		if got := accepts(c.header, c.coding); got != c.want {
			t.Errorf("accepts(%q, %q) = %v", c.header, c.coding, got)
		}
	}
}

func TestResolveStaysInside(t *testing.T) {
	base := t.TempDir()
	root := filepath.Join(base, "dist")
	os.MkdirAll(filepath.Join(root, "sub"), 0o755)
	os.WriteFile(filepath.Join(root, "index.html"), []byte("page"), 0o644)
	os.WriteFile(filepath.Join(root, "sub", "a.js"), []byte("a"), 0o644)
	os.WriteFile(filepath.Join(base, "secret"), []byte("secret"), 0o644)
	os.Symlink(filepath.Join(base, "secret"), filepath.Join(root, "out"))
	os.Symlink(filepath.Join(root, "sub", "a.js"), filepath.Join(root, "in"))
	os.Symlink(base, filepath.Join(root, "updir"))
	s, err := newFileServer(root)
	if err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]error{
		"/":               nil,
		"/sub/a.js":       nil,
		"/in":             nil,
		"/../secret":      errOutside,
		"/sub/../../x":    errOutside,
		"/out":            errOutside,
		"/updir/secret":   errOutside,
		"/sub\\..\\x":     errOutside,
		"/sub":            os.ErrNotExist,
		"/nothing.wasm":   os.ErrNotExist,
		"/index.html\x00": errOutside,
	} {
		_, _, err := s.resolve(path)
		if !errors.Is(err, want) && !(want == nil && err == nil) {
			t.Errorf("resolve(%q) = %v, want %v", path, err, want)
		}
	}
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest("POST", "/", nil))
	if rec.Code != 405 {
		t.Errorf("POST: %d, want 405", rec.Code)
	}
}

func TestStampsSeeSourceChanges(t *testing.T) {
	root := t.TempDir()
	builds := filepath.Join(root, "builds")
	for _, dir := range []string{"pkg", ".git", "node_modules", "builds"} {
		os.MkdirAll(filepath.Join(root, dir), 0o755)
	}
	write := func(name, text string) { os.WriteFile(filepath.Join(root, name), []byte(text), 0o644) }
	write("go.mod", "module x\n")
	write("pkg/main.go", "package main\n")
	public := filepath.Join(root, "pkg", "public")
	before := stamps(root, builds, public)
	os.MkdirAll(filepath.Join(root, "server", "public"), 0o755)
	for _, name := range []string{".git/x.go", "node_modules/y.go", "builds/z.go", "pkg/notes.txt", "pkg/main_test.go", "server/public/site.css"} {
		write(name, "ignored")
	}
	if !equalStamps(before, stamps(root, builds, public)) {
		t.Errorf("files outside the sources changed the stamps: %v", stamps(root, builds, public))
	}
	os.MkdirAll(filepath.Join(public, ".well-known"), 0o755)
	for _, name := range []string{"pkg/main.go", "pkg/index.html", "go.sum", "pkg/public/data.json", "pkg/public/.well-known/x.txt"} {
		prev := stamps(root, builds, public)
		time.Sleep(10 * time.Millisecond)
		write(name, "changed "+name)
		if equalStamps(prev, stamps(root, builds, public)) {
			t.Errorf("a change to %s went unseen", name)
		}
	}
}

// Whatever the request path, the file served lies inside the folder.
func FuzzResolve(f *testing.F) {
	base := f.TempDir()
	root := filepath.Join(base, "dist")
	os.MkdirAll(filepath.Join(root, "sub"), 0o755)
	os.WriteFile(filepath.Join(root, "index.html"), []byte("page"), 0o644)
	os.WriteFile(filepath.Join(base, "secret"), []byte("secret"), 0o644)
	os.Symlink(filepath.Join(base, "secret"), filepath.Join(root, "out"))
	s, err := newFileServer(root)
	if err != nil {
		f.Fatal(err)
	}
	for _, p := range []string{"/", "/index.html", "/../secret", "/out", "/sub/../index.html", "//x", "/%2e%2e/secret", "/sub\\..\\..\\secret"} {
		f.Add(p)
	}
	f.Fuzz(func(t *testing.T, urlPath string) {
		file, _, err := s.resolve(urlPath)
		if err != nil {
			return
		}
		if rel, err := filepath.Rel(s.root, file); err != nil || rel == ".." || len(rel) > 2 && rel[:3] == "../" {
			t.Fatalf("%q resolved to %s, outside %s", urlPath, file, s.root)
		}
	})
}

func FuzzAccepts(f *testing.F) {
	for _, h := range []string{"gzip, deflate, br", "br;q=0", "*;q=0.5", ";;,", "gzip;q=", ""} {
		f.Add(h)
	}
	f.Fuzz(func(t *testing.T, header string) {
		accepts(header, "br")
		accepts(header, "gzip")
	})
}
