package exports

import (
	"fmt"
	"strings"
)

// kind is how one Go type crosses between JS and a generated wrapper: the
// wasm parameters it becomes (as Go types of the //go:wasmexport
// function), the Go expression that makes the value from them, the
// statements that report it as result i, and its TypeScript type.
type kind struct {
	params []string                     // Go types of the wrapper's parameters
	decode func(p []string) string      // the value, from the parameters' names
	encode func(v string, i int) string // statements reporting v as result i; may return early
	ts     string                       // TypeScript type of a parameter
	tsOut  string                       // TypeScript type of a result, if it differs
}

// Numbers that fit in a JS number exactly cross as float64 words, or as
// i32 parameters where wasm has them.
func number(param string) kind {
	return kind{
		params: []string{param},
		encode: func(v string, i int) string { return fmt.Sprintf("buildwasmjs.BuildwasmFloat(%d, float64(%s))", i, v) },
		ts:     "number",
	}
}

// slice is a slice of a fixed-size element, a typed array in JS.
func slice(array string) kind {
	return kind{
		params: []string{"buildwasmunsafe.Pointer", "int32"},
		// decodeExpr decodes slices: their elements may be of a named type.
		encode: func(v string, i int) string {
			return fmt.Sprintf("buildwasmjs.BuildwasmSlice(%d, buildwasmunsafe.Pointer(buildwasmunsafe.SliceData(%s)), len(%s), %s == nil, %s)", i, v, v, v, v)
		},
		ts:    array + " | " + tsArrayInput(array) + " | null",
		tsOut: array + " | null",
	}
}

func tsArrayInput(array string) string {
	if array == "BigInt64Array" || array == "BigUint64Array" {
		return "bigint[]"
	}
	return "number[]"
}

// kinds are the types typed exports take and return, spelled as the
// description spells them.
var kinds = map[string]kind{
	"bool": {
		params: []string{"bool"},
		encode: func(v string, i int) string {
			return fmt.Sprintf("if %s {\n\t\tbuildwasmjs.BuildwasmBits(%d, 1)\n\t} else {\n\t\tbuildwasmjs.BuildwasmBits(%d, 0)\n\t}", v, i, i)
		},
		ts: "boolean",
	},
	"int8":    number("int32"),
	"int16":   number("int32"),
	"int32":   number("int32"),
	"uint8":   number("uint32"),
	"uint16":  number("uint32"),
	"uint32":  number("uint32"),
	"float32": number("float32"),
	"float64": number("float64"),
	// int, uint and uintptr are 64 bits in Go's wasm port: they cross as
	// float64, checked by the loader going in and by the wrapper coming out.
	"int": {
		params: []string{"float64"},
		encode: func(v string, i int) string {
			return fmt.Sprintf("if !buildwasmjs.BuildwasmInt(seq, %d, int64(%s)) {\n\t\treturn\n\t}", i, v)
		},
		ts: "number",
	},
	"uint":    unsigned(),
	"uintptr": unsigned(),
	"int64": {
		params: []string{"int64"},
		encode: func(v string, i int) string { return fmt.Sprintf("buildwasmjs.BuildwasmBits(%d, uint64(%s))", i, v) },
		ts:     "bigint",
	},
	"uint64": {
		params: []string{"uint64"},
		encode: func(v string, i int) string { return fmt.Sprintf("buildwasmjs.BuildwasmBits(%d, uint64(%s))", i, v) },
		ts:     "bigint",
	},
	"string": {
		params: []string{"buildwasmunsafe.Pointer", "int32"},
		decode: func(p []string) string {
			return fmt.Sprintf("string(buildwasmunsafe.Slice((*byte)(%s), %s))", p[0], p[1])
		},
		encode: func(v string, i int) string { return fmt.Sprintf("buildwasmjs.BuildwasmString(%d, string(%s))", i, v) },
		ts:     "string",
	},
	"[]byte":    slice("Uint8Array"),
	"[]int8":    slice("Int8Array"),
	"[]int16":   slice("Int16Array"),
	"[]int32":   slice("Int32Array"),
	"[]int64":   slice("BigInt64Array"),
	"[]uint16":  slice("Uint16Array"),
	"[]uint32":  slice("Uint32Array"),
	"[]uint64":  slice("BigUint64Array"),
	"[]float32": slice("Float32Array"),
	"[]float64": slice("Float64Array"),
	"js.Value": {
		params: []string{"buildwasmunsafe.Pointer"},
		decode: func(p []string) string { return fmt.Sprintf("buildwasmjs.BuildwasmLoadValue(%s)", p[0]) },
		encode: func(v string, i int) string { return fmt.Sprintf("buildwasmjs.BuildwasmValue(%d, %s)", i, v) },
		ts:     "unknown",
	},
}

func unsigned() kind {
	return kind{
		params: []string{"float64"},
		encode: func(v string, i int) string {
			return fmt.Sprintf("if !buildwasmjs.BuildwasmUint(seq, %d, uint64(%s)) {\n\t\treturn\n\t}", i, v)
		},
		ts: "number",
	}
}

// decodeExpr is the Go expression of a parameter of shape s (one of
// kinds) made from the wrapper's parameters p.
func decodeExpr(s *shape, p []string) string {
	k := kinds[s.kind]
	var x string
	switch {
	case strings.HasPrefix(s.kind, "[]"): // its elements may be of a named type
		x = fmt.Sprintf("buildwasmSlice[%s](%s, %s)", s.elem.goType, p[0], p[1])
	case k.decode != nil:
		x = k.decode(p)
	case k.params[0] == s.goType:
		return p[0]
	default:
		x = p[0]
	}
	if x != p[0] && s.goType == s.kind {
		return x
	}
	return conv(s.goType, x)
}
