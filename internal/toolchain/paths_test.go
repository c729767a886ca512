package toolchain

import (
	"strings"
	"sync"
	"testing"
	"time"
)

// Paths in the patched copy become paths in the original GOROOT however
// the output is cut into writes; the files buildwasm adds keep theirs.
func TestOriginalPaths(t *testing.T) {
	g := Go{GOROOT: "/c/buildwasm/goroot/ab12", Origin: "/usr/lib/go"}
	in := "panic: boom\n\n" +
		"goroutine 1 [running]:\n" +
		"main.main()\n\t/home/me/app/main.go:9 +0x3\n" +
		"runtime.gopanic(...)\n\t/c/buildwasm/goroot/ab12/src/runtime/panic.go:783 +0x2\n" +
		"syscall/js.invoke(...)\n\t/c/buildwasm/goroot/ab12/src/syscall/js/buildwasm_invoke.go:40\n" +
		"syscall/js.handleEvent()\n\t/c/buildwasm/goroot/ab12/src/syscall/js/func.go:93\n" +
		`{"Output":"/c/buildwasm/goroot/ab12/src/testing/testing.go:1\n"}` + "\n" +
		"/c/buildwasm/goroot/ab12"
	want := "panic: boom\n\n" +
		"goroutine 1 [running]:\n" +
		"main.main()\n\t/home/me/app/main.go:9 +0x3\n" +
		"runtime.gopanic(...)\n\t/usr/lib/go/src/runtime/panic.go:783 +0x2\n" +
		"syscall/js.invoke(...)\n\t/c/buildwasm/goroot/ab12/src/syscall/js/buildwasm_invoke.go:40\n" +
		"syscall/js.handleEvent()\n\t/usr/lib/go/src/syscall/js/func.go:93\n" +
		`{"Output":"/usr/lib/go/src/testing/testing.go:1\n"}` + "\n" +
		"/c/buildwasm/goroot/ab12"
	for _, size := range []int{1, 2, 3, 7, 16, 40, len(in)} {
		var out strings.Builder
		w := g.OriginalPaths(&out)
		w.(*pathWriter).wait = time.Hour
		for i := 0; i < len(in); i += size {
			w.Write([]byte(in[i:min(i+size, len(in))]))
			held := string(w.(*pathWriter).pending)
			if !strings.HasPrefix("/c/buildwasm/goroot/ab12/src/syscall/js/buildwasm_", held) || !strings.HasSuffix(in[:min(i+size, len(in))], held) {
				t.Fatalf("writes of %d bytes: %q held back after %d in, want only a tail that may begin a path of the copy", size, held, i)
			}
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		if out.String() != want {
			t.Errorf("writes of %d bytes:\n%s\nwant\n%s", size, out.String(), want)
		}
	}
}

// A tail held back because it may begin a path is written after a pause
// when no write completes it: a test that prints one and blocks is seen.
func TestOriginalPathsFlushAfterPause(t *testing.T) {
	g := Go{GOROOT: "/c/buildwasm/goroot/ab12", Origin: "/usr/lib/go"}
	out := &lockedBuilder{}
	w := g.OriginalPaths(out)
	w.(*pathWriter).wait = 20 * time.Millisecond
	w.Write([]byte("waiting on /c/buildw"))
	if got := out.String(); got != "waiting on " {
		t.Fatalf("at once: %q, want the tail held back", got)
	}
	time.Sleep(200 * time.Millisecond)
	if got := out.String(); got != "waiting on /c/buildw" {
		t.Errorf("after a pause: %q, want the tail written", got)
	}
	// A write that completes the path in time still gets it rewritten.
	w.(*pathWriter).wait = time.Hour
	w.Write([]byte("\n/c/build"))
	w.Write([]byte("wasm/goroot/ab12/src/x.go\n"))
	w.Close()
	if got := out.String(); got != "waiting on /c/buildw\n/usr/lib/go/src/x.go\n" {
		t.Errorf("%q", got)
	}
}

type lockedBuilder struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuilder) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuilder) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
