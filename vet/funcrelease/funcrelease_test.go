package funcrelease_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/buildwasm/buildwasm/vet/funcrelease"
)

func TestAnalyzer(t *testing.T) {
	t.Setenv("GOOS", "js")
	t.Setenv("GOARCH", "wasm")
	testdata, err := filepath.Abs("../testdata")
	if err != nil {
		t.Fatal(err)
	}
	readAll(t, testdata)
	analysistest.Run(t, testdata, funcrelease.Analyzer, "example.com/leak", "example.com/leakmain", "example.com/listen")
}

// readAll opens every file under dir, so that go test's cache, which
// does not see the files go list reads, reruns the test when one changes.
func readAll(t *testing.T, dir string) {
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			_, err = os.ReadFile(path)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}
