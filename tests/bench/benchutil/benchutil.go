// Package benchutil holds what the bench commands share: running commands,
// building buildwasm, medians.
package benchutil

import (
	"bytes"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
)

// WasmEnv makes go build for js/wasm.
var WasmEnv = []string{"GOOS=js", "GOARCH=wasm"}

// Run runs a command in dir ("" for here) with env added, and exits with
// its output if it fails.
func Run(env []string, dir, name string, args ...string) {
	cmd := exec.Command(name, args...)
	cmd.Env = append(os.Environ(), env...)
	cmd.Dir = dir
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		log.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out.Bytes())
	}
}

// Buildwasm builds this repository's buildwasm into dir and returns it.
func Buildwasm(dir string) string {
	bw := filepath.Join(dir, "buildwasm")
	Run(nil, "", "go", "build", "-o", bw, "./cmd/buildwasm")
	return bw
}

// Median is the middle value of xs.
func Median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[len(s)/2]
}

// Check exits on err.
func Check(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
