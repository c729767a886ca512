package tests

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/andybalholm/brotli"
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

// unchanged fails the test if dir's files differ from before (a snapshot).
func unchanged(t *testing.T, dir string, before map[string][]byte) {
	t.Helper()
	after := snapshot(t, dir)
	if len(after) != len(before) {
		t.Errorf("%s changed: %d files, was %d", dir, len(after), len(before))
	}
	for name, b := range before {
		if !bytes.Equal(after[name], b) {
			t.Errorf("%s/%s changed", dir, name)
		}
	}
}

// A release dist is complete and consistent: the manifest lists every file
// with its real size, hash and SRI value; compressed siblings decode to
// their originals; the page's links resolve and their SRI values verify;
// names carry content hashes; and the header files say how to serve them.
func TestBuildOutput(t *testing.T) {
	dir := hello(t)
	m := readManifest(t, dir)
	if m.Mode != "release" || m.Package != "github.com/buildwasm/buildwasm/examples/hello" || !strings.HasPrefix(m.GoVersion, "go1.") ||
		!strings.HasPrefix(m.Generator, "buildwasm ") || m.Entry["html"] != "index.html" || m.HashScheme == "" {
		t.Errorf("manifest: %+v", m)
	}
	hashed := regexp.MustCompile(`^[a-z]+(\.wasm)?\.[0-9a-f]{16}\.(wasm|js|css|map)$`)
	for _, role := range []string{"wasm", "loader", "boot", "style", "sourcemap"} {
		name := m.Entry[role]
		if !hashed.MatchString(name) {
			t.Errorf("entry %s is %q, want a content-hashed name", role, name)
			continue
		}
		b, _ := os.ReadFile(filepath.Join(dir, name))
		sum := sha256.Sum256(b)
		if hash := strings.Split(name, ".")[len(strings.Split(name, "."))-2]; hash != hex.EncodeToString(sum[:8]) {
			t.Errorf("%s: the name's hash is not the first 16 hex digits of its SHA-256", name)
		}
	}
	onDisk := snapshot(t, dir)
	listed := map[string]bool{"manifest.json": true}
	for _, f := range m.Files {
		listed[f.Name] = true
		b, ok := onDisk[f.Name]
		sum := sha256.Sum256(b)
		if !ok || len(b) != f.Size || hex.EncodeToString(sum[:]) != f.SHA256 || sri(b) != f.Integrity {
			t.Errorf("manifest entry %+v does not match the file (exists %v, %d bytes)", f, ok, len(b))
			continue
		}
		if f.Encoding == "" {
			if f.DecodedSize != f.Size {
				t.Errorf("%s: decodedSize %d, want its size %d", f.Name, f.DecodedSize, f.Size)
			}
			continue
		}
		decoded, err := decode(f.Encoding, b)
		if err != nil || !bytes.Equal(decoded, onDisk[f.Original]) || f.DecodedSize != len(decoded) || len(b) >= len(decoded) {
			t.Errorf("%s (%s of %s) does not decode to its original: %v, %d bytes vs %d, decodedSize %d", f.Name, f.Encoding, f.Original, err, len(decoded), len(onDisk[f.Original]), f.DecodedSize)
		}
	}
	for name := range onDisk {
		if !listed[name] {
			t.Errorf("%s is not in the manifest", name)
		}
	}
	for _, name := range []string{m.Entry["wasm"], m.Entry["loader"], m.Entry["sourcemap"], "index.html"} {
		if onDisk[name+".br"] == nil || onDisk[name+".gz"] == nil {
			t.Errorf("%s has no .br or .gz sibling", name)
		}
	}

	html := string(onDisk["index.html"])
	if strings.Contains(html, "\n") || strings.Contains(html, "<script>") || strings.Contains(html, "<style") || strings.Contains(html, "style=") {
		t.Errorf("release index.html should be minified, with no inline script or style:\n%s", html)
	}
	// Every link resolves to a file of the dist, and every integrity
	// attribute verifies against it.
	links := regexp.MustCompile(`<(?:link|script)[^>]*>`).FindAllString(html, -1)
	attr := func(tag, name string) string {
		v := regexp.MustCompile(` ` + name + `="([^"]*)"`).FindStringSubmatch(tag)
		if v == nil {
			return ""
		}
		return v[1]
	}
	seen := map[string]bool{}
	for _, tag := range links {
		url := attr(tag, "href") + attr(tag, "src")
		if w := attr(tag, "data-buildwasm-wasm"); w != "" {
			if _, ok := onDisk[w]; !ok {
				t.Errorf("%s names the program %q, which is not in the dist", tag, w)
			}
		}
		if _, ok := onDisk[url]; !ok {
			t.Errorf("%s links to %q, which is not in the dist", tag, url)
		}
		seen[url] = true
		if want := attr(tag, "integrity"); want != "" && want != sri(onDisk[url]) {
			t.Errorf("%s: integrity does not verify", tag)
		}
		if strings.HasPrefix(tag, "<script") && (attr(tag, "integrity") == "" || attr(tag, "data-buildwasm-loader") != m.Entry["loader"] ||
			attr(tag, "data-buildwasm-wasm") != m.Entry["wasm"] || attr(tag, "data-buildwasm-size") != strconv.Itoa(len(onDisk[m.Entry["wasm"]]))) {
			t.Errorf("boot script tag %s: want SRI, the loader and wasm names and the decoded size", tag)
		}
	}
	for _, role := range []string{"loader", "boot", "style"} {
		if !seen[m.Entry[role]] {
			t.Errorf("index.html does not link the %s %s (preload or script)", role, m.Entry[role])
		}
	}
	// Release builds trim local paths from the binary, and link the map.
	wasm := onDisk[m.Entry["wasm"]]
	if !bytes.HasSuffix(wasm, append([]byte("\x10sourceMappingURL"+string(rune(len(m.Entry["sourcemap"])))), m.Entry["sourcemap"]...)) {
		t.Errorf("release build: no sourceMappingURL section naming %s", m.Entry["sourcemap"])
	}
	repo, _ := filepath.Abs("..")
	if bytes.Contains(wasm, []byte(repo)) || bytes.Contains(onDisk[m.Entry["sourcemap"]], []byte(repo)) {
		t.Errorf("release wasm or map contains the local path %s: -trimpath missing", repo)
	}

	headers := string(onDisk["_headers"])
	for _, want := range []string{"/index.html\n  Cache-Control: no-cache\n", "/" + m.Entry["wasm"] + "\n  Cache-Control: public, max-age=31536000, immutable\n  Access-Control-Allow-Origin: *\n"} {
		if !strings.Contains(headers, want) {
			t.Errorf("_headers lacks %q:\n%s", want, headers)
		}
	}
	if strings.Contains(headers, "Content-Security-Policy") {
		t.Error("_headers has a CSP without -csp")
	}
}

