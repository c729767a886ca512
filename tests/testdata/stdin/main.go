// Reads stdin to the end and writes it back upper-cased with a byte count.
package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
)

func main() {
	in, err := io.ReadAll(os.Stdin)
	if err != nil {
		fmt.Fprintln(os.Stderr, "read:", err)
		os.Exit(1)
	}
	fmt.Printf("%d bytes\n%s", len(in), bytes.ToUpper(in))
}
