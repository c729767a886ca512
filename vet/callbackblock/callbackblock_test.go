package callbackblock_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/buildwasm/buildwasm/vet/callbackblock"
	"github.com/buildwasm/buildwasm/vet/internal/vettest"
)

func TestAnalyzer(t *testing.T) {
	analysistest.Run(t, vettest.Testdata(t), callbackblock.Analyzer, "example.com/block", "example.com/helpers")
}

// The fix moves a callback's body into a goroutine when every return is
// "return nil"; fix.go.golden is the result.
func TestSuggestedFix(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, vettest.Testdata(t), callbackblock.Analyzer, "example.com/blockfix")
}
