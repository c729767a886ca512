package loader

import (
	"go/ast"
	"go/parser"
	"go/token"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/buildwasm/buildwasm/internal/testenv"
)

// The Go↔JS contract (src/contract.ts) names exactly what the Go side
// uses: stock syscall/js, buildwasm's patch of it and package shim. A
// field renamed or added on one side only fails here, before any program
// meets it at run time.
func TestContract(t *testing.T) {
	goroot, err := testenv.GOROOT("")
	if err != nil {
		t.Fatal(err)
	}
	stock := filepath.Join(goroot, "src", "syscall", "js")
	patch := filepath.Join("..", "internal", "jspatch", "added")
	shim := filepath.Join("..", "shim")

	jsGo := names(t, `^(jsGo|JSGo)$`, stock, patch)
	event := names(t, `^cb$`, stock, patch)
	host := names(t, `^host$`, shim)
	global := names(t, `^Global\(\)$`, shim)
	record := recordKeys(t, filepath.Join(patch, "panicrecord.go"))
	if len(jsGo) < 5 || len(event) < 4 || len(host) < 4 || len(record) < 3 {
		t.Fatalf("too few names found in the Go sources: jsGo %v, event %v, host %v, record %v", jsGo, event, host, record)
	}

	src, err := os.ReadFile(filepath.Join("src", "contract.ts"))
	if err != nil {
		t.Fatal(err)
	}
	if m := shimGlobal.FindStringSubmatch(string(src)); m == nil || !slices.Contains(global, m[1]) {
		t.Errorf("contract.ts's SHIM_GLOBAL (%v) is not a global shim reads (%v)", m, global)
	}
	ts := interfaces(string(src))
	for _, c := range []struct {
		iface, goSide string
		goNames       []string
	}{
		{"GoObject", "jsGo's fields", jsGo},
		{"Event", "an event's fields", event},
		{"ShimHost", "__buildwasm's fields (shim's host)", host},
		{"PanicRecord", "the panic record's keys", record},
	} {
		declared := ts[c.iface]
		for _, n := range c.goNames {
			if !slices.Contains(declared, n) {
				t.Errorf("Go uses %s %q, which contract.ts's %s lacks", c.goSide, n, c.iface)
			}
		}
		for _, n := range declared {
			if !slices.Contains(c.goNames, n) {
				t.Errorf("contract.ts's %s declares %q, which no Go source uses as one of %s", c.iface, n, c.goSide)
			}
		}
	}
}

// Typed exports: the statuses in exportOut are the patch's export*
// constants, and the description the loader reads has the fields the
// generator (internal/exports) writes, both ways.
func TestExportContract(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("src", "contract.ts"))
	if err != nil {
		t.Fatal(err)
	}
	m := exportStatus.FindSubmatch(src)
	if m == nil {
		t.Fatal("contract.ts has no ExportStatus object")
	}
	ts := map[string]string{}
	for _, mm := range statusMember.FindAllSubmatch(m[1], -1) {
		ts[string(mm[1])] = string(mm[2])
	}
	goSide := exportConsts(t, filepath.Join("..", "internal", "jspatch", "added", "exports.go"))
	if len(goSide) < 3 {
		t.Fatalf("too few export* constants in exports.go: %v", goSide)
	}
	for name, v := range goSide {
		if ts[name] != v {
			t.Errorf("exports.go's export%s is %s, contract.ts's ExportStatus.%s is %q", name, v, name, ts[name])
		}
	}
	for name := range ts {
		if _, ok := goSide[name]; !ok {
			t.Errorf("contract.ts's ExportStatus.%s is no export* constant of exports.go", name)
		}
	}

	tags := jsonTags(t, filepath.Join("..", "internal", "exports"))
	declared := interfaces(string(src))
	for iface, goType := range map[string]string{"ExportDescription": "description", "ExportedFunc": "Func", "ExportParam": "Param"} {
		if len(tags[goType]) == 0 {
			t.Errorf("internal/exports has no struct %s with JSON fields", goType)
			continue
		}
		if !slices.Equal(declared[iface], tags[goType]) {
			t.Errorf("contract.ts's %s declares %v; internal/exports's %s writes %v", iface, declared[iface], goType, tags[goType])
		}
	}
}

var (
	exportStatus = regexp.MustCompile(`(?s)export const ExportStatus = \{\n(.*?)\n\} as const;`)
	statusMember = regexp.MustCompile(`(?m)^  (\w+): (\d+),`)
)

