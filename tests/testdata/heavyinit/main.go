// Heavyinit spends about 400 ms in package initialisation, as programs
// with large tables or parsed templates do, then exports ping.
package main

import (
	"crypto/sha256"
	"syscall/js"
	"time"

	"github.com/buildwasm/buildwasm/shim"
)

var table = build()

// build hashes for 400 ms of wall time: js/wasm has one thread, so nothing
// else of the program runs meanwhile.
func build() [32]byte {
	sum := sha256.Sum256(nil)
	for start := time.Now(); time.Since(start) < 400*time.Millisecond; {
		sum = sha256.Sum256(sum[:])
	}
	return sum
}

func main() {
	shim.Export("ping", func(_ js.Value, args []js.Value) any {
		if len(args) > 0 {
			return args[0]
		}
		return int(table[0])
	})
	select {}
}
