//go:build !unix

package noderun

import (
	"errors"
	"os"
	"os/exec"
)

// Exec runs node with file and exits with the program's exit code. It
// returns only on error.
func Exec(file string, args []string, setup string) error {
	cmd, err := Command(file, args, setup)
	if err != nil {
		return err
	}
	err = cmd.Run()
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		os.Exit(exit.ExitCode())
	}
	if err != nil {
		return err
	}
	os.Exit(0)
	return nil
}
