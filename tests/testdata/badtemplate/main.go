// A program whose index.html template forgets {{.Head}}.
package main

func main() {}
