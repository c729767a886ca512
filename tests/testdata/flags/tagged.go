//go:build special

package main

func init() { tagged = true }
