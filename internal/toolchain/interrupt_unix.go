//go:build unix

package toolchain

import (
	"os"
	"os/exec"
	"syscall"

	"golang.org/x/term"
)

// interruptGroup runs cmd in a process group of its own, which the interrupt
// reaches as a whole. Not when stdin is a terminal: a process outside the
// terminal's group that reads it is stopped, and there Ctrl-C reaches every
// process anyway.
func interruptGroup(cmd *exec.Cmd) {
	if term.IsTerminal(int(os.Stdin.Fd())) {
		cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
		return
	}
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGINT) }
}
