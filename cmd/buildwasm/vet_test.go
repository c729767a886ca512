package main

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// TestMain lets the test binary serve as go vet's vettool, as the
// buildwasm binary does for buildwasm vet.
func TestMain(m *testing.M) {
	runVettool()
	os.Exit(m.Run())
}

// inFixture runs the test in testdata/vet, a module of its own.
func inFixture(t *testing.T) {
	t.Setenv("GOWORK", "off")
	t.Setenv("GOFLAGS", "-mod=mod")
	t.Chdir("testdata/vet")
}

// Findings print as file:line:col: message and exit 1; testdata/vet/
// findings.golden holds them.
func TestVetFindings(t *testing.T) {
	inFixture(t)
	got := buildwasm(t, "vet", "./...")
	if got.code != 1 || got.stderr != "" {
		t.Fatalf("vet ./...: %+v, want exit 1 and findings on stdout", got)
	}
	if *update {
		if err := os.WriteFile("findings.golden", []byte(got.stdout), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile("findings.golden")
	if err != nil {
		t.Fatal(err)
	}
	if got.stdout != string(want) {
		t.Errorf("vet ./... printed\n%s\nwant (findings.golden)\n%s", got.stdout, want)
	}
}

func TestVetClean(t *testing.T) {
	inFixture(t)
	if got := buildwasm(t, "vet", "./clean"); got.code != 0 || got.stdout != "" || got.stderr != "" {
		t.Errorf("vet ./clean: %+v, want exit 0 and no output", got)
	}
}

// -json writes go vet's objects on stdout, one per package ({} for a
// clean one, as Go 1.26 prints them), and exits 0 with findings.
func TestVetJSON(t *testing.T) {
	inFixture(t)
	got := buildwasm(t, "vet", "-json", "./...")
	if got.code != 0 || got.stderr != "" {
		t.Fatalf("vet -json: %+v, want exit 0", got)
	}
	checkVetJSON(t, got.stdout)
}

// checkVetJSON checks vet -json's output on testdata/vet.
func checkVetJSON(t *testing.T, stdout string) {
	t.Helper()
	type diag struct{ Posn, End, Message string }
	dec := json.NewDecoder(strings.NewReader(stdout))
	objects := 0
	all := map[string]map[string][]diag{}
	for dec.More() {
		var pkg map[string]map[string][]diag
		if err := dec.Decode(&pkg); err != nil {
			t.Fatalf("vet -json printed %q: %v", stdout, err)
		}
		objects++
		for k, v := range pkg {
			all[k] = v
		}
	}
	leaks := all["example.com/vetfixture/leaks"]
	if objects != 3 || len(all) != 1 || len(leaks["funcrelease"]) != 1 || len(leaks["callbackblock"]) != 1 {
		t.Fatalf("vet -json printed %d objects: %+v, want {} and one finding of each analyzer in leaks", objects, all)
	}
	if p := leaks["funcrelease"][0].Posn; !filepath.IsAbs(p) || !strings.HasSuffix(p, "leaks.go:10:39") {
		t.Errorf("funcrelease posn %q, want the absolute leaks.go:10:39", p)
	}
}

// -tags reaches go vet: testdata/vet/tagged leaks only with vetextra.
func TestVetTags(t *testing.T) {
	inFixture(t)
	if got := buildwasm(t, "vet", "./tagged"); got.code != 0 || got.stdout != "" {
		t.Errorf("vet ./tagged: %+v, want exit 0 without the tag", got)
	}
	got := buildwasm(t, "vet", "-tags", "vetextra", "./tagged")
	if got.code != 1 || !strings.HasPrefix(got.stdout, "tagged/extra.go:8:2: the js.Func made here is discarded") {
		t.Errorf("vet -tags vetextra ./tagged: %+v, want the leak in extra.go", got)
	}
}

// Packages that do not load exit 2 with go's message; so does a usage
// mistake.
func TestVetErrors(t *testing.T) {
	inFixture(t)
	if got := buildwasm(t, "vet", "./nothing"); got.code != 2 || got.stdout != "" || !strings.Contains(got.stderr, "nothing") {
		t.Errorf("vet ./nothing: %+v, want exit 2 and go's error", got)
	}
	if got := buildwasm(t, "vet", ".", "-json"); got.code != 2 || !strings.Contains(got.stderr, "flags go before packages") {
		t.Errorf("vet . -json: %+v, want a usage error", got)
	}
}
