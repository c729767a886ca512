// Package exports implements typed exports: it finds the functions a
// program marks //buildwasm:export, checks their names and types, and
// writes what a build adds for them: per package, a Go file of
// //go:wasmexport wrappers and a description the loader reads at start
// (loader/src/exports.ts), and the TypeScript declarations of the whole
// program. The wrappers use the patched syscall/js only (its
// buildwasm_exports.go), so a program's go.mod needs nothing new.
package exports

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/buildwasm/buildwasm/internal/toolchain"
)

// Directive marks a function as a typed export, optionally followed by its
// JS name.
const Directive = "//buildwasm:export"

// Func is one typed export.
type Func struct {
	Package string  `json:"-"` // import path
	GoName  string  `json:"go"`
	Name    string  `json:"name"`   // the JS name
	Export  string  `json:"export"` // the raw wasm export
	Doc     string  `json:"doc"`
	Params  []Param `json:"params"`
	Result  string  `json:"result"` // "" for none
	Error   bool    `json:"error"`  // the last Go result is an error
	// Async marks a function whose first parameter is a context.Context
	// (not in Params): JS gets a Promise, and the call runs on a goroutine.
	Async  bool   `json:"async,omitempty"`
	Pos    string `json:"-"` // file:line of the function
	result *shape
	// imports are the packages the wrapper names types of, by import
	// path, with their names there.
	imports map[string]string
}

// Param is one parameter of a typed export.
type Param struct {
	Name  string `json:"name"`
	Type  string `json:"type"` // a key of kinds, or a composite type as shape.desc spells it
	shape *shape
}

// Error lists every problem found, each with its position.
type Error []string

func (e Error) Error() string { return strings.Join(e, "\n") }

