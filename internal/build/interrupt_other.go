//go:build !unix

package build

import (
	"os"
	"os/exec"
)

// interruptGroup has the command interrupted; its children get nothing.
func interruptGroup(cmd *exec.Cmd) {
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
}
