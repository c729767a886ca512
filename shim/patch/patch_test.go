package patch

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func goroot(t *testing.T) string {
	t.Helper()
	out, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(out))
}

// The patch changes one place of handleEvent and keeps every line number.
func TestPatchKeepsLines(t *testing.T) {
	src, err := os.ReadFile(filepath.Join(goroot(t), "src", "syscall", "js", "func.go"))
	if err != nil {
		t.Fatal(err)
	}
	got, err := Patch(src)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Count(got, []byte("\n")) != bytes.Count(src, []byte("\n")) {
		t.Error("the patch changed the number of lines")
	}
	if !bytes.Contains(got, []byte("invoke(cb, f, this, args)")) || bytes.Contains(got, []byte("result := f(this, args)")) {
		t.Error("handleEvent still calls the callback directly")
	}
	// Every line before the edit and after it is where it was.
	a, b := strings.Split(string(src), "\n"), strings.Split(string(got), "\n")
	changed := 0
	for i := range a {
		if a[i] != b[i] {
			changed++
		}
	}
	if changed > 4 {
		t.Errorf("%d lines changed, want the two statements only", changed)
	}
}

func TestPatchRefusesOtherShapes(t *testing.T) {
	for name, src := range map[string]string{
		"no handleEvent": "package js\n\nfunc other() {}\n",
		"other body":     "package js\n\nfunc handleEvent() bool {\n\tresult := g()\n\t_ = result\n\treturn true\n}\n",
		"not Go":         "this is not go",
	} {
		if _, err := Patch([]byte(src)); err == nil {
			t.Errorf("%s: patched", name)
		}
	}
	if _, err := Write(t.TempDir(), t.TempDir()); err == nil || !strings.Contains(err.Error(), "cannot patch syscall/js") {
		t.Errorf("a GOROOT without syscall/js: %v", err)
	}
}

func TestWriteAndMerge(t *testing.T) {
	root := goroot(t)
	dir := t.TempDir()
	ov, err := Write(root, dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(ov.Replace) != 2 {
		t.Fatalf("overlay %v", ov.Replace)
	}
	for from, to := range ov.Replace {
		if !strings.HasPrefix(from, filepath.Join(root, "src", "syscall", "js")) || !strings.HasPrefix(to, dir) {
			t.Errorf("overlay entry %s → %s", from, to)
		}
	}
	user := filepath.Join(t.TempDir(), "user.json")
	b, _ := json.Marshal(Overlay{Replace: map[string]string{"/src/app/gen.go": "/tmp/gen.go"}})
	os.WriteFile(user, b, 0o644)
	if err := ov.Merge(user); err != nil || ov.Replace["/src/app/gen.go"] != "/tmp/gen.go" {
		t.Errorf("merge: %v %v", err, ov.Replace)
	}
	clash := filepath.Join(t.TempDir(), "clash.json")
	b, _ = json.Marshal(Overlay{Replace: map[string]string{filepath.Join(root, "src", "syscall", "js", "func.go"): "/tmp/mine.go"}})
	os.WriteFile(clash, b, 0o644)
	if err := ov.Merge(clash); err == nil || !strings.Contains(err.Error(), "which buildwasm patches too") {
		t.Errorf("clashing overlay: %v", err)
	}
}
