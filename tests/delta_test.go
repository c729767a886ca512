package tests

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/buildwasm/buildwasm/internal/dist"
	"github.com/buildwasm/buildwasm/tests/nginx"
)

// overlayEdit is the -overlay flag of a build in which file has old
// replaced by new: version 2 of a program, with a one-line change.
func overlayEdit(t *testing.T, file, old, new string) string {
	t.Helper()
	src, err := filepath.Abs(file)
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	changed := strings.Replace(string(b), old, new, 1)
	if changed == string(b) {
		t.Fatalf("%s changed: it no longer holds the line this test edits, %s", file, old)
	}
	dir := t.TempDir()
	edited := filepath.Join(dir, filepath.Base(file))
	overlay, _ := json.Marshal(map[string]map[string]string{"Replace": {src: edited}})
	os.WriteFile(edited, []byte(changed), 0o644)
	os.WriteFile(filepath.Join(dir, "overlay.json"), overlay, 0o644)
	return "-overlay=" + filepath.Join(dir, "overlay.json")
}

// servedLog serves dist with nginx on port and logs its requests in the
// "requests" format; the returned func reads the log's lines.
func servedLog(t *testing.T, port int, dist string) (stop func(), lines func() []string) {
	t.Helper()
	work := t.TempDir()
	log := filepath.Join(work, "access.log")
	s, err := nginx.StartAt(port, dist, work, "access_log "+log+" requests;")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Stop)
	return s.Stop, func() []string {
		b, _ := os.ReadFile(log)
		return strings.Split(strings.TrimSpace(string(b)), "\n")
	}
}

// recordBar keeps the download bar's last value and max in window.barEnd
// when boot.js removes it at ready.
const recordBar = `
new MutationObserver((records) => {
	for (const r of records) for (const n of r.removedNodes)
		if (n.className === "buildwasm-progress") window.barEnd = [n.value, n.max];
}).observe(document, { childList: true, subtree: true });`

// probeAt opens url, waits for buildwasm:ready and returns what the
// script probe returns, as a string; it finds the App in app.
func probeAt(t *testing.T, tab context.Context, url, probe string) string {
	t.Helper()
	if err := chromedp.Do(tab, chromedp.Navigate(url)); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(30 * time.Second); ; {
		if ok, _ := chromedp.Run(tab, chromedp.Evaluate[bool](`window.app !== undefined`)); ok {
			break
		}
		if time.Now().After(deadline) {
			box, _ := chromedp.Run(tab, chromedp.Evaluate[string](`document.querySelector(".buildwasm-error")?.textContent ?? ""`))
			t.Fatalf("no buildwasm:ready within 30s at %s; error box: %q", url, box)
		}
		time.Sleep(50 * time.Millisecond)
	}
	var got string
	evaluate(t, tab, probe, &got)
	return got
}

// logLine is the access log's line for the request of path, split into
// status, body bytes, Available-Dictionary and Content-Encoding (nginx
// logs a missing header as "-").
func logLine(t *testing.T, lines []string, path string) []string {
	t.Helper()
	for _, l := range lines {
		if f := strings.Fields(l); len(f) == 5 && f[0] == path {
			for i := range f[3:] {
				f[3+i] = strings.Trim(f[3+i], `"`)
			}
			return f[1:]
		}
	}
	t.Fatalf("no request for %s in nginx's log:\n%s", path, strings.Join(lines, "\n"))
	return nil
}

func fileOf(t *testing.T, m distManifest, name string) dist.File {
	t.Helper()
	for _, f := range m.Files {
		if f.Name == name {
			return f
		}
	}
	t.Fatalf("the manifest lists no %s", name)
	return dist.File{}
}

// headerOf is a header of CDP's raw header map, by any case of its name.
func headerOf(h network.Headers, name string) string {
	for k, v := range h {
		if strings.EqualFold(k, name) {
			return fmt.Sprint(v)
		}
	}
	return ""
}

