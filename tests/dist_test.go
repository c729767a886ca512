package tests

import (
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/buildwasm/buildwasm/internal/dist"
)

// distManifest is a dist's manifest.json.
type distManifest struct {
	Generator, Mode, Package, GoVersion, HashScheme string
	Entry                                           map[string]string
	Files                                           []dist.File
}

func readManifest(t testing.TB, dir string) distManifest {
	t.Helper()
	var m distManifest
	b, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err == nil {
		err = json.Unmarshal(b, &m)
	}
	if err != nil {
		t.Fatalf("reading the manifest of %s: %v", dir, err)
	}
	return m
}

// distFile is the path of the file that plays role ("wasm", "loader",
// "sourcemap"...) in a built dist.
func distFile(t testing.TB, dir, role string) string {
	t.Helper()
	name := readManifest(t, dir).Entry[role]
	if name == "" {
		t.Fatalf("%s has no %s", dir, role)
	}
	return filepath.Join(dir, name)
}

// distHandler serves a dist under its own names and also at the stable
// names of a dev build (loader.js, NAME.wasm), so tests of the loader can
// name files without reading the manifest in JavaScript.
func distHandler(t testing.TB, dir string) http.Handler {
	m := readManifest(t, dir)
	files := http.FileServer(http.Dir(dir))
	stable := map[string]string{"/loader.js": m.Entry["loader"], "/boot.js": m.Entry["boot"]}
	if w := m.Entry["wasm"]; w != "" {
		stem := w[:strings.IndexByte(w, '.')]
		stable["/"+stem+".wasm"] = w
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if name, ok := stable[r.URL.Path]; ok {
			r.URL.Path = "/" + name
		}
		files.ServeHTTP(w, r)
	})
}
