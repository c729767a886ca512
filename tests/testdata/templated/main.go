// A program with its own index.html template.
package main

func main() {}
