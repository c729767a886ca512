package exports

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"reflect"
	"strconv"
	"strings"
)

// shape is how a Go type crosses, resolved from the source of the main
// module's packages alone: the build type-checks nothing, and a type
// declared anywhere else (the standard library's, a dependency's) cannot
// cross, except js.Value and error where issue-19 kinds take them.
type shape struct {
	// kind is a key of kinds (a number, bool, string, or a slice of
	// fixed-size numbers: "[]float64"), or one of "slice", "array", "map",
	// "ptr", "struct", "any".
	kind string
	elem *shape // of a slice, array, map (its value) or pointer
	n    int    // an array's length
	key  string // a map's key type, spelled
	// goType is how the generated wrapper spells the type, in the package
	// it is generated for.
	goType string
	// named marks a declared type whose kind is a key of kinds: the
	// wrapper converts to and from the predeclared type.
	named bool
	// name is a struct's qualified Go name (import path "." name), the
	// key of its fields in the description.
	name   string
	tsName string // a struct's TypeScript interface name
	doc    string // a struct's Go doc comment
	fields []shapeField
}

type shapeField struct {
	JS        string `json:"name"`
	Type      string `json:"type"`
	OmitEmpty bool   `json:"omitempty,omitempty"`
	goPath    string // the selector from the struct value: "Inner.X" for a promoted field
	shape     *shape
	doc       string
}

// desc spells s as the description does: kinds by their keys, structs by
// their qualified name, the rest as Go spells them with those inside.
func (s *shape) desc() string {
	switch s.kind {
	case "slice":
		return "[]" + s.elem.desc()
	case "array":
		return fmt.Sprintf("[%d]%s", s.n, s.elem.desc())
	case "map":
		return "map[string]" + s.elem.desc()
	case "ptr":
		return "*" + s.elem.desc()
	case "struct":
		return s.name
	}
	return s.kind
}

// composite reports whether s crosses in the composite bytes rather than
// as wasm parameters or a string's or typed array's own memory.
func (s *shape) composite() bool {
	_, simple := kinds[s.kind]
	return !simple
}

// source is a package of the main module, parsed.
type source struct {
	path, name string
	files      []*ast.File
	types      map[string]typeDecl
}

type typeDecl struct {
	spec *ast.TypeSpec
	file *ast.File
	doc  string
}

func newSource(path, name string, files []*ast.File) *source {
	s := &source{path: path, name: name, files: files, types: map[string]typeDecl{}}
	for _, f := range files {
		for _, d := range f.Decls {
			if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.TYPE {
				for _, spec := range g.Specs {
					ts := spec.(*ast.TypeSpec)
					doc := ts.Doc
					if doc == nil && len(g.Specs) == 1 {
						doc = g.Doc
					}
					s.types[ts.Name.Name] = typeDecl{ts, f, strings.TrimSpace(doc.Text())}
				}
			}
		}
	}
	return s
}

// resolver resolves the types of one package's typed exports (home),
// spelling them for the wrapper generated into it.
type resolver struct {
	sources map[string]*source // by import path
	home    *source
	imports map[string]string // import path → name in the wrapper, for other packages
	structs map[string]*shape // by qualified name
	busy    map[string]bool   // named types being resolved: a cycle if met again
	tsNames map[string]string // TypeScript name → qualified name
}

func newResolver(sources map[string]*source, home *source, tsNames map[string]string) *resolver {
	return &resolver{sources: sources, home: home, imports: map[string]string{}, structs: map[string]*shape{}, busy: map[string]bool{}, tsNames: tsNames}
}

