//go:build js && wasm

// Package wasmtests holds the tests buildwasm test runs in the tests: one
// that passes anywhere, one that needs a DOM (skipped in Node), and ones
// that fail or spin when the environment asks for it.
package wasmtests

import (
	"os"
	"syscall/js"
	"testing"
)

func TestAdd(t *testing.T) {
	if 2+3 != 5 {
		t.Fatal("arithmetic")
	}
}

func TestDOM(t *testing.T) {
	doc := js.Global().Get("document")
	if doc.IsUndefined() {
		t.Skip("no DOM here (Node)")
	}
	p := doc.Call("createElement", "p")
	p.Set("textContent", "from Go")
	doc.Get("body").Call("append", p)
	if got := doc.Get("body").Get("lastChild").Get("textContent").String(); got != "from Go" {
		t.Fatalf("the page says %q", got)
	}
}

func TestFailWhenAsked(t *testing.T) {
	if os.Getenv("WASMTESTS_FAIL") != "" {
		t.Fatal("failing as asked")
	}
}

func TestSpinWhenAsked(t *testing.T) {
	if os.Getenv("WASMTESTS_SPIN") == "" {
		return
	}
	for n := 0; ; n++ { // never yields: js/wasm has no preemption
		_ = n
	}
}

func TestBlockWhenAsked(t *testing.T) {
	if os.Getenv("WASMTESTS_BLOCK") == "" {
		return
	}
	<-make(chan int) // blocks, yielding: Go's own -timeout fires
}

func TestDouble(t *testing.T) {
	if Double(21) != 42 {
		t.Fatal("Double(21)")
	}
}

// Files: testdata/ is read from the host, and a temporary file written
// and read back, in Node and in the browser alike.
func TestFiles(t *testing.T) {
	b, err := os.ReadFile("testdata/greeting.txt")
	if err != nil || string(b) != "hello from the host\n" {
		t.Fatalf("testdata/greeting.txt: %q, %v", b, err)
	}
	path := t.TempDir() + "/out.txt"
	if err := os.WriteFile(path, []byte("written by the test"), 0o644); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(path); err != nil || string(b) != "written by the test" {
		t.Fatalf("read back %q, %v", b, err)
	}
	entries, err := os.ReadDir("testdata")
	if err != nil || len(entries) != 1 || entries[0].Name() != "greeting.txt" {
		t.Fatalf("ReadDir(testdata): %v, %v", entries, err)
	}
}

func BenchmarkDouble(b *testing.B) {
	for i := 0; i < b.N; i++ {
		Double(i)
	}
}
