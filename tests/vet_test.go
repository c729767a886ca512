package tests

import (
	"encoding/json"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/buildwasm/buildwasm/internal/vetrun"
)

// buildwasm vet -json prints go vet's JSON on stdout with every supported
// toolchain (Go 1.24 and 1.25 print theirs on stderr), and refuses one
// newer than the Go that built buildwasm.
func TestVetJSONCompat(t *testing.T) {
	for _, tc := range compatToolchains(t) {
		t.Run(tc, func(t *testing.T) {
			got := runIn(t, "../cmd/buildwasm/testdata/vet", []string{"GOTOOLCHAIN=" + tc, "GOWORK=off", "GOFLAGS=-mod=mod"}, buildwasmBin, "vet", "-json", "./...")
			if vetrun.CheckToolchain(tc, runtime.Version()) != nil {
				if got.code != 2 || !strings.Contains(got.stderr, "newer than "+runtime.Version()) {
					t.Errorf("exit %d, stderr %q: want a refusal naming both versions", got.code, got.stderr)
				}
				return
			}
			if got.code != 0 || got.stderr != "" {
				t.Fatalf("exit %d, stderr %q", got.code, got.stderr)
			}
			dec := json.NewDecoder(strings.NewReader(got.stdout))
			findings := map[string]int{}
			for dec.More() {
				var pkg map[string]map[string][]struct{ Posn, Message string }
				if err := dec.Decode(&pkg); err != nil {
					t.Fatalf("stdout %q: %v", got.stdout, err)
				}
				for _, analyzers := range pkg {
					for name, diags := range analyzers {
						findings[name] += len(diags)
					}
				}
			}
			if findings["funcrelease"] != 1 || findings["callbackblock"] != 1 {
				t.Errorf("findings %v in %s, want one of each analyzer", findings, got.stdout)
			}
		})
	}
}

// buildwasm-vet serves go vet as its vettool, with go vet's own output.
func TestVettoolBinary(t *testing.T) {
	tool := filepath.Join(t.TempDir(), "buildwasm-vet")
	if got := run(t, "", nil, "go", "build", "-o", tool, "../cmd/buildwasm-vet"); got.code != 0 {
		t.Fatalf("go build: %s", got.stderr)
	}
	env := []string{"GOOS=js", "GOARCH=wasm", "GOWORK=off", "GOFLAGS=-mod=mod"}
	got := runIn(t, "../cmd/buildwasm/testdata/vet", env, "go", "vet", "-vettool="+tool, "./...")
	if got.code != 1 || !strings.Contains(got.stderr, "leaks/leaks.go:10:39: the js.Func made here goes straight to JavaScript") || !strings.Contains(got.stderr, "leaks/leaks.go:11:3: callback blocks the page: time.Sleep") {
		t.Errorf("go vet -vettool=buildwasm-vet: exit %d\n%s", got.code, got.stderr)
	}
	if got := runIn(t, "../cmd/buildwasm/testdata/vet", env, "go", "vet", "-vettool="+tool, "./clean"); got.code != 0 {
		t.Errorf("go vet -vettool=buildwasm-vet ./clean: exit %d\n%s", got.code, got.stderr)
	}
}