// Two builds of the same input are byte-identical, whatever folder they go to.
func TestBuildDeterministic(t *testing.T) {
	a := snapshot(t, hello(t))
	b := snapshot(t, buildDist(t, filepath.Join(t.TempDir(), "other"), "../examples/hello"))
	if len(a) != len(b) {
		t.Fatalf("%d files, then %d", len(a), len(b))
	}
	for name, data := range a {
		if !bytes.Equal(data, b[name]) {
			t.Errorf("%s differs between two builds", name)
		}
	}
}

// -base puts assets on another origin, -csp writes a policy allowing it,
// -wasm-integrity adds the program's SRI, -brotli-quality is checked.
func TestBuildCDNFlags(t *testing.T) {
	dir := buildDist(t, filepath.Join(t.TempDir(), "dist"), "-base", "https://cdn.example.com/app", "-csp", "-wasm-integrity", "-brotli-quality=2", "../examples/hello")
	files := snapshot(t, dir)
	m := readManifest(t, dir)
	html := string(files["index.html"])
	wasmSRI := sri(files[m.Entry["wasm"]])
	for _, want := range []string{
		`src="https://cdn.example.com/app/` + m.Entry["boot"] + `"`,
		`data-buildwasm-loader="https://cdn.example.com/app/` + m.Entry["loader"] + `"`,
		`data-buildwasm-integrity="` + wasmSRI + `"`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("index.html lacks %s:\n%s", want, html)
		}
	}
	csp := "script-src 'self' https://cdn.example.com/app/ 'wasm-unsafe-eval'"
	if !strings.Contains(string(files["_headers"]), "Content-Security-Policy: default-src 'self'; "+csp) ||
		!strings.Contains(string(files["nginx.conf"]), "add_header Content-Security-Policy \"default-src 'self'; "+csp) ||
		!strings.Contains(string(files["_headers"]), "connect-src 'self' https://cdn.example.com/app/") {
		t.Errorf("header files lack the CSP:\n%s\n%s", files["_headers"], files["nginx.conf"])
	}
	// Quality 2 gives a larger .br than the default 9.
	if len(files[m.Entry["wasm"]+".br"]) <= len(snapshot(t, hello(t))[readManifest(t, hello(t)).Entry["wasm"]+".br"]) {
		t.Error("-brotli-quality=2 made no larger .br than the default")
	}
}