// resolve resolves e, written in file f of package p; the error says why
// the type cannot cross, as a clause ("chan int cannot cross: ...").
func (r *resolver) resolve(e ast.Expr, f *ast.File, p *source) (*shape, error) {
	switch e := e.(type) {
	case *ast.ParenExpr:
		return r.resolve(e.X, f, p)
	case *ast.Ident:
		if _, ok := p.types[e.Name]; ok {
			return r.named(p, e.Name)
		}
		return predeclared(e.Name)
	case *ast.SelectorExpr:
		x, ok := e.X.(*ast.Ident)
		if !ok {
			break
		}
		path := importPath(f, x.Name)
		if other, ok := r.sources[path]; ok {
			return r.named(other, e.Sel.Name)
		}
		if path == "syscall/js" && e.Sel.Name == "Value" {
			return nil, fmt.Errorf("%s cannot cross inside another type: only as a parameter or result of its own", spell(e))
		}
		return nil, fmt.Errorf("%s cannot cross: only the main module's own types and the predeclared ones do (and js.Value as a parameter or result)", spell(e))
	case *ast.ArrayType:
		elem, err := r.resolve(e.Elt, f, p)
		if err != nil {
			return nil, err
		}
		if e.Len == nil {
			kind := "[]" + elem.kind
			if kind == "[]uint8" {
				kind = "[]byte"
			}
			if _, ok := kinds[kind]; !ok {
				kind = "slice"
			}
			return &shape{kind: kind, elem: elem, goType: "[]" + elem.goType}, nil
		}
		lit, ok := e.Len.(*ast.BasicLit)
		n, err := strconv.Atoi(litValue(lit))
		if !ok || err != nil {
			return nil, fmt.Errorf("%s cannot cross: give the array's length as a number", spell(e))
		}
		return &shape{kind: "array", elem: elem, n: n, goType: fmt.Sprintf("[%d]%s", n, elem.goType)}, nil
	case *ast.MapType:
		key, err := r.resolve(e.Key, f, p)
		if err != nil {
			return nil, err
		}
		if key.kind != "string" {
			return nil, fmt.Errorf("%s cannot cross: a map's keys must be strings, as a JavaScript object's are", spell(e))
		}
		elem, err := r.resolve(e.Value, f, p)
		if err != nil {
			return nil, err
		}
		return &shape{kind: "map", elem: elem, key: key.goType, goType: fmt.Sprintf("map[%s]%s", key.goType, elem.goType)}, nil
	case *ast.StarExpr:
		elem, err := r.resolve(e.X, f, p)
		if err != nil {
			return nil, err
		}
		return &shape{kind: "ptr", elem: elem, goType: "*" + elem.goType}, nil
	case *ast.InterfaceType:
		if len(e.Methods.List) == 0 {
			return &shape{kind: "any", goType: "any"}, nil
		}
	case *ast.StructType:
		return nil, fmt.Errorf("an unnamed struct type cannot cross: declare it as a type of its own")
	case *ast.ChanType:
		return nil, fmt.Errorf("%s cannot cross: channels have no JavaScript value", spell(e))
	case *ast.FuncType:
		return nil, fmt.Errorf("%s cannot cross: to take a JavaScript function, take a js.Value", spell(e))
	}
	return nil, fmt.Errorf("%s cannot cross", spell(e))
}

func spell(e ast.Expr) string { return types.ExprString(e) }

func litValue(l *ast.BasicLit) string {
	if l == nil || l.Kind != token.INT {
		return ""
	}
	return l.Value
}

func predeclared(name string) (*shape, error) {
	switch name {
	case "byte":
		return &shape{kind: "uint8", goType: "byte"}, nil
	case "rune":
		return &shape{kind: "int32", goType: "rune"}, nil
	case "any":
		return &shape{kind: "any", goType: "any"}, nil
	case "error":
		return nil, fmt.Errorf("error cannot cross here: only as a function's last result")
	}
	if k, ok := kinds[name]; ok && !strings.HasPrefix(name, "[]") && name != "js.Value" && k.params != nil {
		return &shape{kind: name, goType: name}, nil
	}
	return nil, fmt.Errorf("%s cannot cross", name)
}

// named resolves the type name declared in package p.
func (r *resolver) named(p *source, name string) (*shape, error) {
	d, ok := p.types[name]
	if !ok {
		return nil, fmt.Errorf("%s.%s is not declared", p.path, name)
	}
	qualified := p.path + "." + name
	if _, err := predeclared(name); err == nil || name == "error" {
		return nil, fmt.Errorf("%s is the package's own type called %s, which hides Go's: typed exports cannot take it", qualified, name)
	}
	if s, ok := r.structs[qualified]; ok {
		return s, nil
	}
	if d.spec.TypeParams != nil {
		return nil, fmt.Errorf("%s is generic, and generic types cannot cross", qualified)
	}
	spell := name
	if p != r.home {
		if !ast.IsExported(name) {
			return nil, fmt.Errorf("%s is not exported, so the wrapper generated in %s cannot name it", qualified, r.home.path)
		}
		spell = r.importName(p) + "." + name
	}
	if d.spec.Assign.IsValid() {
		return r.resolve(d.spec.Type, d.file, p) // an alias is the type it names
	}
	if r.busy[qualified] {
		return nil, fmt.Errorf("%s refers to itself, and recursive types cannot cross", qualified)
	}
	r.busy[qualified] = true
	defer delete(r.busy, qualified)
	if st, ok := d.spec.Type.(*ast.StructType); ok {
		s := &shape{kind: "struct", goType: spell, name: qualified, tsName: r.tsName(name, p), doc: d.doc}
		fields, err := r.structFields(st, d.file, p, "", 0)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", qualified, err)
		}
		s.fields = dominant(fields)
		r.structs[qualified] = s
		return s, nil
	}
	under, err := r.resolve(d.spec.Type, d.file, p)
	if err != nil {
		return nil, err
	}
	s := *under
	s.goType = spell
	s.named = !s.composite()
	return &s, nil
}

func (r *resolver) importName(p *source) string {
	if n, ok := r.imports[p.path]; ok {
		return n
	}
	n := fmt.Sprintf("buildwasm_%s_%d", p.name, len(r.imports))
	r.imports[p.path] = n
	return n
}

