package tests

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// serveFixture copies testdata/served into a module of its own (so the test
// can edit it) and starts buildwasm serve with flags on it; it returns the
// URL, the source file and the folder of the builds.
func serveFixture(t *testing.T, flags ...string) (url, source, builds string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "served")
	os.MkdirAll(dir, 0o755)
	src, err := os.ReadFile("testdata/served/main.go")
	if err != nil {
		t.Fatal(err)
	}
	source = filepath.Join(dir, "main.go")
	os.WriteFile(source, src, 0o644)
	os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module served\n\ngo 1.24\n"), 0o644)
	builds = filepath.Join(t.TempDir(), "builds")
	cmd := exec.Command(buildwasmBin, append(append([]string{"serve", "-addr", "127.0.0.1:0", "-o", builds}, flags...), ".")...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off")
	var log bytes.Buffer
	cmd.Stderr = &log
	stdout, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Signal(os.Interrupt)
		cmd.Wait()
		if t.Failed() {
			t.Logf("buildwasm serve said:\n%s", log.String())
		}
	})
	lines := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(stdout).ReadString('\n')
		lines <- strings.TrimSpace(line)
	}()
	select {
	case url = <-lines:
	case <-time.After(60 * time.Second):
		t.Fatalf("buildwasm serve printed no URL in 60s:\n%s", log.String())
	}
	if !strings.HasPrefix(url, "http://127.0.0.1:") {
		t.Fatalf("buildwasm serve printed %q, want a loopback URL\n%s", url, log.String())
	}
	return url, source, builds
}

// latestBuild is the newest build folder under builds.
func latestBuild(t *testing.T, builds string) string {
	entries, _ := os.ReadDir(builds)
	best := -1
	for _, e := range entries {
		if n, err := strconv.Atoi(e.Name()); err == nil && n > best {
			best = n
		}
	}
	if best < 0 {
		t.Fatalf("no build in %s", builds)
	}
	return filepath.Join(builds, strconv.Itoa(best))
}

