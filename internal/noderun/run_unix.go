//go:build unix

package noderun

import (
	"os"
	"syscall"
)

// Exec replaces the current process with node running file, so signals,
// the terminal and the exit status belong to the program itself. It returns
// only on error.
func Exec(file string, args []string, setup string) error {
	cmd, err := Command(file, args, setup)
	if err != nil {
		return err
	}
	return syscall.Exec(cmd.Path, cmd.Args, os.Environ())
}
