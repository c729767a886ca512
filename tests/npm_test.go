package tests

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"maps"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/buildwasm/buildwasm/internal/testenv"
	"github.com/chromedp/chromedp"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// npmPackage writes the npm package with npmgen, once per run, into the
// tests' temporary folder: npm/ is not checked in, and the tests must not
// write into the work tree.
var npmPackage = sync.OnceValues(func() (string, error) {
	dir := filepath.Join(tmpRoot, "npm")
	cmd := exec.Command("go", "run", "./loader/npmgen", "-o", dir)
	cmd.Dir = ".."
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go run ./loader/npmgen: %v\n%s", err, out)
	}
	return dir, nil
})

// npmgen writes the package package.json describes, and the declarations
// of its public API are those in the golden file: a change to the API is
// seen in review. Comments are left out of the comparison, so that only
// the sources hold the API's documentation.
func TestNPMGenerated(t *testing.T) {
	pkg, err := npmPackage()
	if err != nil {
		t.Fatal(err)
	}
	var meta struct {
		Main, Types, Unpkg string
		Exports            map[string]any
		SideEffects        []string
	}
	b, err := os.ReadFile(filepath.Join(pkg, "package.json"))
	if err == nil {
		err = json.Unmarshal(b, &meta)
	}
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range append([]string{meta.Main, meta.Types, meta.Unpkg, "README.md", "LICENSE"}, meta.SideEffects...) {
		if _, err := os.Stat(filepath.Join(pkg, name)); err != nil {
			t.Errorf("package.json names %s, which npmgen did not write", name)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(pkg, "README.md")); bytes.Contains(b, []byte("{{")) {
		t.Error("the package's README has a placeholder left")
	}

	got := publicDeclarations(t, filepath.Join(pkg, filepath.FromSlash(meta.Types)))
	testenv.Golden(t, filepath.Join("testdata", "npm-types.golden"), got, *update, "go test ./tests -run NPMGenerated -update")
}

var (
	declImport  = regexp.MustCompile(`(?:from |import\()"(\.\.?/[^"]+)\.js"`)
	declComment = regexp.MustCompile(`(?s)/\*.*?\*/|//[^\n]*`)
	blankLines  = regexp.MustCompile(`\n\s*\n`)
)

// publicDeclarations returns the declaration files entry imports, itself
// included, each after a line naming it, without comments: what a user of
// the package can see.
func publicDeclarations(t *testing.T, entry string) []byte {
	t.Helper()
	root := filepath.Dir(entry)
	seen := map[string]bool{}
	var visit func(string)
	visit = func(file string) {
		if seen[file] {
			return
		}
		seen[file] = true
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range declImport.FindAllSubmatch(b, -1) {
			visit(filepath.Join(filepath.Dir(file), filepath.FromSlash(string(m[1]))+".d.ts"))
		}
	}
	visit(entry)
	var out bytes.Buffer
	for _, file := range slices.Sorted(maps.Keys(seen)) {
		b, _ := os.ReadFile(file)
		b = declComment.ReplaceAll(b, nil)
		b = blankLines.ReplaceAll(b, []byte("\n"))
		rel, _ := filepath.Rel(root, file)
		fmt.Fprintf(&out, "=== %s\n%s", filepath.ToSlash(rel), bytes.TrimLeft(b, "\n"))
	}
	return out.Bytes()
}

func npm(t *testing.T, dir string, args ...string) result {
	t.Helper()
	got := runIn(t, dir, []string{"npm_config_update_notifier=false", "npm_config_fund=false", "npm_config_audit=false"}, append([]string{"npm"}, args...)...)
	if got.code != 0 {
		t.Fatalf("npm %s: exit %d\n%s\n%s", strings.Join(args, " "), got.code, got.stdout, got.stderr)
	}
	return got
}

// The package as users get it: npm pack, installed into a fresh project,
// runs a Go program in Node, type-checks a file using every public API with
// tsc --strict, and builds with Vite and with webpack into pages that run
// programs in Chromium, on the main thread and in worker mode; Vite's dev
// server, a page without a bundler and the <script> build from another
// origin run them too. publint and npm publish --dry-run find nothing to
// fix.
func TestNPMPackage(t *testing.T) {
	if testing.Short() {
		t.Skip("installs TypeScript, Vite, webpack and publint from the npm registry")
	}
	pkg, err := npmPackage()
	if err != nil {
		t.Fatal(err)
	}
	work := t.TempDir()
	npm(t, pkg, "pack", "--pack-destination", work)
	tarballs, _ := filepath.Glob(filepath.Join(work, "buildwasm-loader-*.tgz"))
	if len(tarballs) != 1 {
		t.Fatalf("npm pack made %v", tarballs)
	}

	app := filepath.Join(work, "app")
	if err := os.CopyFS(app, os.DirFS(filepath.Join("testdata", "npm"))); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(app, "package.json"), []byte(`{"name": "app", "private": true, "type": "module"}`), 0o644)
	npm(t, app, "install", tarballs[0], "typescript@5.9.3", "vite@8", "webpack@5", "webpack-cli@6", "publint@0.3", "@arethetypeswrong/cli@0.18")
	bin := func(name string) string { return filepath.Join(app, "node_modules", ".bin", name) }

	// Node ESM.
	dists, err := workerDists()
	if err != nil {
		t.Fatal(err)
	}
	typedDist := buildDist(t, filepath.Join(t.TempDir(), "typed"), "../examples/typed")
	node := runIn(t, app, nil, "node", "node.mjs", distFile(t, dists["worker"], "wasm"), distFile(t, typedDist, "wasm"))
	var fromNode struct {
		Sum                                            int
		Stdout, Supported, GoVersion, Greet, Countdown string
		Describe                                       struct{ Count, Median float64 }
	}
	if err := json.Unmarshal([]byte(node.stdout), &fromNode); err != nil || fromNode.Sum != 42 ||
		fromNode.Stdout != "worker ready\n" || !strings.HasPrefix(fromNode.GoVersion, "go1.") || fromNode.Supported == "" ||
		fromNode.Greet != "Hello, node!" || fromNode.Describe.Count != 3 || fromNode.Describe.Median != 2 || fromNode.Countdown != "1 ms later" {
		t.Errorf("Node ESM: %v %+v\n%s", err, fromNode, node.stderr)
	}
	for name, dist := range map[string]string{"hello.wasm": hello(t), "worker.wasm": dists["worker"], "typed.wasm": typedDist} {
		wasm, _ := os.ReadFile(distFile(t, dist, "wasm"))
		os.WriteFile(filepath.Join(app, name), wasm, 0o644)
	}
	// The declarations buildwasm build writes for a program's typed
	// exports, as a project would copy them (typedusage.ts uses them).
	decl, err := os.ReadFile(filepath.Join(typedDist, "typed.d.ts"))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(app, "typed.d.ts"), decl, 0o644)
	// And those of the typed export fixture, which has every shape
	// (shapesusage.ts).
	shapesDist, err := typedExportsDist()
	if err != nil {
		t.Fatal(err)
	}
	decl, err = os.ReadFile(filepath.Join(shapesDist, "typedexports.d.ts"))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(app, "typedexports.d.ts"), decl, 0o644)

	// Types, under each module resolution TypeScript offers for ESM:
	// bundlers', and Node's own (node16, nodenext), which needs the
	// declarations' imports to name files with their extension.
	for _, mode := range [][2]string{{"ES2022", "bundler"}, {"node16", "node16"}, {"nodenext", "nodenext"}} {
		if got := runIn(t, app, nil, bin("tsc"), "-p", ".", "--module", mode[0], "--moduleResolution", mode[1]); got.code != 0 {
			t.Errorf("tsc --noEmit --strict on usage.ts, typedusage.ts and shapesusage.ts with moduleResolution %s:\n%s%s", mode[1], got.stdout, got.stderr)
		}
	}
	// arethetypeswrong: no problem for an ESM-only package (its note that
	// require() from CommonJS finds ESM is what ESM-only means).
	if got := runIn(t, app, nil, bin("attw"), "--profile", "esm-only", "--format", "ascii", tarballs[0]); got.code != 0 || !strings.Contains(got.stdout, "node16 (from ESM)") {
		t.Errorf("attw --profile esm-only: exit %d\n%s%s", got.code, got.stdout, got.stderr)
	}

	// Vite: the programs become assets, the package's worker.js a chunk,
	// and the page runs one program on the main thread and one in worker mode.
	if got := runIn(t, app, nil, bin("vite"), "build"); got.code != 0 {
		t.Fatalf("vite build:\n%s%s", got.stdout, got.stderr)
	}
	assets, _ := filepath.Glob(filepath.Join(app, "dist", "assets", "hello-*.wasm"))
	if len(assets) != 1 {
		t.Errorf("vite emitted no hello-*.wasm asset")
	}
	tab := newTab(t)
	type appPage struct {
		Greeting  string
		WorkerSum int
		Typed     []any
		Scripts   []string
		Warnings  []string
	}
	// ranWorker: the page's program in worker mode answered, and the
	// bundler's chunk for the package's worker.js was loaded.
	ranWorker := func(p appPage, chunk func(string) bool) bool {
		return p.WorkerSum == 42 && slices.ContainsFunc(p.Scripts, chunk)
	}
	built := pageResult[appPage](t, tab, fileServer(t, filepath.Join(app, "dist"))+"/")
	if built.Greeting != "Hello, bundler!" || len(built.Warnings) != 0 {
		t.Errorf("Vite build: %+v (a warning means no streaming compile)", built)
	}
	if want := []any{2.5, "1 ms later", 6.0, "2 ms later"}; !slices.Equal(built.Typed, want) {
		t.Errorf("Vite build, typed exports on the main thread and in a worker: %v, want %v", built.Typed, want)
	}
	if !ranWorker(built, func(s string) bool { return strings.HasPrefix(s, "/assets/worker-") }) {
		t.Errorf("Vite build in worker mode: %+v (want Vite's chunk /assets/worker-*.js)", built)
	}

	// Vite's dev server serves the package from node_modules.
	dev := pageResult[appPage](t, tab, viteDev(t, app)+"/")
	if dev.Greeting != "Hello, bundler!" || !ranWorker(dev, func(s string) bool { return strings.HasSuffix(s, "/@buildwasm/loader/dist/worker.js") }) {
		t.Errorf("Vite dev server: %+v", dev)
	}

	// webpack 5 without configuration beyond entry and output: it names
	// the worker's chunk after the Worker's name.
	if got := runIn(t, app, nil, bin("webpack")); got.code != 0 {
		t.Fatalf("webpack:\n%s%s", got.stdout, got.stderr)
	}
	// webpack inlines a bare import.meta.url as the module's file: URL; the
	// package has none, so no path of this machine lands in the bundle.
	chunks, _ := filepath.Glob(filepath.Join(app, "webpack", "*.js"))
	for _, chunk := range chunks {
		if b, _ := os.ReadFile(chunk); bytes.Contains(b, []byte(work)) {
			t.Errorf("webpack's %s names this machine's path %s", filepath.Base(chunk), work)
		}
	}
	packed := pageResult[appPage](t, tab, fileServer(t, filepath.Join(app, "webpack"))+"/")
	if packed.Greeting != "Hello, bundler!" || len(packed.Warnings) != 0 || !ranWorker(packed, func(s string) bool { return s == "/buildwasm.js" }) {
		t.Errorf("webpack: %+v (want its chunk /buildwasm.js)", packed)
	}

	// No bundler: a page imports the installed package as it is.
	plain := pageResult[appPage](t, tab, fileServer(t, app)+"/unbundled.html")
	if !ranWorker(plain, func(s string) bool { return s == "/node_modules/@buildwasm/loader/dist/worker.js" }) {
		t.Errorf("worker mode without a bundler: %+v", plain)
	}

	// From a CDN (another origin, with CORS) as the <script> build: worker
	// mode goes through a one-line stub on the page's origin that imports
	// the CDN's worker.js, and worker: true says so.
	cdn := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Access-Control-Allow-Origin", "*")
		http.FileServer(http.Dir(filepath.Join(app, "node_modules", "@buildwasm", "loader"))).ServeHTTP(w, r)
	}))
	t.Cleanup(cdn.Close)
	os.WriteFile(filepath.Join(app, "worker-stub.js"), []byte(`import "`+cdn.URL+`/dist/worker.js";`+"\n"), 0o644)
	os.WriteFile(filepath.Join(app, "cdn.html"), []byte(`<!doctype html><meta charset="utf-8"><script src="`+cdn.URL+`/dist/buildwasm.min.js"></script>
<script type="module">
  let refused = "";
  await buildwasm.load("./worker.wasm", { worker: true }).catch((e) => (refused = e.message));
  const app = await buildwasm.load("./worker.wasm", { worker: "./worker-stub.js", stdout: () => {} });
  window.result = { workerSum: await app.exports.add(40, 2), refused };
</script>
`), 0o644)
	fromCDN := pageResult[struct {
		WorkerSum int
		Refused   string
	}](t, tab, fileServer(t, app)+"/cdn.html")
	if fromCDN.WorkerSum != 42 || !strings.Contains(fromCDN.Refused, "imports @buildwasm/loader's dist/worker.js") {
		t.Errorf("worker mode with the <script> build from another origin: %+v", fromCDN)
	}

	// Lint and a publish rehearsal.
	if got := runIn(t, app, nil, bin("publint"), "run", pkg); got.code != 0 || strings.Contains(got.stdout, "Errors") {
		t.Errorf("publint:\n%s%s", got.stdout, got.stderr)
	}
	// Without registry credentials npm says a real publish would need a
	// login; any other warning is the package's.
	dry := npm(t, pkg, "publish", "--dry-run", "--access", "public")
	for _, line := range strings.Split(dry.stderr, "\n") {
		if strings.HasPrefix(line, "npm warn") && !strings.Contains(line, "requires you to be logged in") {
			t.Errorf("npm publish --dry-run: %s", line)
		}
	}
}