func sri(b []byte) string {
	sum := sha512.Sum384(b)
	return "sha384-" + base64.StdEncoding.EncodeToString(sum[:])
}

func decode(encoding string, b []byte) ([]byte, error) {
	if encoding == "br" {
		return io.ReadAll(brotli.NewReader(bytes.NewReader(b)))
	}
	r, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(r)
}

func TestBuildSourceMapModes(t *testing.T) {
	for mode, want := range map[string]struct{ mapFile, section bool }{
		"external": {true, false},
		"none":     {false, false},
	} {
		dir := buildDist(t, filepath.Join(t.TempDir(), "dist"), "-sourcemap="+mode, "../examples/hello")
		wasm, _ := os.ReadFile(distFile(t, dir, "wasm"))
		hasMap := readManifest(t, dir).Entry["sourcemap"] != ""
		hasSection := bytes.Contains(wasm, []byte("sourceMappingURL"))
		if hasMap != want.mapFile || hasSection != want.section {
			t.Errorf("-sourcemap=%s: map file %v, section %v", mode, hasMap, hasSection)
		}
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
	got := run(t, "", nil, buildwasmBin, "exec", distFile(t, dir, "wasm"))
	if got.stdout != "id=7 tagged=true\n" {
		t.Errorf("program printed %q (stderr %q), want the flags applied", got.stdout, got.stderr)
	}
}

func TestBuildTemplate(t *testing.T) {
	dir := buildDist(t, filepath.Join(t.TempDir(), "dist"), "./testdata/templated")
	html := string(snapshot(t, dir)["index.html"])
	for _, want := range []string{"<title>Custom: templated</title>", `<h1 class="mine">My own page for ` + readManifest(t, dir).Entry["wasm"] + `</h1>`, `data-buildwasm-wasm="templated.`} {
		if !strings.Contains(html, want) {
			t.Errorf("index.html lacks %q:\n%s", want, html)
		}
	}
}

// A failed build says why, exits non-zero and leaves the previous output
// exactly as it was. Usage mistakes, which fail before any work, are tested
// in process in cmd/buildwasm.
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
	unchanged(t, out, before)
	if b, _ := os.ReadFile(filepath.Join(notOurs, "precious.txt")); string(b) != "keep me" {
		t.Error("a folder not written by buildwasm was touched")
	}
	leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".buildwasm-*"))
	if len(leftovers) > 0 {
		t.Errorf("failed builds left %v behind", leftovers)
	}
}

// The first build with a patched toolchain copy compiles the standard
// library for it unless Go's build cache has it: the build says so, once.
// Here in a cache of its own, with a program go rejects at once, so no
// standard library is compiled.
func TestBuildSaysFirstToolchainBuild(t *testing.T) {
	app := t.TempDir()
	os.WriteFile(filepath.Join(app, "go.mod"), []byte("module app\n\ngo 1.24\n"), 0o644)
	os.WriteFile(filepath.Join(app, "main.go"), []byte("package main\n\nfunc main() {\n"), 0o644)
	gocache := strings.TrimSpace(run(t, "", nil, "go", "env", "GOCACHE").stdout)
	env := []string{"XDG_CACHE_HOME=" + t.TempDir(), "GOCACHE=" + gocache, "GOWORK=off"}
	const say = "go compiles the standard library for it once"
	first := runIn(t, app, env, buildwasmBin, "build", "-dev", "-o", filepath.Join(t.TempDir(), "dist"), ".")
	if first.code != 1 || !strings.Contains(first.stderr, "buildwasm: first build with the patched copy of "+goroot()+" for dev builds and -leaks: "+say) {
		t.Errorf("first dev build: exit %d\n%s", first.code, first.stderr)
	}
	again := runIn(t, app, env, buildwasmBin, "build", "-dev", "-o", filepath.Join(t.TempDir(), "dist"), ".")
	if strings.Contains(again.stderr, say) {
		t.Errorf("the second build said it again:\n%s", again.stderr)
	}
}
