package tests

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// buildDist runs buildwasm build with args and fails the test unless it
// succeeds; it returns the output folder.
func buildDist(t *testing.T, out string, args ...string) string {
	t.Helper()
	got := run(t, "", nil, append([]string{buildwasmBin, "build", "-o", out}, args...)...)
	if got.code != 0 {
		t.Fatalf("buildwasm build %v: exit %d\n%s%s", args, got.code, got.stdout, got.stderr)
	}
	return out
}

// helloDist is a release build of examples/hello, made once per run.
var helloDist = sync.OnceValues(func() (string, error) {
	dir := filepath.Join(tmpRoot, "hello-dist")
	res := runQuiet(buildwasmBin, "build", "-o", dir, "../examples/hello")
	if res.err != nil {
		return "", res.err
	}
	return dir, nil
})

func hello(t *testing.T) string {
	t.Helper()
	dir, err := helloDist()
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// snapshot reads every file of dir, to tell whether a failed build touched it.
func snapshot(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		files[e.Name()] = b
	}
	return files
}

func TestBuildOutput(t *testing.T) {
	dir := hello(t)
	var m struct {
		Generator, Mode, Package, GoVersion string
		Entry                               map[string]string
		Files                               []struct {
			Name string
			Size int
		}
	}
	b, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	if m.Mode != "release" || m.Package != "github.com/buildwasm/buildwasm/examples/hello" || !strings.HasPrefix(m.GoVersion, "go1.") ||
		!strings.HasPrefix(m.Generator, "buildwasm ") || m.Entry["wasm"] != "hello.wasm" || m.Entry["html"] != "index.html" {
		t.Errorf("manifest: %+v", m)
	}
	for _, f := range m.Files {
		info, err := os.Stat(filepath.Join(dir, f.Name))
		if err != nil || info.Size() != int64(f.Size) {
			t.Errorf("manifest lists %s with %d bytes: %v", f.Name, f.Size, err)
		}
	}
	html, _ := os.ReadFile(filepath.Join(dir, "index.html"))
	for _, want := range []string{`<script type="module" src="boot.js" data-buildwasm-wasm="hello.wasm"></script>`, `<link rel="modulepreload" href="loader.js">`, "<title>hello</title>"} {
		if !bytes.Contains(html, []byte(want)) {
			t.Errorf("index.html lacks %s:\n%s", want, html)
		}
	}
	if bytes.Contains(html, []byte("\n")) || bytes.Contains(html, []byte("<script>")) || bytes.Contains(html, []byte("style=")) {
		t.Errorf("release index.html should be minified, with no inline script or style:\n%s", html)
	}
	// Release builds trim local paths from the binary, and link a map.
	wasm, _ := os.ReadFile(filepath.Join(dir, "hello.wasm"))
	if !bytes.HasSuffix(wasm, []byte("\x10sourceMappingURL\x0ehello.wasm.map")) || m.Entry["sourcemap"] != "hello.wasm.map" {
		t.Errorf("release build: no sourceMappingURL section naming hello.wasm.map, or no manifest entry (%v)", m.Entry)
	}
	repo, _ := filepath.Abs("..")
	if bytes.Contains(wasm, []byte(repo)) {
		t.Errorf("release wasm contains the local path %s: -trimpath missing", repo)
	}
}

func TestBuildSourceMapModes(t *testing.T) {
	for mode, want := range map[string]struct{ mapFile, section bool }{
		"external": {true, false},
		"none":     {false, false},
	} {
		files := snapshot(t, buildDist(t, filepath.Join(t.TempDir(), "dist"), "-sourcemap="+mode, "../examples/hello"))
		_, hasMap := files["hello.wasm.map"]
		hasSection := bytes.Contains(files["hello.wasm"], []byte("sourceMappingURL"))
		if hasMap != want.mapFile || hasSection != want.section {
			t.Errorf("-sourcemap=%s: map file %v, section %v", mode, hasMap, hasSection)
		}
	}
	got := run(t, "", nil, buildwasmBin, "build", "-sourcemap=inline", "-o", filepath.Join(t.TempDir(), "d"), "../examples/hello")
	if got.code != 1 || !strings.Contains(got.stderr, `unknown source map mode "inline"`) {
		t.Errorf("-sourcemap=inline: %+v", got)
	}
}

