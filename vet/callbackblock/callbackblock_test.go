package callbackblock_test

import (
	"io/fs"
	"os"
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
	readAll(t, dir)
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
