package exports

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
)

// Declarations is the TypeScript of a program's typed exports: an Exports
// interface for load<Exports>(), documented from the Go doc comments, with
// no imports.
func Declarations(program string, funcs []Func) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "// Typed exports of %s, written by buildwasm: load<Exports>(...) types app.exports.\n\n", program)
	b.WriteString("export interface Exports {\n")
	for i, fn := range funcs {
		if i > 0 {
			b.WriteString("\n")
		}
		var doc []string
		if fn.Doc != "" {
			doc = strings.Split(fn.Doc, "\n")
		}
		if fn.Error {
			if doc != nil {
				doc = append(doc, "")
			}
			doc = append(doc, "@throws {GoError} the error "+fn.GoName+" returns, with the errors it wraps as causes.")
		}
		if doc != nil {
			writeDoc(&b, "  ", doc)
		}
		var params []string
		for _, p := range fn.Params {
			params = append(params, tsName(p.Name)+": "+tsType(p.shape, true))
		}
		result := "void"
		if fn.result != nil {
			result = tsType(fn.result, false)
		}
		if fn.Async {
			params = append(params, "options?: { signal?: AbortSignal }")
			result = "Promise<" + result + ">"
		}
		fmt.Fprintf(&b, "  %s(%s): %s;\n", fn.Name, strings.Join(params, ", "), result)
	}
	b.WriteString("}\n")
	structs := map[string]*shape{}
	for _, fn := range funcs {
		for _, p := range fn.Params {
			structShapes(p.shape, structs)
		}
		structShapes(fn.result, structs)
	}
	for _, name := range slices.Sorted(maps.Keys(structs)) {
		writeInterface(&b, structs[name])
	}
	return []byte(b.String())
}

// tsType is the TypeScript type of s as a parameter (in) or a result.
func tsType(s *shape, in bool) string {
	if k, ok := kinds[s.kind]; ok {
		if !in && k.tsOut != "" {
			return k.tsOut
		}
		return k.ts
	}
	switch s.kind {
	case "slice":
		return group(tsType(s.elem, in)) + "[] | null"
	case "array":
		return group(tsType(s.elem, in)) + "[]"
	case "map":
		return "Record<string, " + tsType(s.elem, in) + "> | null"
	case "ptr":
		if in {
			return group(tsType(s.elem, in)) + " | null | undefined"
		}
		return group(tsType(s.elem, in)) + " | null"
	case "struct":
		return s.tsName
	}
	return "unknown" // any
}

// group parenthesizes a union before [].
func group(ts string) string {
	if strings.Contains(ts, "|") {
		return "(" + ts + ")"
	}
	return ts
}

func structShapes(s *shape, out map[string]*shape) {
	if s == nil {
		return
	}
	if s.kind == "struct" {
		if _, done := out[s.tsName]; done {
			return
		}
		out[s.tsName] = s
		for _, f := range s.fields {
			structShapes(f.shape, out)
		}
		return
	}
	structShapes(s.elem, out)
}

// writeInterface declares struct s: its fields as encoding/json names
// them, those with omitempty optional.
func writeInterface(b *strings.Builder, s *shape) {
	doc := s.doc
	if doc == "" {
		doc = "Go's " + s.name + "."
	}
	b.WriteString("\n")
	writeDoc(b, "", strings.Split(doc, "\n"))
	fmt.Fprintf(b, "export interface %s {\n", s.tsName)
	for _, f := range s.fields {
		if f.doc != "" {
			writeDoc(b, "  ", strings.Split(f.doc, "\n"))
		}
		name := f.JS
		if !isIdentifier(name) {
			name = strconv.Quote(name)
		}
		opt := ""
		if f.OmitEmpty {
			opt = "?"
		}
		fmt.Fprintf(b, "  %s%s: %s;\n", name, opt, tsType(f.shape, false))
	}
	b.WriteString("}\n")
}

// tsName is a parameter name TypeScript accepts: Go names that are
// reserved words in JavaScript get a trailing underscore.
func tsName(name string) string {
	switch name {
	case "arguments", "await", "break", "case", "catch", "class", "const", "continue", "debugger", "default",
		"delete", "do", "else", "enum", "eval", "export", "extends", "false", "finally", "for", "function",
		"if", "implements", "import", "in", "instanceof", "interface", "let", "new", "null", "package",
		"private", "protected", "public", "return", "static", "super", "switch", "this", "throw", "true",
		"try", "typeof", "var", "void", "while", "with", "yield":
		return name + "_"
	}
	return name
}

// writeDoc writes a TSDoc comment of lines, indented.
func writeDoc(b *strings.Builder, indent string, lines []string) {
	b.WriteString(indent + "/**\n")
	for _, line := range lines {
		line = strings.ReplaceAll(line, "*/", "*\\/")
		b.WriteString(strings.TrimRight(indent+" * "+line, " ") + "\n")
	}
	b.WriteString(indent + " */\n")
}
