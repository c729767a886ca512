package dist

import (
	"testing"
)

func TestHashedNames(t *testing.T) {
	data := []byte("hello")
	// SHA-256 of "hello" starts 2cf24dba5fb0a30e.
	for name, want := range map[string]string{
		"app.wasm":     "app.2cf24dba5fb0a30e.wasm",
		"app.wasm.map": "app.wasm.2cf24dba5fb0a30e.map",
		"loader.js":    "loader.2cf24dba5fb0a30e.js",
	} {
		if got := hashedName(name, data); got != want {
			t.Errorf("hashedName(%q) = %q, want %q", name, got, want)
		}
		for _, n := range []string{want, want + ".br", want + ".gz"} {
			if !isHashed(n) {
				t.Errorf("isHashed(%q) = false", n)
			}
		}
	}
	for _, name := range []string{"index.html", "manifest.json", "app.wasm", "app.wasm.map", "x.2CF24DBA5FB0A30E.js", "x.2cf24dba5fb0a30.js", "_headers"} {
		if isHashed(name) {
			t.Errorf("isHashed(%q) = true", name)
		}
	}
}
