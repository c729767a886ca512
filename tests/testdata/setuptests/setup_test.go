//go:build js && wasm

// Package setuptests reads, in init, a global that only a setup script
// run before the program defines (as packages for Cloudflare Workers read
// globalThis.context).
package setuptests

import (
	"syscall/js"
	"testing"
)

var context = js.Global().Get("context")

func TestContextFromSetup(t *testing.T) {
	if context.IsUndefined() {
		t.Fatal("globalThis.context is undefined at init: no setup script ran")
	}
	if got := context.Get("greeting").String(); got != "set up before init" {
		t.Fatalf("context.greeting = %q", got)
	}
}
