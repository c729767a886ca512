package exports

import (
	"fmt"
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
			b.WriteString("  /**\n")
			for _, line := range doc {
				line = strings.ReplaceAll(line, "*/", "*\\/")
				b.WriteString(strings.TrimRight("   * "+line, " ") + "\n")
			}
			b.WriteString("   */\n")
		}
		var params []string
		for _, p := range fn.Params {
			params = append(params, tsName(p.Name)+": "+kinds[p.Type].ts)
		}
		result := "void"
		if fn.Result != "" {
			k := kinds[fn.Result]
			result = k.ts
			if k.tsOut != "" {
				result = k.tsOut
			}
		}
		fmt.Fprintf(&b, "  %s(%s): %s;\n", fn.Name, strings.Join(params, ", "), result)
	}
	b.WriteString("}\n")
	return []byte(b.String())
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
