// Package wasmbin reads the parts of a WebAssembly binary that buildwasm
// needs without instantiating it: the section list and custom sections such
// as `producers`, which names the Go version a program was built with.
package wasmbin

import (
	"bytes"
	"errors"
	"fmt"
	"unicode/utf8"
)

// Magic and Version start every WebAssembly binary.
var (
	Magic   = []byte("\x00asm")
	Version = []byte("\x01\x00\x00\x00")
)

// SectionCustom is the id of custom sections.
const SectionCustom = 0

// Section is one section of a module. Offset is where its payload starts in
// the file, so later tools can map back to file offsets.
type Section struct {
	Start  int // offset of the section's id byte
	ID     byte
	Name   string // custom sections only
	Offset int
	Data   []byte // the payload; for custom sections, after the name
}

// ErrNotWasm means the bytes do not start with the WebAssembly header.
var ErrNotWasm = errors.New("not a WebAssembly binary")

// Sections splits a module into its sections. It checks the header and that
// every section fits in the file, nothing more.
func Sections(b []byte) ([]Section, error) {
	if len(b) < 8 || !bytes.Equal(b[:4], Magic) {
		return nil, ErrNotWasm
	}
	if !bytes.Equal(b[4:8], Version) {
		return nil, fmt.Errorf("unsupported WebAssembly version % x", b[4:8])
	}
	r := reader{b: b, pos: 8}
	var out []Section
	for r.pos < len(b) {
		start := r.pos
		id := b[r.pos]
		r.pos++
		size, err := r.uleb()
		if err != nil {
			return nil, fmt.Errorf("section %d at offset %d: %w", id, r.pos, err)
		}
		if size > uint64(len(b)-r.pos) {
			return nil, fmt.Errorf("section %d at offset %d: size %d runs past the end of the file (truncated?)", id, r.pos, size)
		}
		s := Section{Start: start, ID: id, Offset: r.pos, Data: b[r.pos : r.pos+int(size)]}
		r.pos += int(size)
		if id == SectionCustom {
			sr := reader{b: s.Data}
			name, err := sr.name()
			if err != nil {
				return nil, fmt.Errorf("custom section at offset %d: %w", s.Offset, err)
			}
			s.Name = name
			s.Offset += sr.pos
			s.Data = s.Data[sr.pos:]
		}
		out = append(out, s)
	}
	return out, nil
}

// Producers decodes the `producers` custom section: field ("language",
// "processed-by", "sdk") to tool name to version. A module without one gives
// an empty map.
func Producers(b []byte) (map[string]map[string]string, error) {
	sections, err := Sections(b)
	if err != nil {
		return nil, err
	}
	out := map[string]map[string]string{}
	for _, s := range sections {
		if s.ID != SectionCustom || s.Name != "producers" {
			continue
		}
		r := reader{b: s.Data}
		fields, err := r.uleb()
		if err != nil {
			return nil, fmt.Errorf("producers section: %w", err)
		}
		for ; fields > 0; fields-- {
			field, err := r.name()
			if err != nil {
				return nil, fmt.Errorf("producers section: %w", err)
			}
			n, err := r.uleb()
			if err != nil {
				return nil, fmt.Errorf("producers section: %w", err)
			}
			if out[field] == nil {
				out[field] = map[string]string{}
			}
			for ; n > 0; n-- {
				name, err := r.name()
				if err != nil {
					return nil, fmt.Errorf("producers section: %w", err)
				}
				version, err := r.name()
				if err != nil {
					return nil, fmt.Errorf("producers section: %w", err)
				}
				out[field][name] = version
			}
		}
	}
	return out, nil
}

// GoVersion returns the Go version a module was built with ("go1.26.8"), or
// "" if its producers section does not say.
func GoVersion(b []byte) string {
	p, err := Producers(b)
	if err != nil {
		return ""
	}
	return p["language"]["Go"]
}

type reader struct {
	b   []byte
	pos int
}

var errTruncated = errors.New("unexpected end of data")

func (r *reader) uleb() (uint64, error) {
	var v uint64
	for shift := 0; shift < 64; shift += 7 {
		if r.pos >= len(r.b) {
			return 0, errTruncated
		}
		c := r.b[r.pos]
		r.pos++
		v |= uint64(c&0x7f) << shift
		if c < 0x80 {
			return v, nil
		}
	}
	return 0, errors.New("LEB128 number too long")
}

func (r *reader) skip(n int) error {
	if n < 0 || n > len(r.b)-r.pos {
		return errTruncated
	}
	r.pos += n
	return nil
}

func (r *reader) byte() (byte, error) {
	if r.pos >= len(r.b) {
		return 0, errTruncated
	}
	r.pos++
	return r.b[r.pos-1], nil
}

// sleb reads a signed LEB128 number of up to 64 bits.
func (r *reader) sleb() (int64, error) {
	var v int64
	var shift uint
	for {
		c, err := r.byte()
		if err != nil {
			return 0, err
		}
		if shift >= 64 {
			return 0, errors.New("LEB128 number too long")
		}
		v |= int64(c&0x7f) << shift
		shift += 7
		if c < 0x80 {
			if shift < 64 && c&0x40 != 0 {
				v |= -1 << shift
			}
			return v, nil
		}
	}
}

func (r *reader) limits() error {
	flags, err := r.byte()
	if err != nil {
		return err
	}
	if _, err := r.uleb(); err != nil {
		return err
	}
	if flags&1 != 0 {
		_, err = r.uleb()
	}
	return err
}

func (r *reader) name() (string, error) {
	n, err := r.uleb()
	if err != nil {
		return "", err
	}
	if n > uint64(len(r.b)-r.pos) {
		return "", errTruncated
	}
	s := r.b[r.pos : r.pos+int(n)]
	r.pos += int(n)
	if !utf8.Valid(s) {
		return "", errors.New("name is not UTF-8")
	}
	return string(s), nil
}
