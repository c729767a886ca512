package wasmbin

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// CheckFile reports, in one sentence, why file cannot be a wasm program: it
// is missing, unreadable, empty, or not WebAssembly. Whether it is a Go
// js/wasm program is the loader's to say, since it sees the imports.
func CheckFile(file string) error {
	f, err := os.Open(file)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("%s: no such file", file)
		}
		return err
	}
	defer f.Close()
	head := make([]byte, 8)
	n, err := io.ReadFull(f, head)
	switch {
	case n == 0 && (err == io.EOF || err == nil):
		return fmt.Errorf("%s is empty", file)
	case err != nil && err != io.ErrUnexpectedEOF && err != io.EOF:
		return fmt.Errorf("%s: %w", file, err)
	case !bytes.HasPrefix(head[:n], Magic):
		return fmt.Errorf("%s is not a WebAssembly binary (it does not start with \\0asm)", file)
	}
	return nil
}