// Find parses pkgs and returns their typed exports, or an Error naming every
// misuse: a bad or repeated JS name (typed exports, //go:wasmexport names
// and shim.Export names share one namespace), a method, a generic or
// variadic function, or a type that cannot cross.
func Find(pkgs []toolchain.Package) ([]Func, error) {
	sources, marked, err := readSources(pkgs)
	if err != nil || !marked {
		return nil, err
	}
	var funcs []Func
	var errs Error
	taken := map[string]string{} // JS name → where it is defined
	take := func(name, where string) {
		if prev, ok := taken[name]; ok {
			errs = append(errs, fmt.Sprintf("%s: export name %q is already used at %s", where, name, prev))
			return
		}
		taken[name] = where
	}
	fset := token.NewFileSet()
	parsed := map[string]*source{}
	for _, p := range pkgs {
		var files []*ast.File
		for _, name := range p.GoFiles {
			path := filepath.Join(p.Dir, name)
			f, err := parser.ParseFile(fset, path, sources[path], parser.ParseComments|parser.SkipObjectResolution)
			if err != nil {
				continue // go build reports it, with its own words
			}
			files = append(files, f)
		}
		parsed[p.ImportPath] = newSource(p.ImportPath, p.Name, files)
	}
	tsNames := map[string]string{}
	for _, p := range pkgs {
		src := parsed[p.ImportPath]
		r := newResolver(parsed, src, tsNames)
		for _, f := range src.files {
			for _, n := range otherExports(fset, f) {
				take(n.name, n.pos)
			}
			for _, d := range f.Decls {
				fd, ok := d.(*ast.FuncDecl)
				if !ok {
					continue
				}
				name, marked, err := directive(fd.Doc)
				pos := position(fset, fd.Pos())
				switch {
				case !marked:
					continue
				case err != nil:
					errs = append(errs, pos+": "+err.Error())
					continue
				}
				fn, problems := describe(fd, f, src, r, name, pos)
				errs = append(errs, problems...)
				if len(problems) == 0 {
					take(fn.Name, pos)
					funcs = append(funcs, fn)
				}
			}
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	slices.SortFunc(funcs, func(a, b Func) int { return strings.Compare(a.Name, b.Name) })
	return funcs, nil
}

// readSources reads the Go files of pkgs, and says whether any marks a
// typed export: a build of a program without any parses none of them.
func readSources(pkgs []toolchain.Package) (map[string][]byte, bool, error) {
	sources := map[string][]byte{}
	marked := false
	for _, p := range pkgs {
		for _, name := range p.GoFiles {
			path := filepath.Join(p.Dir, name)
			src, err := os.ReadFile(path)
			if err != nil {
				return nil, false, err
			}
			sources[path] = src
			marked = marked || bytes.Contains(src, []byte(Directive))
		}
	}
	return sources, marked, nil
}

func position(fset *token.FileSet, pos token.Pos) string {
	p := fset.Position(pos)
	return fmt.Sprintf("%s:%d", p.Filename, p.Line)
}

// directive reports whether doc marks a typed export, and the JS name it
// gives ("" for the default).
func directive(doc *ast.CommentGroup) (name string, marked bool, err error) {
	if doc == nil {
		return "", false, nil
	}
	for _, c := range doc.List {
		rest, ok := strings.CutPrefix(c.Text, Directive)
		if !ok || rest != "" && rest[0] != ' ' && rest[0] != '\t' {
			continue
		}
		fields := strings.Fields(rest)
		switch {
		case len(fields) > 1:
			return "", true, fmt.Errorf("%s takes at most one name, got %q", Directive, rest)
		case len(fields) == 1 && !isIdentifier(fields[0]):
			return "", true, fmt.Errorf("%s %s: %q is not a JavaScript identifier", Directive, fields[0], fields[0])
		case len(fields) == 1:
			return fields[0], true, nil
		}
		return "", true, nil
	}
	return "", false, nil
}

// describe checks fd and makes its Func, or lists what is wrong with it.
func describe(fd *ast.FuncDecl, f *ast.File, p *source, r *resolver, name, pos string) (Func, []string) {
	fn := Func{Package: p.path, GoName: fd.Name.Name, Name: name, Pos: pos, Doc: strings.TrimSpace(fd.Doc.Text()), Params: []Param{}, imports: r.imports}
	if fn.Name == "" {
		fn.Name = JSName(fd.Name.Name)
	}
	fn.Export = "buildwasm.x." + fn.Name
	what := fmt.Sprintf("%s: %s", pos, fd.Name.Name)
	switch {
	case fd.Recv != nil:
		return fn, []string{what + ": methods cannot be exported; export a function that calls the method"}
	case fd.Type.TypeParams != nil:
		return fn, []string{what + ": generic functions cannot be exported"}
	case fd.Name.Name == "main" || fd.Name.Name == "init":
		return fn, []string{what + ": main and init cannot be exported"}
	}
	var problems []string
	for i, field := range fieldList(fd.Type.Params) {
		pname := field.name
		if pname == "" || pname == "_" {
			pname = fmt.Sprintf("p%d", i)
		}
		if isContext(field.typ, f) {
			if i > 0 {
				problems = append(problems, fmt.Sprintf("%s: parameter %s: a context.Context must be the first parameter (it makes the export async)", what, pname))
			}
			fn.Async = true
			continue
		}
		if _, ok := field.typ.(*ast.Ellipsis); ok {
			problems = append(problems, fmt.Sprintf("%s: parameter %s: variadic parameters cannot be exported; take a slice", what, pname))
			continue
		}
		s, err := typeOf(field.typ, f, p, r)
		if err != nil {
			problems = append(problems, fmt.Sprintf("%s: parameter %s has type %s: %v", what, pname, spell(field.typ), err))
			continue
		}
		fn.Params = append(fn.Params, Param{Name: pname, Type: s.desc(), shape: s})
	}
	if words := wasmWords(fn.Params); words > maxWords {
		problems = append(problems, fmt.Sprintf("%s: its parameters take %d words of wasm arguments and Go allows %d for an export (a string or slice takes 2, and all composite ones 2 together): pass fewer", what, words, maxWords))
	}
	results := fieldList(fd.Type.Results)
	if n := len(results); n > 0 && isError(results[n-1].typ, p) {
		fn.Error = true
		results = results[:n-1]
	}
	switch {
	case len(results) > 1:
		problems = append(problems, fmt.Sprintf("%s: returns %d values; typed exports return at most one, and an error", what, len(results)))
	case len(results) == 1:
		s, err := typeOf(results[0].typ, f, p, r)
		if err != nil {
			problems = append(problems, fmt.Sprintf("%s: result has type %s: %v", what, spell(results[0].typ), err))
			break
		}
		fn.Result, fn.result = s.desc(), s
	}
	return fn, problems
}

// typeOf resolves the type of a parameter or result: js.Value there, or
// any type that crosses (shape.go).
func typeOf(e ast.Expr, f *ast.File, p *source, r *resolver) (*shape, error) {
	if sel, ok := e.(*ast.SelectorExpr); ok {
		if x, ok := sel.X.(*ast.Ident); ok && sel.Sel.Name == "Value" && importPath(f, x.Name) == "syscall/js" {
			return &shape{kind: "js.Value", goType: "js.Value"}, nil
		}
	}
	return r.resolve(e, f, p)
}

// isContext reports whether e is context.Context.
func isContext(e ast.Expr, f *ast.File) bool {
	sel, ok := e.(*ast.SelectorExpr)
	if !ok {
		return false
	}
	x, ok := sel.X.(*ast.Ident)
	return ok && sel.Sel.Name == "Context" && importPath(f, x.Name) == "context"
}

// isError reports whether e is the predeclared error.
func isError(e ast.Expr, p *source) bool {
	id, ok := e.(*ast.Ident)
	_, declared := p.types["error"]
	return ok && id.Name == "error" && !declared
}

type field struct {
	name string
	typ  ast.Expr
}

// fieldList flattens a parameter or result list: one entry per name.
func fieldList(fl *ast.FieldList) []field {
	if fl == nil {
		return nil
	}
	var out []field
	for _, f := range fl.List {
		if len(f.Names) == 0 {
			out = append(out, field{"", f.Type})
		}
		for _, n := range f.Names {
			out = append(out, field{n.Name, f.Type})
		}
	}
	return out
}

// importPath is the path f imports under name.
func importPath(f *ast.File, name string) string {
	for _, imp := range f.Imports {
		path, _ := strconv.Unquote(imp.Path.Value)
		local := path[strings.LastIndex(path, "/")+1:]
		if imp.Name != nil {
			local = imp.Name.Name
		}
		if local == name {
			return path
		}
	}
	return ""
}

// maxWords is how many wasm parameters a wrapper may take besides the
// call's sequence number: cmd/compile allows 128 bytes of arguments to a
// //go:wasmexport function, 8 a parameter.
const maxWords = 128/8 - 1

func wasmWords(params []Param) int {
	n, composite := 0, false
	for _, p := range params {
		if p.shape.composite() {
			composite = true
			continue
		}
		n += len(kinds[p.shape.kind].params)
	}
	if composite {
		n += 2 // the address and length of their bytes
	}
	return n
}
