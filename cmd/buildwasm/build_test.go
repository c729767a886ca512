package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A real build in this process: exit 0, the summary on stdout, progress
// on stderr, and a dist whose manifest lists files that are there. The
// program it wrote runs.
func TestBuild(t *testing.T) {
	out := filepath.Join(t.TempDir(), "dist")
	got := buildwasm(t, "build", "-o", out, "./testdata/tiny")
	if got.code != 0 {
		t.Fatalf("build: exit %d\n%s%s", got.code, got.stdout, got.stderr)
	}
	if !strings.HasPrefix(got.stdout, "built github.com/buildwasm/buildwasm/cmd/buildwasm/testdata/tiny (go1.") || !strings.Contains(got.stdout, "dist/\n") ||
		!strings.Contains(got.stdout, "  index.html ") {
		t.Errorf("stdout:\n%s", got.stdout)
	}
	if !strings.HasPrefix(got.stderr, "buildwasm: building ./testdata/tiny for js/wasm (release)\n") {
		t.Errorf("stderr:\n%s", got.stderr)
	}
	var m struct {
		Entry map[string]string
		Files []struct{ Name string }
	}
	b, err := os.ReadFile(filepath.Join(out, "manifest.json"))
	if err == nil {
		err = json.Unmarshal(b, &m)
	}
	if err != nil {
		t.Fatalf("manifest.json: %v", err)
	}
	names := []string{"index.html", "manifest.json", "_headers", "nginx.conf"}
	for _, f := range m.Files {
		names = append(names, f.Name)
	}
	for _, name := range names {
		if _, err := os.Stat(filepath.Join(out, name)); err != nil {
			t.Errorf("dist/%s: %v", name, err)
		}
	}
	if m.Entry["wasm"] == "" || len(m.Files) < 10 {
		t.Fatalf("manifest: %+v", m)
	}
	needNode(t)
	if res := buildwasm(t, "exec", filepath.Join(out, m.Entry["wasm"]), "x"); res.code != 0 || res.stdout != "args: x\n" {
		t.Errorf("the built program: %+v", res)
	}
}

// Usage mistakes exit 2 before any work: no "building" line, no folder.
func TestBuildUsageMistakes(t *testing.T) {
	tmp := t.TempDir()
	out := filepath.Join(tmp, "dist")
	cases := []struct {
		name string
		args []string
		want string // in stderr
	}{
		{"unknown flag", []string{"-frob", "./testdata/tiny"}, "buildwasm build: flag provided but not defined: -frob\nRun 'buildwasm build -h' for usage.\n"},
		{"two packages", []string{"./testdata/tiny", "./testdata/notmain"}, "buildwasm build: takes one package, got 2"},
		{"brotli quality", []string{"-brotli-quality", "12", "./testdata/tiny"}, "buildwasm build: brotli quality 12 is out of range: use 1 to 11\nRun 'buildwasm build -h' for usage.\n"},
		{"source map mode", []string{"-sourcemap", "inline", "./testdata/tiny"}, "buildwasm build: unknown source map mode \"inline\": use linked, external or none\n"},
		{"bad base", []string{"-base", "cdn.example.com", "./testdata/tiny"}, "buildwasm build: base \"cdn.example.com\" is not an http(s) URL or a path starting with /"},
		{"ftp base", []string{"-base=ftp://x/", "./testdata/tiny"}, "is not an http(s) URL"},
		{"program with a dist setting", []string{"-program", filepath.Join(tmp, "x.wasm"), "-worker", "./testdata/tiny"}, "-worker is a setting of a dist's page"},
		{"program and -o", []string{"-program", filepath.Join(tmp, "x.wasm"), "./testdata/tiny"}, "buildwasm build: -program FILE and -o DIR: choose one"},
		{"delta-from in a dev build", []string{"-dev", "-delta-from", tmp, "./testdata/tiny"}, "delta-from needs a release build"},
		{"program with delta-from", []string{"-program", filepath.Join(tmp, "x.wasm"), "-delta-from", tmp, "./testdata/tiny"}, "-delta-from is a setting of a dist's page"},
		{"preload and worker", []string{"-preload", "-worker", "./testdata/tiny"}, "preload and worker do not go together"},
		{"flags after the package", []string{"./testdata/tiny", "-dev", "-o", "X"}, "buildwasm build: flags go before the package: buildwasm build -dev -o X ./testdata/tiny\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := buildwasm(t, append([]string{"build", "-o", out}, c.args...)...)
			if got.code != 2 || got.stdout != "" || !strings.Contains(got.stderr, c.want) || strings.Contains(got.stderr, "building") {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit 2 and %q", got.code, got.stdout, got.stderr, c.want)
			}
		})
	}
	if left, _ := os.ReadDir(tmp); len(left) > 0 {
		t.Errorf("usage mistakes wrote %v", left)
	}
}

// -delta-from: a folder that is not a dist fails the build before any
// work, naming it, and leaves the output as it was; an earlier build of
// another program gets a delta, listed in the summary and the manifest; an
// earlier build of the same program gets none.
func TestBuildDeltaFrom(t *testing.T) {
	tmp := t.TempDir()
	v1, v2 := filepath.Join(tmp, "v1"), filepath.Join(tmp, "v2")
	if got := buildwasm(t, "build", "-o", v1, "-ldflags=-buildid=one", "./testdata/tiny"); got.code != 0 {
		t.Fatalf("build: exit %d\n%s", got.code, got.stderr)
	}
	got := buildwasm(t, "build", "-o", v1, "-delta-from", tmp, "./testdata/tiny")
	if got.code != 1 || !strings.Contains(got.stderr, "-delta-from "+tmp+": not a buildwasm dist") {
		t.Errorf("-delta-from a folder that is no dist: exit %d, stderr %q", got.code, got.stderr)
	}
	if _, err := os.Stat(filepath.Join(v1, "manifest.json")); err != nil {
		t.Errorf("the failed build touched the output: %v", err)
	}
	got = buildwasm(t, "build", "-o", v2, "-ldflags=-buildid=two", "-delta-from", v1, "-delta-from", v1, "./testdata/tiny")
	if got.code != 0 {
		t.Fatalf("build -delta-from: exit %d\n%s", got.code, got.stderr)
	}
	deltas := func(dir string) (names []string) {
		var m struct {
			Files []struct{ Name, Encoding, Dictionary string }
		}
		b, _ := os.ReadFile(filepath.Join(dir, "manifest.json"))
		json.Unmarshal(b, &m)
		for _, f := range m.Files {
			if f.Encoding == "dcz" && len(f.Dictionary) == 64 && strings.HasSuffix(f.Name, "."+f.Dictionary[:16]+".dcz") {
				names = append(names, f.Name)
			}
		}
		return names
	}
	if d := deltas(v2); len(d) != 1 || !strings.Contains(got.stdout, "  "+d[0]+" ") {
		t.Errorf("deltas %v; stdout:\n%s", d, got.stdout)
	}
	if got := buildwasm(t, "build", "-o", v1, "-ldflags=-buildid=one", "-delta-from", v1, "./testdata/tiny"); got.code != 0 || len(deltas(v1)) != 0 {
		t.Errorf("a build from its own earlier output: exit %d, deltas %v", got.code, deltas(v1))
	}
}
