//go:build !unix

package toolchain

import "os/exec"

// interruptGroup kills the command: Windows cannot send it an interrupt.
func interruptGroup(cmd *exec.Cmd) {
	cmd.Cancel = func() error { return cmd.Process.Kill() }
}
