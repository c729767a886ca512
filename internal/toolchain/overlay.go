package toolchain

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// WithFiles returns goFlags with an -overlay that adds files (by absolute
// path) to the build, written into dir. go honours only the last -overlay
// flag, so a user's own overlay is read and merged; its entries win
// nowhere, as a clash is an error.
func WithFiles(goFlags []string, files map[string][]byte, dir string) ([]string, error) {
	if len(files) == 0 {
		return goFlags, nil
	}
	overlay := struct{ Replace map[string]string }{map[string]string{}}
	var rest []string
	for i := 0; i < len(goFlags); i++ {
		f := goFlags[i]
		if f == "-args" || f == "--args" { // the test binary's from here
			rest = append(rest, goFlags[i:]...)
			break
		}
		name, value, hasValue := strings.Cut(strings.TrimPrefix(strings.TrimPrefix(f, "-"), "-"), "=")
		if name != "overlay" || f == name {
			rest = append(rest, f)
			continue
		}
		if !hasValue && i+1 < len(goFlags) {
			i++
			value = goFlags[i]
		}
		user := struct{ Replace map[string]string }{}
		b, err := os.ReadFile(value)
		if err != nil {
			return nil, fmt.Errorf("-overlay: %w", err)
		}
		if err := json.Unmarshal(b, &user); err != nil {
			return nil, fmt.Errorf("-overlay %s: %w", value, err)
		}
		// Relative paths in an overlay are relative to the go command's
		// folder, which the merged file does not change.
		overlay.Replace = user.Replace
	}
	for path, data := range files {
		if _, ok := overlay.Replace[path]; ok {
			return nil, fmt.Errorf("-overlay replaces %s, a file buildwasm adds for typed exports", path)
		}
		tmp := filepath.Join(dir, fmt.Sprintf("added-%d.go", len(overlay.Replace)))
		if err := os.WriteFile(tmp, data, 0o644); err != nil {
			return nil, err
		}
		overlay.Replace[path] = tmp
	}
	b, err := json.Marshal(overlay)
	if err != nil {
		return nil, err
	}
	merged := filepath.Join(dir, "overlay.json")
	if err := os.WriteFile(merged, b, 0o644); err != nil {
		return nil, err
	}
	// First, so that it stays a go flag when packages or a test binary's
	// -args follow.
	return append([]string{"-overlay=" + merged}, rest...), nil
}
