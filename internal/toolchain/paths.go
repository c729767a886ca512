package toolchain

import (
	"io"
	"strings"
	"sync"
	"time"
)

// OriginalPaths returns a writer to w for the command's output that shows
// the standard library's files at their place in the GOROOT the patched
// copy links to, as plain go test would: the copy is an implementation
// detail, and a cache path in a trace looks like a foreign toolchain. The
// files buildwasm adds to syscall/js exist only in the copy; they keep its
// path. Close writes what is held back.
func (g Go) OriginalPaths(w io.Writer) io.WriteCloser {
	added := g.GOROOT + "/src/syscall/js/buildwasm_"
	return &pathWriter{
		w:       w,
		r:       strings.NewReplacer(added, added, g.GOROOT+"/", g.Origin+"/"),
		longest: added,
		wait:    100 * time.Millisecond,
	}
}

// pathWriter makes r's replacements in what passes through it. A write
// can end in the middle of a path, so it holds back a tail that may begin
// one, and nothing more, and for no longer than wait: test output shows up
// as it is written, also when a test stops after printing such a tail.
type pathWriter struct {
	w       io.Writer
	r       *strings.Replacer
	longest string // every string r replaces is a prefix of it
	wait    time.Duration

	mu      sync.Mutex
	pending []byte
	timer   *time.Timer // flushes pending when no write completes it
	writes  int         // so that a timer a write overtook does nothing
}

func (p *pathWriter) Write(b []byte) (int, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.timer != nil {
		p.timer.Stop()
	}
	p.writes++
	p.pending = append(p.pending, b...)
	keep := heldBack(p.pending, p.longest)
	_, err := io.WriteString(p.w, p.r.Replace(string(p.pending[:len(p.pending)-keep])))
	p.pending = append(p.pending[:0], p.pending[len(p.pending)-keep:]...)
	if keep > 0 {
		writes := p.writes
		p.timer = time.AfterFunc(p.wait, func() {
			p.mu.Lock()
			defer p.mu.Unlock()
			if p.writes == writes {
				p.flush()
			}
		})
	}
	return len(b), err
}

// flush writes what is held back; p.mu is held.
func (p *pathWriter) flush() error {
	_, err := io.WriteString(p.w, p.r.Replace(string(p.pending)))
	p.pending = p.pending[:0]
	return err
}

func (p *pathWriter) Close() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.timer != nil {
		p.timer.Stop()
	}
	p.writes++
	return p.flush()
}

// heldBack is the length of the longest end of b that is a proper prefix
// of s.
func heldBack(b []byte, s string) int {
	for n := min(len(b), len(s)-1); n > 0; n-- {
		if string(b[len(b)-n:]) == s[:n] {
			return n
		}
	}
	return 0
}
