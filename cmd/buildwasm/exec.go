package main

import "github.com/buildwasm/buildwasm/internal/noderun"

type execCommand struct{}

const execUsage = `
Usage: buildwasm exec FILE [arguments]

Exec runs the Go js/wasm program FILE in Node (20 or newer) with buildwasm's
loader: the program gets this process's stdin, stdout, stderr, environment and
working directory, and buildwasm exits with the program's exit code. FILE needs
no .wasm suffix (go test passes pkg.test), so it works as

	GOOS=js GOARCH=wasm go test -exec="buildwasm exec" ./...
	GOOS=js GOARCH=wasm go run -exec="buildwasm exec" .

Arguments after FILE are passed to the program unchanged.
`

func (c *execCommand) Run(args []string) error {
	fs := newFlagSet("exec")
	if err := parse(fs, execUsage, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usageError{"missing FILE"}
	}
	return noderun.Exec(fs.Arg(0), fs.Args()[1:])
}
