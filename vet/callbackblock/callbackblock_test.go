package callbackblock_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/buildwasm/buildwasm/vet/callbackblock"
)

func testdata(t *testing.T) string {
	t.Setenv("GOOS", "js")
	t.Setenv("GOARCH", "wasm")
	dir, err := filepath.Abs("../testdata")
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestAnalyzer(t *testing.T) {
	analysistest.Run(t, testdata(t), callbackblock.Analyzer, "example.com/block", "example.com/helpers")
}

// The fix moves a callback's body into a goroutine when every return is
// "return nil"; fix.go.golden is the result.
func TestSuggestedFix(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata(t), callbackblock.Analyzer, "example.com/blockfix")
}
