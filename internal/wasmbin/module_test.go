package wasmbin

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// A real Go js/wasm binary: imports, bodies and data line up with what the
// name section and Go's pclntab magic say.
func TestParseGoBinary(t *testing.T) {
	out := filepath.Join(t.TempDir(), "hello.wasm")
	cmd := exec.Command("go", "build", "-o", out, "../../examples/hello")
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, b)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	m, err := Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	if m.FuncImports == 0 || len(m.Bodies) < 1000 || len(m.Segments) == 0 {
		t.Fatalf("imports %d, bodies %d, segments %d", m.FuncImports, len(m.Bodies), len(m.Segments))
	}
	if name := m.Names[m.FuncImports]; name == "" {
		t.Error("no name for the first body")
	}
	found := false
	for i, body := range m.Bodies {
		if body.Start >= body.Code || body.Code >= body.End || body.End > len(b) || b[body.End-1] != 0x0b {
			t.Fatalf("body %d: %+v does not end with `end`", i, body)
		}
		if strings.HasPrefix(m.Names[m.FuncImports+i], "main.main") {
			found = true
		}
	}
	if !found {
		t.Error("no body named main.main")
	}
	magic := false
	for _, s := range m.Segments {
		magic = magic || strings.Contains(string(s.Data), "\xf1\xff\xff\xff\x00\x00\x01\x08")
	}
	if !magic {
		t.Error("no data segment holds the pclntab header")
	}
}

func TestParseSmall(t *testing.T) {
	b := []byte("\x00asm\x01\x00\x00\x00\x01\x04\x01\x60\x00\x00\x03\x02\x01\x00\x05\x03\x01\x00\x01" +
		"\x0a\x04\x01\x02\x00\x0b\x0b\x07\x01\x00\x41\x05\x0b\x01\x61")
	m, err := Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Bodies) != 1 || m.Bodies[0] != (Body{Start: 27, Code: 28, End: 29}) {
		t.Errorf("bodies %+v", m.Bodies)
	}
	if len(m.Segments) != 1 || m.Segments[0].Addr != 5 || string(m.Segments[0].Data) != "a" {
		t.Errorf("segments %+v", m.Segments)
	}
}
