package funcrelease_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/buildwasm/buildwasm/vet/funcrelease"
)

func TestAnalyzer(t *testing.T) {
	t.Setenv("GOOS", "js")
	t.Setenv("GOARCH", "wasm")
	testdata, _ := filepath.Abs("../testdata")
	analysistest.Run(t, testdata, funcrelease.Analyzer, "example.com/leak", "example.com/leakmain")
}