func get(t *testing.T, url string, header ...string) (*http.Response, []byte) {
	t.Helper()
	req, _ := http.NewRequest("GET", url, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	// Go's client asks for gzip and decodes it unless the request names
	// an encoding itself; the tests want the bytes on the wire.
	req.Header.Set("Accept-Encoding", req.Header.Get("Accept-Encoding"))
	res, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res, body
}

// rawGet sends path exactly as written, as a browser never would.
func rawGet(t *testing.T, url, path string) string {
	t.Helper()
	c, err := net.Dial("tcp", strings.TrimSuffix(strings.TrimPrefix(url, "http://"), "/"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	fmt.Fprintf(c, "GET %s HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", path)
	b, _ := io.ReadAll(c)
	return string(b)
}

// What a static host must get right: MIME types, encoding negotiation
// with Vary, revalidation, and no way out of the build folder.
func TestServeHeaders(t *testing.T) {
	url, _, builds := serveFixture(t)
	dist := latestBuild(t, builds)
	wasm, _ := os.ReadFile(filepath.Join(dist, "served.wasm"))

	res, body := get(t, url)
	if res.StatusCode != 200 || res.Header.Get("Content-Type") != "text/html; charset=utf-8" || res.Header.Get("Cache-Control") != "no-cache" ||
		!bytes.Contains(body, []byte(`<script type="module" src="/_buildwasm/reload.js?gen=1"></script></head>`)) {
		t.Errorf("GET /: %d %v\n%s", res.StatusCode, res.Header, body)
	}
	for _, c := range []struct{ accept, encoding string }{
		{"br, gzip", "br"},
		{"gzip, deflate, br;q=0", "gzip"},
		{"identity", ""},
		{"", ""},
	} {
		res, body := get(t, url+"served.wasm", "Accept-Encoding", c.accept)
		h := res.Header
		if res.StatusCode != 200 || h.Get("Content-Type") != "application/wasm" || h.Get("Content-Encoding") != c.encoding ||
			h.Get("Vary") != "Accept-Encoding" || h.Get("Cache-Control") != "no-cache" || h.Get("Last-Modified") == "" {
			t.Errorf("Accept-Encoding %q: %d %v", c.accept, res.StatusCode, h)
			continue
		}
		decoded, err := body, error(nil)
		if c.encoding != "" {
			decoded, err = decode(c.encoding, body)
		}
		if err != nil || !bytes.Equal(decoded, wasm) {
			t.Errorf("Accept-Encoding %q: the body is not the program (%v)", c.accept, err)
		}
	}
	res, _ = get(t, url+"served.wasm")
	res, _ = get(t, url+"served.wasm", "If-Modified-Since", res.Header.Get("Last-Modified"))
	if res.StatusCode != http.StatusNotModified {
		t.Errorf("revalidation: %d, want 304", res.StatusCode)
	}
	for path, ct := range map[string]string{"loader.js": "text/javascript; charset=utf-8", "style.css": "text/css; charset=utf-8", "served.wasm.map": "application/json", "manifest.json": "application/json"} {
		if res, _ := get(t, url+path); res.StatusCode != 200 || res.Header.Get("Content-Type") != ct {
			t.Errorf("%s: %d %q, want %s", path, res.StatusCode, res.Header.Get("Content-Type"), ct)
		}
	}

	// Out of the folder: by .., encoded or not, and through a symlink.
	secret := filepath.Join(filepath.Dir(builds), "secret.txt")
	os.WriteFile(secret, []byte("not for the web"), 0o644)
	os.Symlink(secret, filepath.Join(dist, "link.txt"))
	for _, path := range []string{"/../secret.txt", "/%2e%2e/secret.txt", "/..%2fsecret.txt", "/x/../../secret.txt", "/link.txt"} {
		resp := rawGet(t, url, path)
		if strings.Contains(resp, "not for the web") || !strings.HasPrefix(resp, "HTTP/1.1 403") {
			t.Errorf("GET %s: %s", path, strings.SplitN(resp, "\r\n", 2)[0])
		}
	}
	if res, _ := get(t, url+"missing.js"); res.StatusCode != 404 {
		t.Errorf("missing file: %d", res.StatusCode)
	}
}

// waitText polls the page until selector's text contains want; the page
// may reload meanwhile.
func waitText(t *testing.T, tab context.Context, selector, want string) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	var got string
	for time.Now().Before(deadline) {
		got, _ = chromedp.Run(tab, chromedp.Evaluate[string](fmt.Sprintf(`document.querySelector(%q)?.textContent ?? ""`, selector)))
		if strings.Contains(got, want) {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("%s never showed %q (last: %q)", selector, want, got)
}

// The dev loop: an edit rebuilds and reloads the page; a compile error
// replaces the app with the compiler's message; the fix brings it back.
func TestServeReload(t *testing.T) {
	url, source, _ := serveFixture(t)
	src, _ := os.ReadFile(source)
	tab := newTab(t)
	if err := chromedp.Do(tab, chromedp.Navigate(url)); err != nil {
		t.Fatal(err)
	}
	waitText(t, tab, "#msg", "version 1")

	edit := func(from, to string) {
		t.Helper()
		next := bytes.Replace(src, []byte(from), []byte(to), 1)
		if bytes.Equal(next, src) {
			t.Fatalf("%q is not in the source", from)
		}
		src = next
		if err := os.WriteFile(source, src, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	edit(`"version 1"`, `"version 2"`)
	waitText(t, tab, "#msg", "version 2")

	edit(`const message = "version 2"`, `const message = 42 +`)
	waitText(t, tab, ".buildwasm-build-error", "main.go:")
	var msgs int
	evaluate(t, tab, `return document.querySelectorAll("#msg").length`, &msgs)
	if msgs != 0 {
		t.Error("the stale app is still on the page next to the compile error")
	}

	edit(`const message = 42 +`, `const message = "version 3"`)
	waitText(t, tab, "#msg", "version 3")

	// A page template next to the package is a source too.
	template := `<!doctype html><html><head><title>served</title>{{.Head}}</head><body><h1 id="tpl">from the template</h1></body></html>`
	if err := os.WriteFile(filepath.Join(filepath.Dir(source), "index.html"), []byte(template), 0o644); err != nil {
		t.Fatal(err)
	}
	waitText(t, tab, "#tpl", "from the template")
	waitText(t, tab, "#msg", "version 3")
}

// serve -worker runs the page's program in a Web Worker, as a -worker
// deploy does: the fixture, which uses document, gets the page's error box
// saying why, in development already.
func TestServeWorker(t *testing.T) {
	url, _, _ := serveFixture(t, "-worker")
	_, page := get(t, url+"/")
	if !strings.Contains(string(page), `data-buildwasm-worker=""`) {
		t.Errorf("index.html does not ask for worker mode:\n%s", page)
	}
	tab := newTab(t)
	if err := chromedp.Do(tab, chromedp.Navigate(url+"/"), chromedp.WaitVisible(".buildwasm-error")); err != nil {
		t.Fatal(err)
	}
	var shown string
	evaluate(t, tab, `return document.querySelector(".buildwasm-error").textContent`, &shown)
	if !strings.Contains(shown, "runs in a Web Worker") || !strings.Contains(shown, "cannot use document") {
		t.Errorf("error box: %q", shown)
	}
}

// serve -csp sends the policy a -csp build writes into its header files;
// the app and the page of a failed build both hold under it.
func TestServeCSP(t *testing.T) {
	url, source, builds := serveFixture(t, "-csp")
	headers, _ := os.ReadFile(filepath.Join(latestBuild(t, builds), "_headers"))
	_, want, _ := strings.Cut(string(headers), "Content-Security-Policy: ")
	want, _, _ = strings.Cut(want, "\n")
	if resp, _ := get(t, url+"/"); want == "" || resp.Header.Get("Content-Security-Policy") != want {
		t.Fatalf("Content-Security-Policy %q, want the build's %q", resp.Header.Get("Content-Security-Policy"), want)
	}
	tab := newTab(t)
	if err := chromedp.Do(tab); err != nil {
		t.Fatal(err)
	}
	onNewDocument(t, tab, recordViolations)
	if err := chromedp.Do(tab, chromedp.Navigate(url)); err != nil {
		t.Fatal(err)
	}
	waitText(t, tab, "#msg", "version 1")
	var violations []string
	evaluate(t, tab, `return violations`, &violations)
	if len(violations) > 0 {
		t.Errorf("CSP violations on the app's page: %v", violations)
	}

	src, _ := os.ReadFile(source)
	os.WriteFile(source, bytes.Replace(src, []byte(`const message = "version 1"`), []byte(`const message = 42 +`), 1), 0o644)
	waitText(t, tab, ".buildwasm-build-error", "main.go:")
	styled := `document.readyState === "complete" && getComputedStyle(document.querySelector("pre")).borderTopColor === "rgb(204, 51, 51)"`
	if _, err := chromedp.Run(tab, chromedp.Poll[bool](styled, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		t.Errorf("the page of a failed build under the policy never got its stylesheet: %v", err)
	}
	evaluate(t, tab, `return violations`, &violations)
	if len(violations) > 0 {
		t.Errorf("CSP violations on the page of a failed build: %v", violations)
	}
}

// Tests and testdata are no part of the program: changing them rebuilds
// nothing and reloads no page; a change to the program still does.
func TestServeIgnoresTests(t *testing.T) {
	url, source, builds := serveFixture(t)
	get(t, url+"/")
	first := latestBuild(t, builds)
	dir := filepath.Dir(source)
	os.WriteFile(filepath.Join(dir, "main_test.go"), []byte("package main\n"), 0o644)
	os.MkdirAll(filepath.Join(dir, "testdata"), 0o755)
	os.WriteFile(filepath.Join(dir, "testdata", "fixture.go"), []byte("package fixture\n"), 0o644)
	time.Sleep(2 * time.Second) // the watcher looks every 300 ms
	if now := latestBuild(t, builds); now != first {
		t.Errorf("a test file's change rebuilt the program (%s after %s)", now, first)
	}
	src, _ := os.ReadFile(source)
	os.WriteFile(source, append(src, "\n// changed\n"...), 0o644)
	for deadline := time.Now().Add(time.Minute); latestBuild(t, builds) == first; time.Sleep(100 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("a change to the program rebuilt nothing in a minute")
		}
	}
}
