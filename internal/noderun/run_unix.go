//go:build unix

package noderun

import (
	"io"
	"os"
	"syscall"
)

// Exec runs file in node with stdin, stdout and stderr and returns the
// program's exit code. When those are this process's own, it replaces the
// process with node instead, so signals, the terminal and the exit status
// belong to the program itself; then it returns only on error.
func Exec(file string, args []string, setup string, stdin io.Reader, stdout, stderr io.Writer) (int, error) {
	cmd, err := Command(file, args, setup)
	if err != nil {
		return 0, err
	}
	if stdin != os.Stdin || stdout != os.Stdout || stderr != os.Stderr {
		return runChild(cmd, stdin, stdout, stderr)
	}
	return 0, syscall.Exec(cmd.Path, cmd.Args, os.Environ())
}
