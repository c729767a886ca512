//go:build !unix

package noderun

import "io"

// Exec runs file in node with stdin, stdout and stderr and returns the
// program's exit code.
func Exec(file string, args []string, setup string, stdin io.Reader, stdout, stderr io.Writer) (int, error) {
	cmd, err := Command(file, args, setup)
	if err != nil {
		return 0, err
	}
	return runChild(cmd, stdin, stdout, stderr)
}
