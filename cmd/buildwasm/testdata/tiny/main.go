// Command tiny is the program the in-process tests build and run: small,
// so a build takes a second, and it prints its arguments.
package main

import (
	"fmt"
	"os"
	"strings"
)

func main() {
	fmt.Println("args:", strings.Join(os.Args[1:], " "))
}
