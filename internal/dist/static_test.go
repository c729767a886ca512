package dist

import (
	"strings"
	"testing"
)

// A static file may take no name the build writes, also those it writes
// after adding the static files (a PWA's public/manifest.json was silently
// replaced by buildwasm's manifest before).
func TestStaticClashes(t *testing.T) {
	for name, want := range map[string]string{
		"index.html":      "clashes with the index.html buildwasm writes",
		"manifest.json":   "clashes with the manifest.json buildwasm writes",
		"_headers":        "clashes with the _headers buildwasm writes",
		"nginx.conf/x":    "needs a folder nginx.conf",
		"index.html/page": "needs a folder index.html",
	} {
		a := newAssets(false)
		a.files["index.html"] = []byte("page")
		err := static{dir: "/p", files: map[string][]byte{name: nil}}.addTo(a)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("static %s: %v, want %q", name, err, want)
		}
	}
	a := newAssets(false)
	if err := (static{dir: "/p", files: map[string][]byte{"app.webmanifest": []byte("{}"), "img/logo.png": nil}}).addTo(a); err != nil || len(a.files) != 2 {
		t.Errorf("files of their own: %v, %v", err, a.files)
	}
}