// A returning visitor after a deploy, in headless Chromium against nginx
// with the emitted config: version 1 is served with Use-As-Dictionary;
// version 2, built with -delta-from version 1, reaches that browser as the
// dcz delta (Available-Dictionary sent, Content-Encoding: dcz, the delta's
// bytes on the wire) and runs; a browser without the dictionary gets br.
// With -wasm-integrity and -worker the worker's fetch checks SRI over the
// decoded body. The download bar ends at the decoded size. On the main
// thread the module compiled from the delta is put in V8's code cache and
// the next visit takes it from there.
func TestNginxDelta(t *testing.T) {
	for _, c := range []struct {
		flags        []string
		pkg, file    string
		old, new     string // the line version 2 changes
		probe        string // a script that tells the versions apart
		want1, want2 string
	}{
		{nil, "../examples/hello", "../examples/hello/main.go", `"Hello, %s!"`, `"Hi, %s!"`,
			`return app.exports.greet("delta")`, "Hello, delta!", "Hi, delta!"},
		{[]string{"-wasm-integrity", "-worker"}, "./testdata/worker", "testdata/worker/main.go", "n * 2", "n * 3",
			`return String(await app.exports.later(21))`, "42", "63"},
	} {
		t.Run("build "+strings.Join(c.flags, " "), func(t *testing.T) {
			worker := len(c.flags) > 0
			tmp := t.TempDir()
			v2 := overlayEdit(t, c.file, c.old, c.new)
			dist1 := buildDist(t, filepath.Join(tmp, "v1"), append(c.flags, c.pkg)...)
			dist2 := buildDist(t, filepath.Join(tmp, "v2"), append(c.flags, v2, "-delta-from", dist1, c.pkg)...)
			// nginx's ETag is the file's mtime (in seconds) and size: two
			// builds in one second give version 2's index.html, of the same
			// size, version 1's ETag, and the revalidation a 304. A real
			// deploy comes later.
			later := time.Now().Add(time.Minute)
			for _, name := range []string{"index.html", "index.html.br", "index.html.gz"} {
				if err := os.Chtimes(filepath.Join(dist2, name), later, later); err != nil {
					t.Fatal(err)
				}
			}
			m1, m2 := readManifest(t, dist1), readManifest(t, dist2)
			old, err := os.ReadFile(filepath.Join(dist1, m1.Entry["wasm"]))
			if err != nil {
				t.Fatal(err)
			}
			sum := sha256.Sum256(old)
			available := ":" + base64.StdEncoding.EncodeToString(sum[:]) + ":"
			var delta dist.File
			for _, f := range m2.Files {
				if f.Encoding == "dcz" {
					delta = f
				}
			}
			br := fileOf(t, m2, m2.Entry["wasm"]+".br")
			if delta.Original != m2.Entry["wasm"] || delta.Size*10 > br.Size {
				t.Fatalf("delta %+v of %s; want one, under a tenth of the br file (%d bytes)", delta, m2.Entry["wasm"], br.Size)
			}

			port, err := nginx.FreePort()
			if err != nil {
				t.Fatal(err)
			}
			url := fmt.Sprintf("http://127.0.0.1:%d/", port)
			tab := newBrowser(t, codeCacheFlags)
			if err := chromedp.Do(tab); err != nil {
				t.Fatal(err)
			}
			onNewDocument(t, tab, `document.addEventListener("buildwasm:ready", (e) => (window.app = e.detail));`+recordBar)
			net := watchNetwork(tab)
			checkWarnings := watchWarnings(t, tab)

			stop, log1 := servedLog(t, port, dist1)
			if got := probeAt(t, tab, url, c.probe); got != c.want1 {
				t.Fatalf("version 1: %q", got)
			}
			if l := logLine(t, log1(), "/"+m1.Entry["wasm"]); l[3] != "br" {
				t.Errorf("version 1's program: %v, want br", l)
			}
			time.Sleep(time.Second) // Chromium stores the dictionary once the body is in
			stop()

			// The deploy: version 2 on the same origin, with its own nginx.conf.
			_, log2 := servedLog(t, port, dist2)
			var v2Events map[string]int
			v2Events = traceWasm(t, tab, func() {
				if got := probeAt(t, tab, url, c.probe); got != c.want2 {
					t.Fatalf("version 2: %q; nginx's log: %q", got, log2())
				}
			})
			// The download bar divides by the decoded size the page knows,
			// not by Content-Length, which counts the delta's bytes.
			var bar []int
			evaluate(t, tab, `return window.barEnd ?? []`, &bar)
			if size := delta.DecodedSize; len(bar) != 2 || bar[0] != size || bar[1] != size {
				t.Errorf("the download bar ended at [value, max] = %v, want [%d, %d]", bar, size, size)
			}
			if l := logLine(t, log2(), "/"+m2.Entry["wasm"]); l[0] != "200" || l[1] != fmt.Sprint(delta.Size) || l[2] != available || l[3] != "dcz" {
				t.Errorf("version 2's program: status, bytes, Available-Dictionary, Content-Encoding = %v; want 200 %d %s dcz", l, delta.Size, available)
			}
			if !worker {
				checkVariants(t, url+m2.Entry["wasm"], available, map[string]int{"dcz": delta.Size, "br": br.Size,
					"gzip": fileOf(t, m2, m2.Entry["wasm"]+".gz").Size, "": delta.DecodedSize})
				net.check(t, m2.Entry["wasm"], available, "dcz", delta.Size)
				// The module compiled from the delta's decoded stream is
				// cached by V8, and the next visit takes it from there.
				waitCached(t, tab, v2Events)
				if err := chromedp.Do(tab, chromedp.Navigate("about:blank")); err != nil {
					t.Fatal(err)
				}
				third := traceWasm(t, tab, func() { probeAt(t, tab, url, c.probe) })
				if third["v8.wasm.moduleCacheHit"] == 0 || third["v8.wasm.moduleCacheInvalid"] > 0 {
					t.Errorf("the visit after the delta: no valid v8.wasm.moduleCacheHit; wasm events: %v", third)
				}
			}
			checkWarnings()

			// A browser that never saw version 1 holds no dictionary: br.
			fresh := newBrowser(t, "")
			if err := chromedp.Do(fresh); err != nil {
				t.Fatal(err)
			}
			onNewDocument(t, fresh, `document.addEventListener("buildwasm:ready", (e) => (window.app = e.detail));`)
			freshNet := watchNetwork(fresh)
			seen := len(log2())
			if got := probeAt(t, fresh, url, c.probe); got != c.want2 {
				t.Fatalf("version 2 without a dictionary: %q", got)
			}
			if l := logLine(t, log2()[seen:], "/"+m2.Entry["wasm"]); l[1] != fmt.Sprint(br.Size) || l[2] != "-" || l[3] != "br" {
				t.Errorf("version 2 for a browser without the dictionary: %v; want %d bytes of br", l, br.Size)
			}
			if !worker {
				freshNet.check(t, m2.Entry["wasm"], "", "br", br.Size)
			}
		})
	}
}

