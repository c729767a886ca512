// Command vet runs buildwasm vet on third-party js/wasm modules fetched
// through the module proxy and prints two tables for BENCHMARKS.md: every
// finding with its verdict (true or false positive, judged by reading the
// code; kept below so a new finding shows as unjudged), and the time of
// buildwasm vet against GOOS=js GOARCH=wasm go vet on Ebitengine's
// packages. Each timed run starts from a copy of one build cache warmed by
// go build, so both vet every package and none compiles.
//
// Usage: go run ./tests/bench/vet [-rounds 5]
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"time"

	"github.com/buildwasm/buildwasm/internal/vetrun"
	"github.com/buildwasm/buildwasm/tests/bench/benchutil"
)

// modules are the third-party code vetted, at fixed versions.
var modules = []struct{ path, version, patterns string }{
	{"github.com/hajimehoshi/ebiten/v2", "v2.8.8", "/..."},
	{"github.com/maxence-charriere/go-app/v10", "v10.1.3", "/pkg/..."},
	{"honnef.co/go/js/dom/v2", "v2.0.0-20231112215516-51f43a291193", "/..."},
	{"github.com/hack-pad/hackpadfs", "v0.2.4", "/..."},
	{"github.com/hack-pad/go-indexeddb", "v0.3.2", "/..."},
	{"github.com/syumai/workers", "v0.30.2", "/..."},
	{"github.com/norunners/vert", "v0.0.0-20221203075838-106a353d42dd", "/..."},
	{"github.com/ebitengine/oto/v3", "v3.3.3", "/..."}, // Ebitengine's audio
	{"github.com/hack-pad/safejs", "v0.1.0", "/..."},
}

// skipped are packages that are tools, not js/wasm code, and need an
// x/tools too old for this Go.
var skipped = []string{"/cmd/ebitenmobile", "/internal/vettools"}

// verdicts are the findings judged by reading the code, by file:line in
// the module.
var verdicts = map[string]string{
	"ebiten/v2@v2.8.8/internal/ui/ui_js.go:413":             "TP: the frame callback cf is made per loopGame run and never released (its own TODO says so)",
	"dom/v2@v2.0.0-20231112215516-51f43a291193/dom.go:1190": "TP: SetInterval leaks its wrapper on every call, also after ClearInterval (its own TODO says so)",
	"workers@v0.30.2/internal/jsutil/stream.go:169":         "TP: every ConvertReaderToReadableStream leaks its pull Func",
	"workers@v0.30.2/internal/jsutil/stream.go:188":         "TP: every ConvertReaderToReadableStream leaks its cancel Func",
}

