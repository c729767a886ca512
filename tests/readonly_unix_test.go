//go:build unix

package tests

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
)

// A read-only output folder (as a user other than root, whom permissions do
// not stop): the build fails before any work, saying why, and changes
// nothing: no mode, no file, no staging folder (before, it swapped the
// folder in, failed to remove the old one and left it behind read-only).
func TestBuildReadOnlyOutput(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("runs buildwasm as another user")
	}
	parent := t.TempDir()
	out := buildDist(t, filepath.Join(parent, "dist"), "-dev", "./testdata/templated")
	before := snapshot(t, out)
	var cred *syscall.Credential
	bin := buildwasmBin
	if os.Getuid() == 0 {
		// As nobody: the binary, the folders on the way and the parent
		// (where a staging folder could be made) are open to it.
		cred = &syscall.Credential{Uid: 65534, Gid: 65534}
		binDir, err := os.MkdirTemp("", "bwbin")
		if err != nil {
			t.Fatal(err)
		}
		defer os.RemoveAll(binDir)
		bin = filepath.Join(binDir, "buildwasm")
		b, _ := os.ReadFile(buildwasmBin)
		os.WriteFile(bin, b, 0o755)
		for _, dir := range []string{binDir, filepath.Dir(parent), parent} {
			os.Chmod(dir, 0o755)
		}
		filepath.WalkDir(parent, func(p string, _ fs.DirEntry, _ error) error { return os.Chown(p, 65534, 65534) })
	}
	if err := os.Chmod(out, 0o555); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(out, 0o755)
	// The program as a module of its own, with a home and caches of
	// nobody's, so that nothing but the folder stands in the way.
	app := filepath.Join(parent, "app")
	os.CopyFS(app, os.DirFS("testdata/templated"))
	os.WriteFile(filepath.Join(app, "go.mod"), []byte("module app\n\ngo 1.24\n"), 0o644)
	home := filepath.Join(parent, "home")
	os.Mkdir(home, 0o755)
	if cred != nil {
		filepath.WalkDir(parent, func(p string, _ fs.DirEntry, _ error) error {
			if p == out || strings.HasPrefix(p, out+"/") {
				return nil
			}
			return os.Chown(p, 65534, 65534)
		})
	}
	cmd := exec.Command(bin, "build", "-dev", "-o", out, ".")
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
	cmd.Dir = app
	cmd.Env = append(os.Environ(), "HOME="+home, "XDG_CACHE_HOME="+home+"/.cache", "GOCACHE="+home+"/gocache", "GOPATH="+home+"/go", "GOWORK=off")
	msg, err := cmd.CombinedOutput()
	if err == nil || !strings.Contains(string(msg), "buildwasm build: output "+out+" cannot be replaced: ") || !strings.Contains(string(msg), "permission denied") {
		t.Errorf("want a failure naming the folder: %v\n%s", err, msg)
	}
	if info, err := os.Stat(out); err != nil || info.Mode().Perm() != 0o555 {
		t.Errorf("dist/ changed: %v %v", info.Mode(), err)
	}
	unchanged(t, out, before)
	if left, _ := filepath.Glob(filepath.Join(parent, ".buildwasm-*")); len(left) > 0 {
		t.Errorf("left behind: %v", left)
	}
}
