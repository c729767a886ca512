package dist

import (
	"testing"
)

func TestCheckBase(t *testing.T) {
	for in, want := range map[string]string{
		"":                        "",
		"https://cdn.example.com": "https://cdn.example.com/",
		"http://127.0.0.1:8/app/": "http://127.0.0.1:8/app/",
		"/static":                 "/static/",
	} {
		if got, err := checkBase(in); err != nil || got != want {
			t.Errorf("checkBase(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"cdn.example.com", "ftp://x/", "https://", "static/", "https://x/?v=1", "//cdn.example.com/"} {
		if _, err := checkBase(in); err == nil {
			t.Errorf("checkBase(%q) accepted", in)
		}
	}
}
