// A program whose public/ holds a file named like one buildwasm writes.
package main

func main() {}
