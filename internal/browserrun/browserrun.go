// Package browserrun runs a Go js/wasm program in headless Chromium as
// buildwasm exec runs one in Node: arguments, environment, working
// directory, files, stdout, stderr and the exit code cross between this
// process and the page. It serves
// buildwasm exec -browser, and through it go test -exec and buildwasm test.
package browserrun

import (
	"bytes"
	"context"
	"crypto/rand"
	_ "embed"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	cdpruntime "github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/evanw/esbuild/pkg/api"

	"github.com/buildwasm/buildwasm/internal/chromium"
	"github.com/buildwasm/buildwasm/internal/noderun"
	"github.com/buildwasm/buildwasm/internal/wasmbin"
	"github.com/buildwasm/buildwasm/loader"
)

//go:embed run.js
var runJS []byte

// The page has a body with the runner's script in it, as pages of other Go
// browser test runners do: suites written for them mount into, or replace,
// the body's first child.
const page = `<!doctype html>
<html>
<head><meta charset="utf-8"><title>buildwasm exec -browser</title></head>
<body>
<script type="module" src="run.js"></script>
<button hidden disabled>Done</button>
</body>
</html>
`

// Grace is how long past the test binary's own -test.timeout a program may
// run before the runner kills it: Go's timeout panic needs the program to
// yield to JavaScript, and a test spinning in a loop never does.
const Grace = 10 * time.Second

// message is what the page sends through its binding.
type message struct {
	FD   int    `json:"fd"`
	Data string `json:"data"`
	Exit *int   `json:"exit"`
}

// Run runs file with args in a fresh headless Chromium and returns the
// program's exit code. setup, if not "", is an ES module the page runs
// before the program, bundled with its imports. When ctx ends, Chromium is
// stopped and its profile removed, and Run returns ctx's error.
func Run(ctx context.Context, file string, args []string, setup string, stdout, stderr io.Writer) (int, error) {
	if err := wasmbin.CheckFile(file); err != nil {
		return 0, err
	}
	if err := noderun.CheckArgs(append([]string{file}, args...), os.Environ()); err != nil {
		return 0, err
	}
	var setupJS []byte
	if setup != "" {
		var err error
		if setupJS, err = bundleSetup(setup); err != nil {
			return 0, err
		}
	}
	wasm, err := os.ReadFile(file)
	if err != nil {
		return 0, err
	}
	loaderJS, err := loader.Bundle(loader.Module, loader.Options{Minify: true})
	if err != nil {
		return 0, err
	}
	env := map[string]string{}
	for _, kv := range os.Environ() {
		if k, v, ok := strings.Cut(kv, "="); ok {
			env[k] = v
		}
	}
	cwd, err := os.Getwd()
	if err != nil {
		return 0, err
	}
	config, err := json.Marshal(map[string]any{"args": args, "env": env, "cwd": cwd, "setup": setup, "name": file, "constants": openFlags})
	if err != nil {
		return 0, err
	}
	files := map[string]struct {
		typ  string
		data []byte
	}{
		"/":             {"text/html; charset=utf-8", []byte(page)},
		"/run.js":       {"text/javascript", runJS},
		"/loader.js":    {"text/javascript", loaderJS},
		"/program.wasm": {"application/wasm", wasm},
		"/config.json":  {"application/json", config},
		"/setup.js":     {"text/javascript", setupJS},
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	// Everything lives under a random prefix: /fs does file operations with
	// this user's rights, and other local processes must not find it.
	secret := make([]byte, 16)
	rand.Read(secret)
	prefix := "/" + hex.EncodeToString(secret)
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name, ok := strings.CutPrefix(r.URL.Path, prefix)
		if !ok {
			http.NotFound(w, r)
			return
		}
		if name == "/fs" && r.Method == http.MethodPost {
			serveFS(w, r)
			return
		}
		f, ok := files[name]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", f.typ)
		w.Write(f.data)
	})}
	go srv.Serve(ln)
	defer srv.Close()

	profile, err := os.MkdirTemp("", "buildwasm-chromium-")
	if err != nil {
		return 0, err
	}
	defer os.RemoveAll(profile)
	parent := ctx
	ctx, cancel, err := chromium.Start(profile, "")
	if err != nil {
		return 0, err
	}
	defer cancel()
	defer context.AfterFunc(parent, cancel)()
	if limit := testTimeout(args); limit > 0 {
		var stop context.CancelFunc
		ctx, stop = context.WithTimeout(ctx, limit+Grace)
		defer stop()
	}
	if _, err := chromedp.Call(ctx, cdpruntime.AddBinding, cdpruntime.AddBindingParams{Name: "buildwasmOut"}); err != nil {
		return 0, err
	}
	calls := chromedp.Events(ctx, cdpruntime.BindingCalled)
	if err := chromedp.Do(ctx, chromedp.Navigate("http://"+ln.Addr().String()+prefix+"/")); err != nil {
		return 0, err
	}
	var tests lastTest
	for ev, err := range calls {
		if err != nil {
			break
		}
		var m message
		if json.Unmarshal([]byte(ev.Payload), &m) != nil {
			continue
		}
		if m.Exit != nil {
			return *m.Exit, nil
		}
		data, _ := base64.StdEncoding.DecodeString(m.Data)
		if m.FD == 2 {
			stderr.Write(data)
		} else {
			tests.see(data)
			stdout.Write(data)
		}
	}
	if err := parent.Err(); err != nil {
		return 0, err
	}
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		fmt.Fprintf(stderr, "buildwasm: %s ran past -test.timeout=%s without yielding to JavaScript (js/wasm has no preemption, so Go's own timeout could not fire); killed%s\n",
			filepath.Base(file), testTimeout(args), tests.describe())
		return 1, nil
	}
	return 0, fmt.Errorf("the browser went away before %s exited", filepath.Base(file))
}

