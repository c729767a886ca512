package main

import (
	"context"
	"fmt"
)

type helpCommand struct{ stdio }

func (c *helpCommand) Run(ctx context.Context, args []string) error {
	if len(args) == 0 {
		fmt.Fprint(c.Stdout, usage)
		return nil
	}
	if len(args) > 1 {
		return usageError{"takes at most one command name"}
	}
	newCmd, ok := commands[args[0]]
	if !ok || args[0] == "help" {
		return usageError{fmt.Sprintf("unknown command %q", args[0])}
	}
	return newCmd(c.stdio).Run(ctx, []string{"-h"})
}
