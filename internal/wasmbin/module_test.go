package wasmbin

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/buildwasm/buildwasm/internal/testenv"
)

var helloWasm = sync.OnceValues(func() ([]byte, error) {
	dir, err := os.MkdirTemp("", "wasmbin-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	out := filepath.Join(dir, "hello.wasm")
	if err := testenv.BuildWasm("", out, []string{"../../examples/hello"}); err != nil {
		return nil, err
	}
	return os.ReadFile(out)
})

// goBinary is examples/hello built for js/wasm, once per test run.
func goBinary(t *testing.T) []byte {
	t.Helper()
	b, err := helloWasm()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// A real Go js/wasm binary: imports, bodies and data line up with what the
// name section and Go's pclntab magic say.
func TestParseGoBinary(t *testing.T) {
	b := goBinary(t)
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

// Every body of a real Go binary decodes to its final `end`.
func TestDecodeGoBodies(t *testing.T) {
	b := goBinary(t)
	m, err := Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	calls, brTables := 0, 0
	for i, body := range m.Bodies {
		last := Instr{}
		if err := DecodeBody(b, body, func(in Instr) {
			last = in
			switch in.Op {
			case OpCall:
				calls++
			case OpBrTable:
				brTables++
			}
		}); err != nil {
			t.Fatalf("body %d (%s): %v", i, m.Names[m.FuncImports+i], err)
		}
		if last.Op != OpEnd || last.Off != body.End-1 {
			t.Fatalf("body %d: last instruction %+v, want end at %d", i, last, body.End-1)
		}
	}
	if calls < 1000 || brTables < 100 {
		t.Errorf("%d calls and %d br_tables: decoding looks wrong", calls, brTables)
	}
}
