// Exits with code 3 after writing to both streams.
package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Println("before exit")
	fmt.Fprintln(os.Stderr, "leaving with 3")
	os.Exit(3)
}
