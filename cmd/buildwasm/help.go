package main

import (
	"fmt"
	"os"
)

type helpCommand struct{}

func (c *helpCommand) Run(args []string) error {
	if len(args) == 0 {
		fmt.Fprint(os.Stdout, usage)
		return nil
	}
	if len(args) > 1 {
		return usageError{"takes at most one command name"}
	}
	newCmd, ok := commands[args[0]]
	if !ok || args[0] == "help" {
		return usageError{fmt.Sprintf("unknown command %q", args[0])}
	}
	return newCmd().Run([]string{"-h"})
}