func TestBuildDev(t *testing.T) {
	dir := buildDist(t, filepath.Join(t.TempDir(), "dist"), "-dev", "../examples/hello")
	files := snapshot(t, dir)
	if !bytes.Contains(files["loader.js"], []byte("\n  ")) || !bytes.Contains(files["index.html"], []byte("\n")) {
		t.Error("dev build should keep loader.js and index.html readable")
	}
	repo, _ := filepath.Abs("..")
	if !bytes.Contains(files["hello.wasm"], []byte(repo)) {
		t.Error("dev build should keep local paths (no -trimpath)")
	}
	if !bytes.Contains(files["manifest.json"], []byte(`"mode": "dev"`)) {
		t.Error("manifest does not say dev")
	}
	if !bytes.Contains(files["hello.wasm.map"], []byte(`"sourcesContent":["`)) {
		t.Error("a dev map should carry the sources")
	}
}

// Go build flags pass through: -tags and -ldflags reach the program.
func TestBuildPassesGoFlags(t *testing.T) {
	dir := buildDist(t, filepath.Join(t.TempDir(), "dist"), "-tags", "special", "-ldflags=-X main.id=7", "./testdata/flags")
	got := run(t, "", nil, buildwasmBin, "exec", filepath.Join(dir, "flags.wasm"))
	if got.stdout != "id=7 tagged=true\n" {
		t.Errorf("program printed %q (stderr %q), want the flags applied", got.stdout, got.stderr)
	}
}

func TestBuildTemplate(t *testing.T) {
	dir := buildDist(t, filepath.Join(t.TempDir(), "dist"), "./testdata/templated")
	html := string(snapshot(t, dir)["index.html"])
	for _, want := range []string{"<title>Custom: templated</title>", `<h1 class="mine">My own page for templated.wasm</h1>`, `data-buildwasm-wasm="templated.wasm"`} {
		if !strings.Contains(html, want) {
			t.Errorf("index.html lacks %q:\n%s", want, html)
		}
	}
}

// A failed build says why, exits non-zero and leaves the previous output
// exactly as it was.
func TestBuildBadInput(t *testing.T) {
	out := filepath.Join(t.TempDir(), "dist")
	buildDist(t, out, "./testdata/templated")
	before := snapshot(t, out)
	notOurs := t.TempDir()
	os.WriteFile(filepath.Join(notOurs, "precious.txt"), []byte("keep me"), 0o644)
	cases := []struct {
		name string
		args []string
		dir  string // output folder, default out
		code int
		want []string // in stderr
	}{
		{"does not compile", []string{"./testdata/broken"}, "", 1,
			[]string{"testdata/broken/main.go:5:14: cannot use \"not a number\"", "buildwasm build: go build failed"}},
		{"no such path", []string{"./testdata/nowhere"}, "", 1, []string{"buildwasm build: ", "testdata/nowhere"}},
		{"not main", []string{"./testdata/notmain"}, "", 1, []string{"buildwasm build: github.com/buildwasm/buildwasm/tests/testdata/notmain is package notmain, not a main package"}},
		{"unknown flag", []string{"-frob", "./testdata/templated"}, "", 2, []string{"buildwasm build: flag provided but not defined: -frob"}},
		{"two packages", []string{"./testdata/templated", "./testdata/flags"}, "", 2, []string{"buildwasm build: takes one package, got 2"}},
		{"template without Head", []string{"./testdata/badtemplate"}, "", 1, []string{"does not use {{.Head}}"}},
		{"folder not ours", []string{"./testdata/templated"}, notOurs, 1, []string{"is not empty and was not written by buildwasm"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := out
			if c.dir != "" {
				dir = c.dir
			}
			got := run(t, "", nil, append([]string{buildwasmBin, "build", "-o", dir}, c.args...)...)
			if got.code != c.code {
				t.Errorf("exit code %d, want %d", got.code, c.code)
			}
			for _, w := range c.want {
				if !strings.Contains(got.stderr, w) {
					t.Errorf("stderr lacks %q:\n%s", w, got.stderr)
				}
			}
		})
	}
	after := snapshot(t, out)
	if len(after) != len(before) {
		t.Errorf("previous output changed: %d files, was %d", len(after), len(before))
	}
	for name, b := range before {
		if !bytes.Equal(after[name], b) {
			t.Errorf("previous output's %s changed", name)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(notOurs, "precious.txt")); string(b) != "keep me" {
		t.Error("a folder not written by buildwasm was touched")
	}
	leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".buildwasm-*"))
	if len(leftovers) > 0 {
		t.Errorf("failed builds left %v behind", leftovers)
	}
}
