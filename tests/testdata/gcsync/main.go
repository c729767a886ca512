// Creates 1,000 ArrayBuffers of 1 MiB from Go and drops each at once, in a
// loop that never waits, calling the host's sample() after each so it can
// watch JS memory. Go's own heap stays tiny, so without help Go never
// collects and every buffer stays alive through its ref.
package main

import "syscall/js"

func main() {
	arrayBuffer := js.Global().Get("ArrayBuffer")
	sample := js.Global().Get("sample")
	for i := 0; i < 1000; i++ {
		buf := arrayBuffer.New(1 << 20)
		_ = buf
		sample.Invoke()
	}
}
