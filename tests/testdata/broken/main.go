// Does not compile: a type error the compiler reports with file:line.
package main

func main() {
	var n int = "not a number"
	_ = n
}
