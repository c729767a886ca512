package devserver

import (
	"bytes"
	"context"
	_ "embed"
	"errors"
	"fmt"
	"html/template"
	"io"
	"maps"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/buildwasm/buildwasm/internal/dist"
	"github.com/buildwasm/buildwasm/internal/toolchain"
)

// Options say what to serve and where.
type Options struct {
	// Addr is the address to listen on; default 127.0.0.1:8080.
	Addr string
	// Build describes the package; Dev and OutDir are the server's.
	Build dist.Options
	// OutDir holds the builds; default a temporary folder removed at exit.
	OutDir string
	// Log receives one line per build and the compiler's errors.
	Log io.Writer
	// Interval is how often sources are checked for changes; default 300ms.
	Interval time.Duration
	// Listening, if set, is called with the server's URL once it accepts
	// connections.
	Listening func(url string)
}

// Serve builds, serves and watches until ctx is done. A failed first build
// is served too: the page shows the errors until a change fixes them;
// but a package that is not one main package is an error at once.
func Serve(ctx context.Context, o Options) error {
	if o.Addr == "" {
		o.Addr = "127.0.0.1:8080"
	}
	if o.Log == nil {
		o.Log = io.Discard
	}
	if o.Interval == 0 {
		o.Interval = 300 * time.Millisecond
	}
	s := &server{o: o, subscribers: map[chan int]bool{}}
	if o.OutDir == "" {
		dir, err := os.MkdirTemp("", "buildwasm-serve-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		s.root = dir
	} else {
		if err := os.MkdirAll(o.OutDir, 0o755); err != nil {
			return err
		}
		s.root = o.OutDir
	}
	watchRoot, err := sourceRoot(o.Build)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", o.Addr)
	if err != nil {
		return err
	}
	if host, _, _ := net.SplitHostPort(ln.Addr().String()); !net.ParseIP(host).IsLoopback() {
		fmt.Fprintf(o.Log, "buildwasm: warning: listening on %s, not loopback: others on the network can read the build\n", host)
	}
	defer ln.Close()
	if err := s.build(ctx); errors.As(err, new(toolchain.NotMainError)) {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err // stopped during the first build, which may have finished
	}
	srv := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		s.closeSubscribers()
		shutdown, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		srv.Shutdown(shutdown)
	}()
	go s.watch(ctx, watchRoot)
	url := "http://" + ln.Addr().String() + "/"
	fmt.Fprintf(o.Log, "buildwasm: serving %s, watching %s\n", url, watchRoot)
	if o.Listening != nil {
		o.Listening(url)
	}
	if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return ctx.Err() // stopped by a signal: the command says so
}

type server struct {
	o    Options
	root string // one folder per build below it

	mu          sync.Mutex
	public      string      // the static folder of the last good build, or ""
	gen         int         // builds finished, good or failed
	files       *fileServer // the last good build
	failure     string      // what the last build printed, if it failed
	subscribers map[chan int]bool
}

// build makes generation gen+1 in a folder of its own, so requests keep
// reading the previous one until the new one is complete. It returns the
// build's error, which the page shows.
func (s *server) build(ctx context.Context) error {
	s.mu.Lock()
	next := s.gen + 1
	s.mu.Unlock()
	dir := filepath.Join(s.root, strconv.Itoa(next))
	var output bytes.Buffer
	o := s.o.Build
	o.Dev, o.OutDir, o.Stderr = true, dir, &output
	start := time.Now()
	res, err := dist.Build(ctx, o)
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if next == 1 && errors.As(err, new(toolchain.NotMainError)) {
		return err // a start-up error: serving its page would wait forever
	}
	var files *fileServer
	if err == nil {
		files, err = newFileServer(dir)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.gen = next
	if err != nil {
		s.failure = strings.TrimSpace(output.String())
		if !errors.Is(err, toolchain.ErrGoBuild) || s.failure == "" {
			s.failure = strings.TrimSpace(s.failure + "\n" + err.Error())
		}
		fmt.Fprintf(s.o.Log, "buildwasm: build failed; the page shows why:\n%s\n", s.failure)
	} else {
		s.files, s.failure, s.public = files, "", res.Public
		fmt.Fprintf(s.o.Log, "buildwasm: built in %.2fs\n", time.Since(start).Seconds())
		// Keep the previous build for requests still reading it.
		os.RemoveAll(filepath.Join(s.root, strconv.Itoa(next-2)))
	}
	for ch := range s.subscribers {
		select {
		case ch <- s.gen:
		default: // a slow page; it gets the next one
		}
	}
	return err
}

// sources stamps the files a build reads (see stamps), the static folder
// included where it lies outside root.
func (s *server) sources(root, skip string) map[string]stamp {
	s.mu.Lock()
	public := s.public
	s.mu.Unlock()
	out := stamps(root, skip, public)
	if rel, err := filepath.Rel(root, public); public != "" && (err != nil || strings.HasPrefix(rel, "..")) {
		maps.Copy(out, stamps(public, skip, public))
	}
	return out
}

// watch rebuilds when a source changes, once the changes settle (an editor
// saving several files, a git checkout).
func (s *server) watch(ctx context.Context, root string) {
	skip, _ := filepath.Abs(s.root)
	last := s.sources(root, skip)
	tick := time.NewTicker(s.o.Interval)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		now := s.sources(root, skip)
		if equalStamps(now, last) {
			continue
		}
		for settled := false; !settled; {
			select {
			case <-ctx.Done():
				return
			case <-time.After(100 * time.Millisecond):
			}
			next := s.sources(root, skip)
			settled, now = equalStamps(next, now), next
		}
		last = now
		s.build(ctx)
	}
}

