package tests

import (
	"encoding/json"
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
