// Creates 1,000 ArrayBuffers of 1 MiB from Go and drops each at once, in a
// loop that never waits, calling the host's sample() after each so it can
// watch JS memory. Go's own heap stays tiny, so without help Go never
// collects and every buffer stays alive through its ref. When the host
// sets keepObjects, each round also makes an object that Go keeps to the
// end, right beside the buffer: the buffer must still go.
package main

import "syscall/js"

var kept []js.Value

func main() {
	arrayBuffer := js.Global().Get("ArrayBuffer")
	object := js.Global().Get("Object")
	sample := js.Global().Get("sample")
	keep := js.Global().Get("keepObjects").Truthy()
	for i := 0; i < 1000; i++ {
		buf := arrayBuffer.New(1 << 20)
		_ = buf
		if keep {
			kept = append(kept, object.New())
		}
		sample.Invoke()
	}
}
