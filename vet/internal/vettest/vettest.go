// Package vettest holds what the analyzers' tests share: their testdata
// folder, set up for analysistest on js/wasm.
package vettest

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// Testdata returns vet/testdata for analysistest, with GOOS=js GOARCH=wasm
// for the test. It opens every file under it, so that go test's cache,
// which does not see the files go list reads, reruns the test when one
// changes.
func Testdata(t *testing.T) string {
	t.Helper()
	t.Setenv("GOOS", "js")
	t.Setenv("GOARCH", "wasm")
	dir, err := filepath.Abs("../testdata")
	if err != nil {
		t.Fatal(err)
	}
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			_, err = os.ReadFile(path)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir
}
