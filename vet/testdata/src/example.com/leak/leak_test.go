package leak

import (
	"syscall/js"
	"testing"
)

// A test runs once (seen in a Workers binding's tests): its Funcs are
// not leaks, nor are those of helpers only tests call.
func TestOnce(t *testing.T) {
	obj := js.Global().Get("Object").New()
	obj.Set("ack", js.FuncOf(handler))
	t.Run("sub", func(t *testing.T) {
		fakeProducer()
	})
}

func fakeProducer() {
	send := js.FuncOf(handler)
	js.Global().Set("send", send)
}

// A helper of a benchmark loop runs many times.
func BenchmarkListen(b *testing.B) {
	for range b.N {
		js.Global().Call("addEventListener", "x", js.FuncOf(handler)) // want `goes straight to JavaScript`
	}
}
