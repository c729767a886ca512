package tests

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"testing"
	"time"
)

// firefoxPage is the test's page: it opens the hello dist in a frame and
// runs the panic cases with the panics dist's loader, and sends what it
// saw back to the test's server.
const firefoxPage = `<!doctype html><meta charset="utf-8"><title>buildwasm in Firefox</title>
<iframe id="hello" src="/hello/"></iframe>
<script type="module">
const report = (what, value) => fetch("/report/" + what, { method: "POST", body: JSON.stringify(value) });
try {
  const frame = document.getElementById("hello");
  for (let i = 0; i < 300 && !frame.contentDocument?.querySelector("#greeting"); i++) {
    await new Promise((r) => setTimeout(r, 100));
  }
  const { load } = await import("/dist/loader.js");
  const hello = await load("/hello-program.wasm");
  await report("hello", {
    greeting: frame.contentDocument.querySelector("#greeting")?.textContent ?? "",
    greet: hello.exports.greet("Firefox"),
    errorBoxes: frame.contentDocument.querySelectorAll(".buildwasm-error").length,
  });
  const { run } = await import("/cases/panics-cases.mjs");
  await report("panics", await run(load, "/dist/panics.wasm"));
} catch (err) {
  await report("error", String(err?.stack ?? err));
}
</script>
`

// The loader in headless Firefox (Debian's firefox-esr), which nothing else
// runs: the hello dist's page loads and its export answers, and every
// callback panic reaches its caller as a GoPanicError with its Go frames
// while the program lives on, as in Chromium and Node.
func TestFirefox(t *testing.T) {
	firefox, err := exec.LookPath("firefox-esr")
	if err != nil {
		if firefox, err = exec.LookPath("firefox"); err != nil {
			t.Fatal("firefox-esr is not on PATH: scripts/deps.sh installs it (Debian package firefox-esr)")
		}
	}
	dist, err := panicsDist()
	if err != nil {
		t.Fatal(err)
	}
	helloDir := hello(t)
	reports := make(chan [2]string, 4)
	mux := casesMux(t, dist)
	mux.Handle("/hello/", http.StripPrefix("/hello", http.FileServer(http.Dir(helloDir))))
	mux.HandleFunc("/hello-program.wasm", func(w http.ResponseWriter, r *http.Request) {
		http.ServeFile(w, r, distFile(t, helloDir, "wasm"))
	})
	mux.HandleFunc("/page.html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, firefoxPage)
	})
	mux.HandleFunc("/report/", func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		reports <- [2]string{r.URL.Path[len("/report/"):], string(body)}
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)

	profile := t.TempDir()
	ff := startProcess(t, "", []string{"HOME=" + profile, "TMPDIR=" + profile, "MOZ_CRASHREPORTER_DISABLE=1"},
		firefox, "--headless", "--no-remote", "--profile", profile, srv.URL+"/page.html")
	got := map[string]string{}
	for len(got) < 2 {
		select {
		case r := <-reports:
			if r[0] == "error" {
				t.Fatalf("the page failed: %s", r[1])
			}
			got[r[0]] = r[1]
		case <-time.After(2 * time.Minute):
			t.Fatalf("Firefox reported %d of 2 results in 2 minutes:\n%s", len(got), ff.output())
		}
	}
	var hello struct {
		Greeting, Greet string
		ErrorBoxes      int
	}
	if err := json.Unmarshal([]byte(got["hello"]), &hello); err != nil || hello.Greet != "Hello, Firefox!" ||
		hello.ErrorBoxes != 0 || len(hello.Greeting) < 13 || hello.Greeting[:13] != "Hello, world!" {
		t.Errorf("the hello dist in Firefox: %+v %v", hello, err)
	}
	var r panicResults
	if err := json.Unmarshal([]byte(got["panics"]), &r); err != nil {
		t.Fatal(err)
	}
	checkCallbackPanics(t, r, fixtureFile)
	// Failures that end the program: code 2 and the cause named later,
	// with Firefox's own error names for traps and recursion.
	for name, o := range map[string]exitOutcome{"goexit": r.Goexit, "goroutine panic": r.GoroutinePanic, "fatal error": r.GoStackOverflow,
		"trap": r.Trap, "deep recursion": r.DeepRecursion, "throwing getter": r.ThrowingGetter} {
		if o.Code != 2 || o.Error == nil || o.Later == nil || o.Later.Name != "GoExitedError" {
			t.Errorf("%s: %+v, want code 2, the error, and GoExitedError later", name, o)
		}
	}
}