func (s *server) subscribe() (chan int, int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ch := make(chan int, 1)
	s.subscribers[ch] = true
	return ch, s.gen
}

func (s *server) unsubscribe(ch chan int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.subscribers, ch)
}

func (s *server) closeSubscribers() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for ch := range s.subscribers {
		close(ch)
		delete(s.subscribers, ch)
	}
}

//go:embed reload.js
var reloadJS []byte

// errorCSS styles the page of a failed build; a file of its own, so that
// the page holds under -csp, which forbids inline styles.
const errorCSS = `body { margin: 2em; font: 15px/1.5 system-ui, sans-serif; }
pre { padding: 1em; border: 1px solid #c33; border-radius: 4px; background: #fff5f5; color: #900; white-space: pre-wrap; font: 13px/1.4 ui-monospace, monospace; }
`

const eventsPath, reloadPath, errorCSSPath = "/_buildwasm/events", "/_buildwasm/reload.js", "/_buildwasm/error.css"

func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if s.o.Build.CSP {
		w.Header().Set("Content-Security-Policy", dist.ContentSecurityPolicy(s.o.Build.Base))
	}
	switch r.URL.Path {
	case eventsPath:
		s.events(w, r)
		return
	case reloadPath, errorCSSPath:
		body, ext := reloadJS, ".js"
		if r.URL.Path == errorCSSPath {
			body, ext = []byte(errorCSS), ".css"
		}
		w.Header().Set("Content-Type", dist.ContentType(ext))
		w.Header().Set("Cache-Control", "no-cache")
		w.Write(body)
		return
	}
	s.mu.Lock()
	files, failure, gen := s.files, s.failure, s.gen
	s.mu.Unlock()
	isPage := r.URL.Path == "/" || r.URL.Path == "/index.html"
	switch {
	case failure != "" && isPage:
		s.errorPage(w, failure, gen)
	case files == nil:
		http.Error(w, "the first build failed; open / to see why", http.StatusServiceUnavailable)
	case isPage && (r.Method == http.MethodGet || r.Method == http.MethodHead):
		s.page(w, r, files, gen)
	default:
		files.ServeHTTP(w, r)
	}
}

// page serves the build's index.html with the reload script added; the
// script carries the generation it belongs to.
func (s *server) page(w http.ResponseWriter, r *http.Request, files *fileServer, gen int) {
	html, err := os.ReadFile(filepath.Join(files.root, "index.html"))
	if err != nil {
		http.NotFound(w, r)
		return
	}
	tag := fmt.Sprintf(`<script type="module" src="%s?gen=%d"></script>`, reloadPath, gen)
	if i := bytes.Index(html, []byte("</head>")); i >= 0 {
		html = slices.Insert(html, i, []byte(tag)...)
	} else {
		html = append(html, tag...)
	}
	h := w.Header()
	h.Set("Content-Type", dist.ContentType(".html"))
	h.Set("Cache-Control", "no-cache")
	h.Set("X-Content-Type-Options", "nosniff")
	w.Write(html)
}

var errorTemplate = template.Must(template.New("error").Parse(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Build failed</title>
<script type="module" src="{{.Reload}}"></script>
<link rel="stylesheet" href="{{.Style}}">
</head>
<body>
<h1>Build failed</h1>
<pre class="buildwasm-build-error">{{.Output}}</pre>
<p>This page reloads when a change builds.</p>
</body>
</html>
`))

func (s *server) errorPage(w http.ResponseWriter, output string, gen int) {
	w.Header().Set("Content-Type", dist.ContentType(".html"))
	w.Header().Set("Cache-Control", "no-cache")
	w.WriteHeader(http.StatusInternalServerError)
	errorTemplate.Execute(w, struct{ Reload, Style, Output string }{fmt.Sprintf("%s?gen=%d", reloadPath, gen), errorCSSPath, output})
}

// events streams the build generation to a page: once at once, then after
// every build. A page that sees a generation other than its own reloads.
func (s *server) events(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	ch, gen := s.subscribe()
	defer s.unsubscribe(ch)
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-cache")
	send := func(gen int) bool {
		_, err := fmt.Fprintf(w, "event: build\ndata: %d\n\n", gen)
		flusher.Flush()
		return err == nil
	}
	if !send(gen) {
		return
	}
	keepAlive := time.NewTicker(15 * time.Second)
	defer keepAlive.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case gen, ok := <-ch:
			if !ok || !send(gen) {
				return
			}
		case <-keepAlive.C:
			if _, err := io.WriteString(w, ": keep-alive\n\n"); err != nil {
				return
			}
			flusher.Flush()
		}
	}
}
