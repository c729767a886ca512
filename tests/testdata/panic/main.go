// Panics in main after some output.
package main

import "fmt"

func main() {
	fmt.Println("about to panic")
	explode([]int{1, 2, 3})
}

func explode(s []int) {
	panic(fmt.Sprintf("boom with %d items", len(s)))
}
