package exports

import (
	"bytes"
	"fmt"
	"strings"
)

// codecs writes the decode and encode functions of composite types for
// one wrapper file: one of each per Go type, made when first needed, named
// buildwasm_d<N> and buildwasm_e<N>. They read and write the bytes
// described in the patched syscall/js (buildwasm_wire.go).
type codecs struct {
	b   bytes.Buffer
	dec map[string]string // Go type → its function's name
	enc map[string]string
}

func newCodecs() *codecs {
	return &codecs{dec: map[string]string{}, enc: map[string]string{}}
}

// conv is the conversion of expression x to Go type t.
func conv(t, x string) string {
	if strings.HasPrefix(t, "*") {
		return "(" + t + ")(" + x + ")"
	}
	return t + "(" + x + ")"
}

// named returns the name of s's function in made, and whether it is new:
// prefix and a number.
func named(made map[string]string, prefix string, s *shape) (string, bool) {
	if name, ok := made[s.goType]; ok {
		return name, false
	}
	name := fmt.Sprintf("%s%d", prefix, len(made))
	made[s.goType] = name
	return name, true
}

// decoder returns the name of the function that reads a value of s.
func (c *codecs) decoder(s *shape) string {
	name, isNew := named(c.dec, "buildwasm_d", s)
	if !isNew {
		return name
	}
	var body string
	switch s.kind {
	case "bool":
		body = "return " + conv(s.goType, "r.Bool()")
	case "int64":
		body = "return " + conv(s.goType, "int64(r.Bits())")
	case "uint64":
		body = "return " + conv(s.goType, "r.Bits()")
	case "string":
		body = "return " + conv(s.goType, "r.String()")
	case "any":
		body = "return r.Any()"
	case "slice":
		body = fmt.Sprintf("n := r.Len()\nif n < 0 {\nreturn nil\n}\nv := make(%s, n)\nfor i := range v {\nv[i] = %s(r)\n}\nreturn v", s.goType, c.decoder(s.elem))
	case "array":
		body = fmt.Sprintf("var v %s\nfor i := range v {\nv[i] = %s(r)\n}\nreturn v", s.goType, c.decoder(s.elem))
	case "map":
		body = fmt.Sprintf("n := r.Len()\nif n < 0 {\nreturn nil\n}\nv := make(%s, n)\nfor range n {\nk := %s\nv[k] = %s(r)\n}\nreturn v", s.goType, conv(s.key, "r.String()"), c.decoder(s.elem))
	case "ptr":
		body = fmt.Sprintf("if !r.Bool() {\nreturn nil\n}\nv := new(%s)\n*v = %s(r)\nreturn v", s.elem.goType, c.decoder(s.elem))
	case "struct":
		var lines []string
		lines = append(lines, "var v "+s.goType)
		for _, f := range s.fields {
			lines = append(lines, fmt.Sprintf("v.%s = %s(r)", f.goPath, c.decoder(f.shape)))
		}
		body = strings.Join(append(lines, "return v"), "\n")
	default:
		if strings.HasPrefix(s.kind, "[]") { // fixed-size numbers
			body = "return " + conv(s.goType, fmt.Sprintf("buildwasmjs.BuildwasmReadNumbers[%s](r)", s.elem.goType))
		} else { // the other numbers cross as float64
			body = "return " + conv(s.goType, "r.Float()")
		}
	}
	fmt.Fprintf(&c.b, "func %s(r *buildwasmjs.BuildwasmReader) %s {\n%s\n}\n\n", name, s.goType, body)
	return name
}

// encoder returns the name of the function that writes a value of s.
func (c *codecs) encoder(s *shape) string {
	name, isNew := named(c.enc, "buildwasm_e", s)
	if !isNew {
		return name
	}
	var body string
	switch s.kind {
	case "bool":
		body = "w.Bool(bool(v))"
	case "int", "uint", "uintptr", "int64", "uint64": // 64 bits, which the loader checks
		body = "w.Bits(uint64(v))"
	case "string":
		body = "w.String(string(v))"
	case "any":
		body = "w.Any(v)"
	case "slice":
		body = fmt.Sprintf("if v == nil {\nw.Len(-1)\nreturn\n}\nw.Len(len(v))\nfor _, x := range v {\n%s(w, x)\n}", c.encoder(s.elem))
	case "array":
		body = fmt.Sprintf("for _, x := range v {\n%s(w, x)\n}", c.encoder(s.elem))
	case "map":
		body = fmt.Sprintf("if v == nil {\nw.Len(-1)\nreturn\n}\nw.Len(len(v))\nfor _, k := range buildwasmjs.BuildwasmSortedKeys(v) {\nw.String(string(k))\n%s(w, v[k])\n}", c.encoder(s.elem))
	case "ptr":
		body = fmt.Sprintf("if v == nil {\nw.Bool(false)\nreturn\n}\nw.Bool(true)\n%s(w, *v)", c.encoder(s.elem))
	case "struct":
		var lines []string
		for _, f := range s.fields {
			x := "v." + f.goPath
			write := fmt.Sprintf("%s(w, %s)", c.encoder(f.shape), x)
			if f.OmitEmpty {
				write = fmt.Sprintf("if %s {\nw.Bool(true)\n%s\n} else {\nw.Bool(false)\n}", nonEmpty(f.shape, x), write)
			}
			lines = append(lines, write)
		}
		body = strings.Join(lines, "\n")
	default:
		if strings.HasPrefix(s.kind, "[]") { // fixed-size numbers
			body = "buildwasmjs.BuildwasmWriteNumbers(w, v)"
		} else {
			body = "w.Float(float64(v))"
		}
	}
	fmt.Fprintf(&c.b, "func %s(w *buildwasmjs.BuildwasmWriter, v %s) {\n%s\n}\n\n", name, s.goType, body)
	return name
}

// omittable reports whether encoding/json's omitempty can leave a value
// of s out: never a struct, nor an array of some length.
func omittable(s *shape) bool {
	return s.kind != "struct" && !(s.kind == "array" && s.n > 0)
}

// nonEmpty is the condition under which omitempty keeps x, of shape s.
func nonEmpty(s *shape, x string) string {
	switch {
	case s.kind == "bool":
		return "bool(" + x + ")"
	case s.kind == "string", s.kind == "slice", s.kind == "map", strings.HasPrefix(s.kind, "[]"):
		return "len(" + x + ") != 0"
	case s.kind == "ptr", s.kind == "any":
		return x + " != nil"
	}
	return x + " != 0"
}
