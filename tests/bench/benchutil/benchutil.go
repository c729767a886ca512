// Package benchutil holds what the bench commands share: running commands,
// building buildwasm, medians.
package benchutil

import (
	"bytes"
	"encoding/json"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"

	"github.com/buildwasm/buildwasm/internal/chromium"
	"github.com/buildwasm/buildwasm/internal/testenv"
	"github.com/buildwasm/buildwasm/loader"
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

// Setup prepares a bench command: a temporary folder (removed by done) with
// this repository's buildwasm built into it.
func Setup() (tmp, buildwasm string, done func()) {
	log.SetFlags(0)
	tmp, err := os.MkdirTemp("", "buildwasm-bench-")
	Check(err)
	buildwasm = filepath.Join(tmp, "buildwasm")
	Run(nil, "", "go", "build", "-o", buildwasm, "./cmd/buildwasm")
	return tmp, buildwasm, func() { os.RemoveAll(tmp) }
}

// WriteLoader writes the minified loader to dir as loader.mjs, for Node
// scripts that import it.
func WriteLoader(dir string) {
	js, err := loader.Bundle(loader.Module, loader.Options{Minify: true})
	Check(err)
	Check(os.WriteFile(filepath.Join(dir, "loader.mjs"), js, 0o644))
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

// StockBuild writes the stock setup of pkg into dir: `go build -trimpath`
// as main.wasm, and the toolchain's own wasm_exec.js beside it.
func StockBuild(dir, pkg string) {
	Check(os.MkdirAll(dir, 0o755))
	Run(WasmEnv, "", "go", "build", "-trimpath", "-o", filepath.Join(dir, "main.wasm"), pkg)
	goroot, err := testenv.GOROOT("")
	Check(err)
	js, err := os.ReadFile(testenv.StockLoader(goroot))
	Check(err)
	Check(os.WriteFile(filepath.Join(dir, "wasm_exec.js"), js, 0o644))
}

// ChromiumVersion is what the tests' Chromium says of itself.
func ChromiumVersion() string {
	path, err := chromium.Path()
	Check(err)
	out, err := exec.Command(path, "--version").Output()
	Check(err)
	return strings.TrimSpace(string(out))
}

// DistFile is the path of the file that plays role ("wasm", "loader"...)
// in a dist that buildwasm build wrote, read from its manifest: release
// builds name their files by content.
func DistFile(dist, role string) string {
	b, err := os.ReadFile(filepath.Join(dist, "manifest.json"))
	Check(err)
	var m struct{ Entry map[string]string }
	Check(json.Unmarshal(b, &m))
	if m.Entry[role] == "" {
		log.Fatalf("%s has no %s", dist, role)
	}
	return filepath.Join(dist, m.Entry[role])
}
