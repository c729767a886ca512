package vetrun

import (
	"bytes"
	"os"
	"reflect"
	"strings"
	"testing"
)

// testdata/ holds what go vet -json printed with buildwasm as vettool on
// cmd/buildwasm/testdata/vet: Go 1.26 on stdout, Go 1.24 on stderr after
// "# package" lines. Both read the same.
func TestParseBothShapes(t *testing.T) {
	stdout, err := os.ReadFile("testdata/go1.26.stdout")
	if err != nil {
		t.Fatal(err)
	}
	stderr, err := os.ReadFile("testdata/go1.24.stderr")
	if err != nil {
		t.Fatal(err)
	}
	new, err := Parse(stdout, nil)
	if err != nil {
		t.Fatal(err)
	}
	old, err := Parse(nil, stderr)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(new, old) {
		t.Errorf("Go 1.26's output reads\n%+v\nGo 1.24's\n%+v", new, old)
	}
	if len(new.Objects) != 2 || string(new.Objects[0]) != "{}" || len(new.Errors) != 0 {
		t.Errorf("objects %q, errors %q: want {} and the leaks package, no errors", new.Objects, new.Errors)
	}
	want := []string{
		"/src/fixture/leaks/leaks.go:10:39 funcrelease",
		"/src/fixture/leaks/leaks.go:11:3 callbackblock",
	}
	var got []string
	for _, f := range new.Findings {
		if f.Package != "example.com/vetfixture/leaks" || f.Message == "" || f.End == "" {
			t.Errorf("finding %+v", f)
		}
		got = append(got, f.Posn+" "+f.Analyzer)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("findings %q, want %q in file order", got, want)
	}
	// Re-printed objects are the same JSON, byte for byte.
	var joined bytes.Buffer
	for _, o := range new.Objects {
		joined.Write(o)
		joined.WriteByte('\n')
	}
	if joined.String() != string(stdout) {
		t.Errorf("objects reprint as\n%s\nwant\n%s", joined.String(), stdout)
	}
}

func TestParseErrors(t *testing.T) {
	out, err := Parse([]byte(`{"p": {"funcrelease": {"error": "boom"}}}`), nil)
	if err != nil || !reflect.DeepEqual(out.Errors, []string{"p: funcrelease: boom"}) {
		t.Errorf("analyzer error: %+v, %v", out, err)
	}
	if _, err := Parse([]byte("not json"), nil); err == nil {
		t.Error("garbage parsed")
	}
}

func TestCheckToolchain(t *testing.T) {
	for _, c := range []struct {
		theirs, ours string
		refused      bool
	}{
		{"go1.26.8", "go1.26.8", false},
		{"go1.26.9", "go1.26.8", false}, // a patch release keeps the export format
		{"go1.24.13", "go1.26.8", false},
		{"go1.27.3", "go1.26.8", true},
		{"go1.27rc1", "go1.26.8", true},
		{"devel go1.28-abcdef", "go1.26.8", false},
		{"go1.27.0", "devel +abc", false},
	} {
		err := CheckToolchain(c.theirs, c.ours)
		if (err != nil) != c.refused {
			t.Errorf("CheckToolchain(%q, %q) = %v, want refused %v", c.theirs, c.ours, err, c.refused)
		}
		if err != nil && !strings.Contains(err.Error(), "GOTOOLCHAIN="+c.ours) {
			t.Errorf("refusal %q does not say how to go on", err)
		}
	}
}
