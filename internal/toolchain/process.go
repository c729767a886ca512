package toolchain

import (
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"
)

// Interruptible makes a command made with exec.CommandContext stop as on
// Ctrl-C in a terminal when the context ends: the command and its children
// (go's compilers, go test's test binaries) get an interrupt, not a kill,
// so test binaries' runners remove their temporary files, even when only
// buildwasm got the signal (go build itself dies without cleaning up: see
// TempDir). A command that has not ended 5 s later is killed, and so are
// pipes its children still hold.
func Interruptible(cmd *exec.Cmd) *exec.Cmd {
	interruptGroup(cmd)
	cmd.WaitDelay = 5 * time.Second
	return cmd
}

// TempDir makes a folder for the go command's temporary files (its
// GOTMPDIR, Go.TempDir), for the caller to remove when go has ended: go
// build killed by an interrupt leaves its work folder behind. It returns
// "" when goFlags ask go to keep its work folder (-work), which the
// caller must then not take away.
func TempDir(goFlags []string) (string, error) {
	if keepsWork(goFlags) {
		return "", nil
	}
	return os.MkdirTemp(os.Getenv("GOTMPDIR"), "buildwasm-go-")
}

func keepsWork(goFlags []string) bool {
	keep := false
	for _, f := range goFlags {
		if v, ok := strings.CutPrefix(f, "-work="); ok {
			keep, _ = strconv.ParseBool(v)
		}
	}
	return keep
}
