package wasmbin

import (
	"errors"
	"strings"
	"testing"
)

// A module with one type section and a producers section naming Go.
var small = []byte("\x00asm\x01\x00\x00\x00" +
	"\x01\x04\x01\x60\x00\x00" + // type section: one func type () -> ()
	"\x00\x21\x09producers\x01\x08language\x01\x02Go\x08go1.26.8" +
	"\x00\x05\x04name") // an empty custom section called "name"

func TestSections(t *testing.T) {
	got, err := Sections(small)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 || got[0].ID != 1 || got[0].Offset != 10 || len(got[0].Data) != 4 ||
		got[1].Name != "producers" || got[2].Name != "name" || len(got[2].Data) != 0 {
		t.Fatalf("sections: %+v", got)
	}
	if v := GoVersion(small); v != "go1.26.8" {
		t.Errorf("GoVersion = %q", v)
	}
}

func TestBadInput(t *testing.T) {
	for name, c := range map[string]struct {
		data string
		want string
	}{
		"empty":          {"", "not a WebAssembly binary"},
		"text":           {"hello, world", "not a WebAssembly binary"},
		"version 2":      {"\x00asm\x02\x00\x00\x00", "unsupported WebAssembly version"},
		"truncated":      {string(small[:len(small)-3]), "runs past the end of the file"},
		"bad size":       {"\x00asm\x01\x00\x00\x00\x01\xff", "unexpected end of data"},
		"bad name":       {"\x00asm\x01\x00\x00\x00\x00\x02\x05a", "unexpected end of data"},
		"producers junk": {"\x00asm\x01\x00\x00\x00\x00\x0c\x09producers\x05\x01", "producers section"},
	} {
		_, err := Producers([]byte(c.data))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", name, err, c.want)
		}
	}
	if _, err := Sections(nil); !errors.Is(err, ErrNotWasm) {
		t.Errorf("nil: %v", err)
	}
}

func FuzzParse(f *testing.F) {
	f.Add(small)
	f.Add([]byte("\x00asm\x01\x00\x00\x00"))
	// type, function, memory, code (one empty body) and data (one active segment)
	f.Add([]byte("\x00asm\x01\x00\x00\x00\x01\x04\x01\x60\x00\x00\x03\x02\x01\x00\x05\x03\x01\x00\x01" +
		"\x0a\x04\x01\x02\x00\x0b\x0b\x07\x01\x00\x41\x00\x0b\x01\x61"))
	f.Fuzz(func(t *testing.T, b []byte) {
		sections, err := Sections(b)
		if err != nil {
			return
		}
		for _, s := range sections {
			if s.Offset < 8 || s.Offset+len(s.Data) > len(b) {
				t.Fatalf("section %+v outside the file of %d bytes", s, len(b))
			}
		}
		Producers(b)
		m, err := Parse(b)
		if err != nil {
			return
		}
		for _, body := range m.Bodies {
			if body.Start > body.Code || body.Code > body.End || body.End > len(b) {
				t.Fatalf("body %+v outside the file of %d bytes", body, len(b))
			}
			DecodeBody(b, body, func(in Instr) {
				if in.Off < body.Code || in.Off >= body.End {
					t.Fatalf("instruction %+v outside body %+v", in, body)
				}
			})
		}
	})
}
