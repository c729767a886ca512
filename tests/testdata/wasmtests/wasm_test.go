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