// tsName is the TypeScript name of struct type name of p: its Go name,
// unless a struct of another package took that first.
func (r *resolver) tsName(name string, p *source) string {
	qualified := p.path + "." + name
	for _, ts := range []string{name, p.name + "_" + name} {
		if q, ok := r.tsNames[ts]; !ok || q == qualified {
			r.tsNames[ts] = qualified
			return ts
		}
	}
	ts := strings.NewReplacer("/", "_", ".", "_", "-", "_").Replace(qualified)
	r.tsNames[ts] = qualified
	return ts
}

// candidate is a field as encoding/json finds it, before the fields of
// embedded structs that others hide are dropped.
type candidate struct {
	shapeField
	depth  int
	tagged bool
}

// structFields lists the fields of st as encoding/json does: exported
// ones, named by their json tag, `json:"-"` ones left out, the fields of
// embedded structs promoted unless the embedded field has a tag name.
func (r *resolver) structFields(st *ast.StructType, f *ast.File, p *source, prefix string, depth int) ([]candidate, error) {
	var out []candidate
	for _, field := range st.Fields.List {
		tag := ""
		if field.Tag != nil {
			raw, _ := strconv.Unquote(field.Tag.Value)
			tag = reflect.StructTag(raw).Get("json")
		}
		if tag == "-" {
			continue
		}
		jsName, opts, _ := strings.Cut(tag, ",")
		omit := strings.Contains(","+opts+",", ",omitempty,")
		doc := strings.TrimSpace(field.Doc.Text())
		if len(field.Names) == 0 { // embedded
			typ := field.Type
			_, isPtr := typ.(*ast.StarExpr)
			name := embeddedName(typ)
			if jsName == "" {
				if st, file, src, ok := r.structDecl(typ, f, p); ok {
					if isPtr {
						return nil, fmt.Errorf("embedded field *%s cannot cross: embed the struct itself, or name the field", name)
					}
					inner, err := r.structFields(st, file, src, prefix+name+".", depth+1)
					if err != nil {
						return nil, err
					}
					out = append(out, inner...)
					continue
				}
			}
			if !ast.IsExported(name) {
				continue
			}
			s, err := r.resolve(typ, f, p)
			if err != nil {
				return nil, fmt.Errorf("field %s: %w", name, err)
			}
			out = append(out, candidate{shapeField{JS: orDefault(jsName, name), Type: s.desc(), OmitEmpty: omit && omittable(s), goPath: prefix + name, shape: s, doc: doc}, depth, jsName != ""})
			continue
		}
		for _, n := range field.Names {
			if !ast.IsExported(n.Name) {
				continue
			}
			s, err := r.resolve(field.Type, f, p)
			if err != nil {
				return nil, fmt.Errorf("field %s: %w", n.Name, err)
			}
			out = append(out, candidate{shapeField{JS: orDefault(jsName, n.Name), Type: s.desc(), OmitEmpty: omit && omittable(s), goPath: prefix + n.Name, shape: s, doc: doc}, depth, jsName != ""})
		}
	}
	return out, nil
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// embeddedName is the field name Go gives an embedded field of type e.
func embeddedName(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.StarExpr:
		return embeddedName(e.X)
	case *ast.SelectorExpr:
		return e.Sel.Name
	case *ast.Ident:
		return e.Name
	}
	return ""
}

// structDecl finds the struct type that e (T, *T or pkg.T) names, if it
// names one of the main module's.
func (r *resolver) structDecl(e ast.Expr, f *ast.File, p *source) (*ast.StructType, *ast.File, *source, bool) {
	if star, ok := e.(*ast.StarExpr); ok {
		e = star.X
	}
	src, name := p, ""
	switch e := e.(type) {
	case *ast.Ident:
		name = e.Name
	case *ast.SelectorExpr:
		x, ok := e.X.(*ast.Ident)
		if !ok {
			return nil, nil, nil, false
		}
		if src, ok = r.sources[importPath(f, x.Name)]; !ok {
			return nil, nil, nil, false
		}
		name = e.Sel.Name
	}
	d, ok := src.types[name]
	if !ok || d.spec.Assign.IsValid() {
		return nil, nil, nil, false
	}
	st, ok := d.spec.Type.(*ast.StructType)
	return st, d.file, src, ok
}

// dominant keeps, of the fields sharing a JSON name, the one encoding/json
// keeps: the shallowest, then the tagged one; if that leaves more than
// one, none. Order is the order of declaration.
func dominant(fields []candidate) []shapeField {
	best := map[string]candidate{}
	tie := map[string]bool{}
	for _, c := range fields {
		b, seen := best[c.JS]
		switch {
		case !seen || c.depth < b.depth || c.depth == b.depth && c.tagged && !b.tagged:
			best[c.JS] = c
			tie[c.JS] = false
		case c.depth == b.depth && c.tagged == b.tagged:
			tie[c.JS] = true
		}
	}
	var out []shapeField
	for _, c := range fields {
		if b := best[c.JS]; !tie[c.JS] && b.goPath == c.goPath {
			out = append(out, c.shapeField)
		}
	}
	return out
}