func fileServer(t *testing.T, dir string) string {
	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	t.Cleanup(srv.Close)
	return srv.URL
}

// pageResult opens url in tab and returns the window.result its script sets.
func pageResult[T any](t *testing.T, tab context.Context, url string) T {
	t.Helper()
	var v T
	if err := chromedp.Do(tab, chromedp.Navigate(url)); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(tab, chromedp.Poll[bool](`window.result !== undefined`, chromedp.WithPollingTimeout(30*time.Second))); err != nil {
		t.Fatalf("%s never set window.result: %v", url, err)
	}
	evaluate(t, tab, `return window.result`, &v)
	return v
}

// viteDev starts Vite's dev server in app on a free loopback port and
// returns its URL once it answers.
func viteDev(t *testing.T, app string) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
	ln.Close()
	cmd := exec.Command(filepath.Join(app, "node_modules", ".bin", "vite"), "--host", "127.0.0.1", "--port", port, "--strictPort")
	cmd.Dir = app
	var log bytes.Buffer
	cmd.Stdout, cmd.Stderr = &log, &log
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
		if t.Failed() {
			t.Logf("vite said:\n%s", log.String())
		}
	})
	url := "http://127.0.0.1:" + port
	client := &http.Client{Timeout: 2 * time.Second}
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if resp, err := client.Get(url + "/"); err == nil {
			resp.Body.Close()
			return url
		}
	}
	t.Fatalf("vite dev server did not answer on %s in 30s", url)
	return ""
}