func main() {
	rounds := flag.Int("rounds", 5, "timed runs of each; the table shows the median")
	flag.Parse()
	tmp, bw, done := benchutil.Setup()
	defer done()
	mod := filepath.Join(tmp, "real")
	env := append([]string{"GOWORK=off", "GOFLAGS=-mod=mod", "GOSUMDB=off"}, benchutil.WasmEnv...)
	benchutil.Check(os.MkdirAll(mod, 0o755))
	benchutil.Check(os.WriteFile(filepath.Join(mod, "go.mod"), []byte("module example.com/real\n\ngo 1.24\n"), 0o644))
	get := []string{"get"}
	var patterns []string
	for _, m := range modules {
		get = append(get, m.path+"@"+m.version)
		patterns = append(patterns, m.path+m.patterns)
	}
	benchutil.Run(env, mod, "go", get...)
	all := packages(env, mod, patterns)

	// Precision.
	out := command(env, mod, bw, append([]string{"vet", "-json"}, all...)...)
	res, err := vetrun.Parse(out, nil)
	benchutil.Check(err)
	fmt.Printf("Go %s, %s/%s, %d cores; %d packages of %d modules\n\n", strings.TrimPrefix(runtime.Version(), "go"), runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), len(all), len(modules))
	fmt.Println("| finding (module@version/file:line) | analyzer | verdict |\n|---|---|---|")
	type count struct{ findings, tp, fp int }
	counts := map[string]*count{}
	for _, m := range modules {
		counts[m.path] = &count{}
	}
	for _, f := range res.Findings {
		key := site(f.Posn)
		v, ok := verdicts[key]
		if !ok {
			v = "UNJUDGED: " + f.Message
		}
		fmt.Printf("| %s | %s | %s |\n", key, f.Analyzer, v)
		for _, m := range modules {
			if strings.HasPrefix(f.Package, m.path) {
				c := counts[m.path]
				c.findings++
				if strings.HasPrefix(v, "TP") {
					c.tp++
				} else if strings.HasPrefix(v, "FP") {
					c.fp++
				}
			}
		}
	}
	fmt.Println("\n| module | version | findings | true | false |\n|---|---|---:|---:|---:|")
	for _, m := range modules {
		c := counts[m.path]
		fmt.Printf("| %s | %s | %d | %d | %d |\n", m.path, m.version, c.findings, c.tp, c.fp)
	}

	// Speed, on Ebitengine's packages.
	var ebiten []string
	for _, p := range all {
		if strings.HasPrefix(p, modules[0].path) {
			ebiten = append(ebiten, p)
		}
	}
	warm := filepath.Join(tmp, "cache-warm")
	benchutil.Run(append(env, "GOCACHE="+warm), mod, "go", append([]string{"build"}, ebiten...)...)
	variants := []struct {
		name string
		argv []string
	}{
		{"GOOS=js GOARCH=wasm go vet", append([]string{"go", "vet"}, ebiten...)},
		{"buildwasm vet", append([]string{bw, "vet"}, ebiten...)},
	}
	times := make([][]float64, len(variants))
	for r := 0; r < *rounds; r++ {
		for i, v := range variants {
			cache := filepath.Join(tmp, fmt.Sprintf("cache-%d-%d", r, i))
			benchutil.Run(nil, "", "cp", "-a", warm, cache)
			start := time.Now()
			command(append(env, "GOCACHE="+cache), mod, v.argv[0], v.argv[1:]...)
			times[i] = append(times[i], time.Since(start).Seconds())
			benchutil.Check(os.RemoveAll(cache))
		}
	}
	fmt.Printf("\n| %d packages of %s %s, warm build cache, no vet results cached | wall (s) | ratio to go vet |\n|---|---:|---:|\n", len(ebiten), modules[0].path, modules[0].version)
	base := benchutil.Median(times[0])
	for i, v := range variants {
		m := benchutil.Median(times[i])
		fmt.Printf("| %s | %.2f | %.2f |\n", v.name, m, m/base)
	}
}

// packages lists the packages of patterns that build for js/wasm.
func packages(env []string, dir string, patterns []string) []string {
	out := command(env, dir, "go", append([]string{"list", "-e", "-f", "{{if .GoFiles}}{{.ImportPath}}{{end}}"}, patterns...)...)
	var pkgs []string
	for _, p := range strings.Fields(string(out)) {
		keep := true
		for _, s := range skipped {
			keep = keep && !strings.HasSuffix(p, s)
		}
		if keep {
			pkgs = append(pkgs, p)
		}
	}
	sort.Strings(pkgs)
	return pkgs
}

// command runs name in dir and returns its stdout; exit status 1 (vet's
// "found something") is fine, anything else ends the bench.
func command(env []string, dir, name string, args ...string) []byte {
	cmd := exec.Command(name, args...)
	cmd.Env = append(os.Environ(), env...)
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil && cmd.ProcessState.ExitCode() != 1 {
		benchutil.Check(fmt.Errorf("%s: %v\n%s", name, err, stderr.Bytes()))
	}
	return stdout.Bytes()
}

// site is a position as module@version/file:line, without the module
// cache's path before it.
func site(posn string) string {
	posn = filepath.ToSlash(posn)
	if i := strings.LastIndex(posn, "/pkg/mod/"); i >= 0 {
		posn = posn[i+len("/pkg/mod/"):]
	}
	for _, prefix := range []string{"github.com/hajimehoshi/", "github.com/maxence-charriere/", "honnef.co/go/js/", "github.com/hack-pad/", "github.com/syumai/", "github.com/norunners/", "github.com/ebitengine/"} {
		posn = strings.TrimPrefix(posn, prefix)
	}
	if i := strings.LastIndex(posn, ":"); i >= 0 {
		posn = posn[:i] // the column
	}
	return posn
}