// testTimeout is the -test.timeout a test binary was given, or 0.
func testTimeout(args []string) time.Duration {
	for _, a := range args {
		if v, ok := strings.CutPrefix(a, "-test.timeout="); ok {
			d, _ := time.ParseDuration(v)
			return d
		}
	}
	return 0
}

// lastTest follows "=== RUN" lines (go test -v, or -json's framing) to name
// the test that was running when a program had to be killed.
type lastTest struct {
	name    string
	pending []byte
}

func (l *lastTest) see(data []byte) {
	l.pending = append(l.pending, data...)
	for {
		i := bytes.IndexByte(l.pending, '\n')
		if i < 0 {
			return
		}
		line := strings.TrimLeft(string(l.pending[:i]), "\x16")
		l.pending = l.pending[i+1:]
		if name, ok := strings.CutPrefix(line, "=== RUN"); ok {
			l.name = strings.TrimSpace(name)
		}
	}
}

func (l *lastTest) describe() string {
	if l.name == "" {
		return " (run with -v to have the test named)"
	}
	return "; the test running was " + l.name
}

// bundleSetup bundles the setup module for the page, its imports included
// (relative ones and packages from node_modules), since the page can reach
// no file but the runner's.
func bundleSetup(file string) ([]byte, error) {
	if err := noderun.CheckScript(file); err != nil {
		return nil, err
	}
	result := api.Build(api.BuildOptions{
		EntryPoints:   []string{file},
		AbsWorkingDir: filepath.Dir(file),
		Bundle:        true,
		Format:        api.FormatESModule,
		Platform:      api.PlatformBrowser,
		Target:        api.ES2022,
		LogLevel:      api.LogLevelSilent,
	})
	if len(result.Errors) > 0 {
		m := result.Errors[0]
		where := file
		if m.Location != nil {
			where = fmt.Sprintf("%s:%d:%d", filepath.Join(filepath.Dir(file), m.Location.File), m.Location.Line, m.Location.Column+1)
		}
		return nil, fmt.Errorf("setup script %s: %s", where, m.Text)
	}
	return result.OutputFiles[0].Contents, nil
}
