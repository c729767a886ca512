package exports

import (
	"go/ast"
	"go/token"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// JSName is the default JS name of a Go function: its leading run of
// capitals lowercased, except the last one of a longer run when a lowercase
// letter follows it (Greet → greet, GetURL → getURL, URL → url,
// HTTPGet → httpGet, ID → id).
func JSName(goName string) string {
	runes := []rune(goName)
	n := 0
	for n < len(runes) && unicode.IsUpper(runes[n]) {
		n++
	}
	if n > 1 && n < len(runes) && unicode.IsLower(runes[n]) {
		n--
	}
	for i := range n {
		runes[i] = unicode.ToLower(runes[i])
	}
	return string(runes)
}

// isIdentifier reports whether s is a JavaScript identifier: a letter, $
// or _, then letters, digits, $ or _.
func isIdentifier(s string) bool {
	for i, r := range s {
		ok := unicode.IsLetter(r) || r == '$' || r == '_' || i > 0 && unicode.IsDigit(r)
		if !ok {
			return false
		}
	}
	return s != "" && utf8.ValidString(s)
}

type otherExport struct{ name, pos string }

// otherExports lists the names f gives JS besides typed exports: its
// //go:wasmexport names and the string names of its shim.Export calls.
func otherExports(fset *token.FileSet, f *ast.File) []otherExport {
	var out []otherExport
	for _, cg := range f.Comments {
		for _, c := range cg.List {
			if rest, ok := strings.CutPrefix(c.Text, "//go:wasmexport "); ok {
				if fields := strings.Fields(rest); len(fields) > 0 {
					out = append(out, otherExport{fields[0], position(fset, c.Pos())})
				}
			}
		}
	}
	shim := ""
	for _, imp := range f.Imports {
		if path, _ := strconv.Unquote(imp.Path.Value); path == "github.com/buildwasm/buildwasm/shim" {
			shim = "shim"
			if imp.Name != nil {
				shim = imp.Name.Name
			}
		}
	}
	if shim == "" {
		return out
	}
	ast.Inspect(f, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || len(call.Args) == 0 {
			return true
		}
		sel, ok := call.Fun.(*ast.SelectorExpr)
		if !ok || sel.Sel.Name != "Export" {
			return true
		}
		if x, ok := sel.X.(*ast.Ident); !ok || x.Name != shim {
			return true
		}
		if lit, ok := call.Args[0].(*ast.BasicLit); ok && lit.Kind == token.STRING {
			if name, err := strconv.Unquote(lit.Value); err == nil {
				out = append(out, otherExport{name, position(fset, call.Pos())})
			}
		}
		return true
	})
	return out
}
