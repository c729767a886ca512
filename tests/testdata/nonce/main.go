// A program whose bytes differ with every -ldflags=-X main.nonce=..., so
// no cache holds its compressed form: the build really compresses it.
package main

import (
	"fmt"
	"net/http"
)

var nonce string

func main() {
	fmt.Println("nonce", nonce, http.StatusOK)
}
