package wasmbin

import (
	"errors"
	"fmt"
)

// Section ids of the sections Module reads.
const (
	sectionImport = 2
	sectionCode   = 10
	sectionData   = 11
)

// Body is one function body of the code section. Offsets are in the whole
// file, which is what V8 reports for wasm frames.
type Body struct {
	Start int // first byte of the body (its local declarations)
	Code  int // first instruction, after the locals
	End   int // one past the final `end`
}

// Segment is one active data segment: bytes placed at Addr in linear memory.
type Segment struct {
	Addr int
	Data []byte
}

// Module is the structure of a wasm binary that tools mapping offsets need.
type Module struct {
	Bytes []byte
	// FuncImports counts imported functions: the function index of Bodies[i]
	// is FuncImports+i.
	FuncImports int
	Bodies      []Body
	Segments    []Segment
	// Names maps function indexes to names, from the "name" custom section.
	Names    map[int]string
	Sections []Section
}

// Parse reads the sections of b that Module describes.
func Parse(b []byte) (*Module, error) {
	sections, err := Sections(b)
	if err != nil {
		return nil, err
	}
	m := &Module{Bytes: b, Sections: sections}
	for _, s := range sections {
		var err error
		switch {
		case s.ID == sectionImport:
			m.FuncImports, err = funcImports(s)
		case s.ID == sectionCode:
			m.Bodies, err = bodies(s)
		case s.ID == sectionData:
			m.Segments, err = segments(s)
		case s.ID == SectionCustom && s.Name == "name":
			m.Names = names(s) // only ever a help: a broken one is ignored
		}
		if err != nil {
			return nil, err
		}
	}
	return m, nil
}

func funcImports(s Section) (int, error) {
	r := reader{b: s.Data}
	n, err := r.uleb()
	if err != nil {
		return 0, fmt.Errorf("import section: %w", err)
	}
	funcs := 0
	for i := uint64(0); i < n; i++ {
		if _, err := r.name(); err != nil {
			return 0, fmt.Errorf("import section: %w", err)
		}
		if _, err := r.name(); err != nil {
			return 0, fmt.Errorf("import section: %w", err)
		}
		kind, err := r.byte()
		if err != nil {
			return 0, fmt.Errorf("import section: %w", err)
		}
		switch kind {
		case 0: // function: type index
			funcs++
			_, err = r.uleb()
		case 1: // table: element type, limits
			if _, err = r.byte(); err == nil {
				err = r.limits()
			}
		case 2: // memory: limits
			err = r.limits()
		case 3: // global: value type, mutability
			if _, err = r.byte(); err == nil {
				_, err = r.byte()
			}
		default:
			err = fmt.Errorf("unknown import kind %d", kind)
		}
		if err != nil {
			return 0, fmt.Errorf("import section: %w", err)
		}
	}
	return funcs, nil
}

func bodies(s Section) ([]Body, error) {
	r := reader{b: s.Data}
	n, err := r.uleb()
	if err != nil {
		return nil, fmt.Errorf("code section: %w", err)
	}
	if n > uint64(len(s.Data)) {
		return nil, errors.New("code section: more bodies than bytes")
	}
	out := make([]Body, 0, n)
	for i := uint64(0); i < n; i++ {
		size, err := r.uleb()
		if err != nil || size > uint64(len(r.b)-r.pos) {
			return nil, fmt.Errorf("code section: body %d runs past the section", i)
		}
		body := reader{b: r.b[:r.pos+int(size)], pos: r.pos}
		start := r.pos
		groups, err := body.uleb()
		for g := uint64(0); err == nil && g < groups; g++ {
			if _, err = body.uleb(); err == nil {
				_, err = body.byte()
			}
		}
		if err != nil {
			return nil, fmt.Errorf("code section: locals of body %d: %w", i, err)
		}
		r.pos += int(size)
		out = append(out, Body{Start: s.Offset + start, Code: s.Offset + body.pos, End: s.Offset + r.pos})
	}
	return out, nil
}

func segments(s Section) ([]Segment, error) {
	r := reader{b: s.Data}
	n, err := r.uleb()
	if err != nil {
		return nil, fmt.Errorf("data section: %w", err)
	}
	var out []Segment
	for i := uint64(0); i < n; i++ {
		flags, err := r.uleb()
		if err != nil {
			return nil, fmt.Errorf("data section: %w", err)
		}
		addr := -1
		switch flags {
		case 0, 2:
			if flags == 2 {
				if _, err := r.uleb(); err != nil { // memory index
					return nil, fmt.Errorf("data section: %w", err)
				}
			}
			// The offset is a constant expression: i32.const N end.
			op, err := r.byte()
			if err != nil || op != 0x41 {
				return nil, fmt.Errorf("data section: segment %d has an offset that is not i32.const", i)
			}
			v, err := r.sleb()
			if err != nil {
				return nil, fmt.Errorf("data section: %w", err)
			}
			if end, err := r.byte(); err != nil || end != 0x0b {
				return nil, fmt.Errorf("data section: segment %d offset is not a single constant", i)
			}
			addr = int(uint32(v))
		case 1:
		default:
			return nil, fmt.Errorf("data section: segment %d has unknown flags %d", i, flags)
		}
		size, err := r.uleb()
		if err != nil || size > uint64(len(r.b)-r.pos) {
			return nil, fmt.Errorf("data section: segment %d runs past the section", i)
		}
		data := r.b[r.pos : r.pos+int(size)]
		r.pos += int(size)
		if addr >= 0 {
			out = append(out, Segment{Addr: addr, Data: data})
		}
	}
	return out, nil
}

// names reads the function-names subsection (id 1) of the name section.
func names(s Section) map[int]string {
	out := map[int]string{}
	r := reader{b: s.Data}
	for r.pos < len(r.b) {
		id, err := r.byte()
		if err != nil {
			return out
		}
		size, err := r.uleb()
		if err != nil || size > uint64(len(r.b)-r.pos) {
			return out
		}
		sub := reader{b: r.b[r.pos : r.pos+int(size)]}
		r.pos += int(size)
		if id != 1 {
			continue
		}
		n, err := sub.uleb()
		for i := uint64(0); err == nil && i < n; i++ {
			var idx uint64
			var name string
			if idx, err = sub.uleb(); err == nil {
				if name, err = sub.name(); err == nil {
					out[int(idx)] = name
				}
			}
		}
	}
	return out
}
