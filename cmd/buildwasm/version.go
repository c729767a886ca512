package main

import (
	"context"
	"fmt"
	"runtime"
	"runtime/debug"
)

type versionCommand struct{ stdio }

const versionUsage = `
Usage: buildwasm version

Version prints buildwasm's version, the commit it was built from and the Go
toolchain that built it.
`

func (c *versionCommand) Run(ctx context.Context, args []string) error {
	fs := newFlagSet("version")
	if err := c.parse(fs, versionUsage, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{"takes no arguments"}
	}
	fmt.Fprintln(c.Stdout, version())
	return nil
}

// version is the full version line: release, commit and toolchain.
func version() string {
	return fmt.Sprintf("buildwasm %s %s", release(), runtime.Version())
}

// release is buildwasm's module version and commit ("v0.1.0", "(devel) 0123abcd4567").
func release() string {
	v, rev := "(devel)", ""
	if info, ok := debug.ReadBuildInfo(); ok {
		if info.Main.Version != "" {
			v = info.Main.Version
		}
		for _, s := range info.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				rev = " " + s.Value[:12]
			}
		}
	}
	return v + rev
}
