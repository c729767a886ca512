package funcrelease_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/buildwasm/buildwasm/vet/funcrelease"
	"github.com/buildwasm/buildwasm/vet/internal/vettest"
)

func TestAnalyzer(t *testing.T) {
	analysistest.Run(t, vettest.Testdata(t), funcrelease.Analyzer, "example.com/leak", "example.com/leakmain", "example.com/listen")
}
