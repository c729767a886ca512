package toolchain

import (
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"
)

// interruptible makes a command made with exec.CommandContext stop as on
// Ctrl-C in a terminal when the context ends: the command and its children
// (go's compilers, go test's test binaries) get an interrupt, not a kill,
// so test binaries' runners remove their temporary files, even when only
// buildwasm got the signal (go build itself dies without cleaning up: see
// TempDir). A command that has not ended 5 s later is killed, and so are
// pipes its children still hold.
func interruptible(cmd *exec.Cmd) *exec.Cmd {
	interruptGroup(cmd)
	cmd.WaitDelay = 5 * time.Second
	return cmd
}

// TempDir makes a folder for the go command's temporary files (its
// GOTMPDIR, Go.TempDir), for the caller to remove when go has ended: go
// build killed by an interrupt leaves its work folder behind. It returns
// "" when goArgs (go's flags, up to a test binary's -args) ask go to keep
// its work folder (-work), which the caller must then not take away.
func TempDir(goArgs []string) (string, error) {
	if keepsWork(goArgs) {
		return "", nil
	}
	return os.MkdirTemp(os.Getenv("GOTMPDIR"), "buildwasm-go-")
}

func keepsWork(goArgs []string) bool {
	keep := false
	for _, a := range goArgs {
		if a == "-args" || a == "--args" {
			break
		}
		name, value, hasValue := strings.Cut(strings.TrimPrefix(strings.TrimPrefix(a, "-"), "-"), "=")
		if name == "work" && a != name {
			keep = true
			if hasValue {
				keep, _ = strconv.ParseBool(value)
			}
		}
	}
	return keep
}