// exportConsts maps the export* constants of a Go file, without the
// prefix, to their values as written.
func exportConsts(t *testing.T, file string) map[string]string {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), file, nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, d := range f.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.CONST {
			continue
		}
		for _, spec := range gd.Specs {
			vs := spec.(*ast.ValueSpec)
			for i, n := range vs.Names {
				if rest, ok := strings.CutPrefix(n.Name, "export"); ok && i < len(vs.Values) {
					if lit, ok := vs.Values[i].(*ast.BasicLit); ok && lit.Kind == token.INT {
						out[rest] = lit.Value
					}
				}
			}
		}
	}
	return out
}

// jsonTags maps each struct type of the Go package in dir to the JSON
// names of its fields, sorted; fields left out of JSON are left out.
func jsonTags(t *testing.T, dir string) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	for _, f := range parseDir(t, dir) {
		ast.Inspect(f, func(n ast.Node) bool {
			ts, ok := n.(*ast.TypeSpec)
			if !ok {
				return true
			}
			st, ok := ts.Type.(*ast.StructType)
			if !ok {
				return true
			}
			for _, field := range st.Fields.List {
				if field.Tag == nil {
					continue
				}
				tag, _ := strconv.Unquote(field.Tag.Value)
				name, _, _ := strings.Cut(reflect.StructTag(tag).Get("json"), ",")
				if name != "" && name != "-" {
					out[ts.Name.Name] = append(out[ts.Name.Name], name)
				}
			}
			return true
		})
	}
	for k := range out {
		slices.Sort(out[k])
	}
	return out
}

// names lists the string arguments of Get, Set and Call on receivers
// matching recv in the Go files of dirs.
func names(t *testing.T, recv string, dirs ...string) []string {
	t.Helper()
	re := regexp.MustCompile(recv)
	found := map[string]bool{}
	for _, dir := range dirs {
		for _, f := range parseDir(t, dir) {
			ast.Inspect(f, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok || len(call.Args) == 0 {
					return true
				}
				sel, ok := call.Fun.(*ast.SelectorExpr)
				if !ok || (sel.Sel.Name != "Get" && sel.Sel.Name != "Set" && sel.Sel.Name != "Call") {
					return true
				}
				var x string
				switch r := sel.X.(type) {
				case *ast.Ident:
					x = r.Name
				case *ast.SelectorExpr: // js.JSGo in Go's tests
					x = r.Sel.Name
				case *ast.CallExpr: // js.Global()
					if f, ok := r.Fun.(*ast.SelectorExpr); ok {
						x = f.Sel.Name + "()"
					}
				}
				if s, ok := stringLit(call.Args[0]); ok && re.MatchString(x) {
					found[s] = true
				}
				return true
			})
		}
	}
	return slices.Sorted(maps.Keys(found))
}

// recordKeys lists the keys the panic record code writes: the keys of its
// map literals and of index expressions assigned to.
func recordKeys(t *testing.T, file string) []string {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), file, nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	found := map[string]bool{}
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CompositeLit:
			if _, ok := n.Type.(*ast.MapType); ok {
				for _, e := range n.Elts {
					if kv, ok := e.(*ast.KeyValueExpr); ok {
						if s, ok := stringLit(kv.Key); ok {
							found[s] = true
						}
					}
				}
			}
		case *ast.AssignStmt:
			for _, l := range n.Lhs {
				if ix, ok := l.(*ast.IndexExpr); ok {
					if s, ok := stringLit(ix.Index); ok {
						found[s] = true
					}
				}
			}
		}
		return true
	})
	return slices.Sorted(maps.Keys(found))
}

func parseDir(t *testing.T, dir string) []*ast.File {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no Go files in %s: %v", dir, err)
	}
	var files []*ast.File
	for _, p := range paths {
		f, err := parser.ParseFile(token.NewFileSet(), p, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	return files
}

func stringLit(e ast.Expr) (string, bool) {
	lit, ok := e.(*ast.BasicLit)
	if !ok || lit.Kind != token.STRING {
		return "", false
	}
	s, err := strconv.Unquote(lit.Value)
	return s, err == nil
}

var (
	shimGlobal  = regexp.MustCompile(`export const SHIM_GLOBAL = "(\w+)";`)
	tsInterface = regexp.MustCompile(`(?ms)^export interface (\w+) \{\n(.*?)^\}`)
	tsMember    = regexp.MustCompile(`(?m)^  (?:readonly )?(\w+)\??[(:]`)
)

// interfaces maps each exported interface of a TypeScript source to its
// members' names.
func interfaces(src string) map[string][]string {
	out := map[string][]string{}
	for _, m := range tsInterface.FindAllStringSubmatch(src, -1) {
		for _, mm := range tsMember.FindAllStringSubmatch(m[2], -1) {
			out[m[1]] = append(out[m[1]], mm[1])
		}
	}
	for k := range out {
		slices.Sort(out[k])
	}
	return out
}
