// Prints what -ldflags -X and -tags set, to show build passes go flags on.
package main

import "fmt"

var id = "unset"

var tagged = false

func main() { fmt.Printf("id=%s tagged=%v\n", id, tagged) }
