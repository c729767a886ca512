// Blocks forever on a channel: the host must let Go report the deadlock.
package main

import "fmt"

func main() {
	fmt.Println("waiting")
	<-make(chan int)
}
