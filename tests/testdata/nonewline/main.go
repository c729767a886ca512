// Writes to stdout and stderr without a final newline.
package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Print("partial line on stdout")
	fmt.Fprint(os.Stderr, "partial line on stderr")
}
