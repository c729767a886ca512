// Prints its arguments and one environment variable, to stdout and stderr.
package main

import (
	"fmt"
	"os"
	"strings"
)

func main() {
	fmt.Println("args:", strings.Join(os.Args[1:], "|"))
	fmt.Println("env:", os.Getenv("BUILDWASM_TEST"))
	fmt.Fprintln(os.Stderr, "to stderr")
	wd, err := os.Getwd()
	fmt.Println("wd ok:", err == nil && wd != "")
}