// checkVariants asks nginx for the program as clients that differ in what
// they hold and accept: only one that holds the dictionary and accepts dcz
// gets the delta, and every variant (dcz, br, gzip, identity) varies on
// both headers. size gives each encoding's body size ("" for identity).
func checkVariants(t *testing.T, url, available string, size map[string]int) {
	t.Helper()
	for _, c := range []struct {
		dictionary, accept, want string
	}{
		{available, "gzip, deflate, br, zstd, dcz", "dcz"},
		{available, "gzip, deflate, br, zstd", "br"},
		{":" + base64.StdEncoding.EncodeToString(make([]byte, 32)) + ":", "br, dcz", "br"},
		{"", "br, dcz", "br"},
		{available, "gzip, dcz;q=0.5", "dcz"},
		{"", "gzip", "gzip"},
		{available, "identity", ""},
	} {
		req, err := http.NewRequest("GET", url, nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Accept-Encoding", c.accept)
		if c.dictionary != "" {
			req.Header.Set("Available-Dictionary", c.dictionary)
		}
		res, err := (&http.Transport{DisableCompression: true}).RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(res.Body)
		res.Body.Close()
		if err != nil {
			t.Fatal(err)
		}
		h := res.Header
		if h.Get("Content-Encoding") != c.want || len(body) != size[c.want] || h.Get("Content-Type") != "application/wasm" ||
			strings.Join(h.Values("Vary"), ", ") != "Accept-Encoding, Available-Dictionary" || !strings.HasPrefix(h.Get("Use-As-Dictionary"), `match="/`) {
			t.Errorf("Available-Dictionary %q, Accept-Encoding %q: %s, %d bytes, headers %v; want Content-Encoding %q, %d bytes, application/wasm, Vary on both, Use-As-Dictionary",
				c.dictionary, c.accept, res.Status, len(body), h, c.want, size[c.want])
		}
	}
}

// networkEvents are a tab's CDP network events with the headers as sent
// and received on the wire.
type networkEvents struct {
	requests func() []network.EventRequestWillBeSent
	sent     func() []network.EventRequestWillBeSentExtraInfo
	received func() []network.EventResponseReceivedExtraInfo
	finished func() []network.EventLoadingFinished
}

func watchNetwork(tab context.Context) networkEvents {
	return networkEvents{collect(tab, network.RequestWillBeSent), collect(tab, network.RequestWillBeSentExtraInfo),
		collect(tab, network.ResponseReceivedExtraInfo), collect(tab, network.LoadingFinished)}
}

// check finds the page's (last) request for name and checks what Chromium
// sent and got: its Available-Dictionary header ("" for none), the
// response's Content-Encoding and Vary, and the bytes on the wire (the
// body plus its headers).
func (n networkEvents) check(t *testing.T, name, available, encoding string, size int) {
	t.Helper()
	var id network.RequestID
	for _, r := range n.requests() {
		if strings.HasSuffix(r.Request.URL, "/"+name) {
			id = r.RequestID
		}
	}
	if id == "" {
		t.Fatalf("Chromium made no request for %s", name)
	}
	for _, s := range n.sent() {
		if s.RequestID == id {
			if got := headerOf(s.Headers, "Available-Dictionary"); got != available {
				t.Errorf("request for %s: Available-Dictionary %q, want %q", name, got, available)
			}
			if ae := headerOf(s.Headers, "Accept-Encoding"); available != "" && !strings.Contains(ae, "dcz") {
				t.Errorf("request for %s: Accept-Encoding %q lacks dcz", name, ae)
			}
		}
	}
	for _, r := range n.received() {
		if r.RequestID == id {
			if got := headerOf(r.Headers, "Content-Encoding"); got != encoding {
				t.Errorf("response for %s: Content-Encoding %q, want %q", name, got, encoding)
			}
			if got := headerOf(r.Headers, "Vary"); got != "Accept-Encoding, Available-Dictionary" {
				t.Errorf("response for %s: Vary %q", name, got)
			}
		}
	}
	for _, f := range n.finished() {
		if f.RequestID == id {
			if got := int(f.EncodedDataLength); got < size || got > size+2048 {
				t.Errorf("response for %s: %d bytes on the wire, want the %d of the %s body and its headers", name, got, size, encoding)
			}
			return
		}
	}
	t.Errorf("no LoadingFinished for %s", name)
}
