package main

import (
	"fmt"
	"runtime"
	"runtime/debug"
)

type versionCommand struct{}

const versionUsage = `
Usage: buildwasm version

Version prints buildwasm's version, the commit it was built from and the Go
toolchain that built it.
`

func (c *versionCommand) Run(args []string) error {
	fs := newFlagSet("version")
	if err := parse(fs, versionUsage, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{"takes no arguments"}
	}
	fmt.Println(version())
	return nil
}

func version() string {
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
	return fmt.Sprintf("buildwasm %s%s %s", v, rev, runtime.Version())
}
