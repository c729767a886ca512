package funcrelease

import (
	"go/ast"
	"go/types"

	"github.com/buildwasm/buildwasm/vet/internal/jsapi"
)

// Fresh is the fact that a function returns a new js.Func that nothing
// else keeps or releases (honnef.co/go/js/dom's AddEventListener): its
// caller owns the Func, as the caller of js.FuncOf does.
type Fresh struct{}

func (*Fresh) AFact() {}

func (*Fresh) String() string { return "returns a fresh js.Func" }

// isSource reports whether call makes a Func its caller owns: js.FuncOf,
// or a function known to return a fresh one.
func (c *checker) isSource(call *ast.CallExpr) bool {
	if jsapi.IsFuncOf(c.pass.TypesInfo, call) {
		return true
	}
	fn := jsapi.Callee(c.pass.TypesInfo, call)
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	if fn.Pkg() == c.pass.Pkg {
		return c.fresh[fn]
	}
	return c.pass.ImportObjectFact(fn, new(Fresh))
}

// findFresh finds the package's functions that return a fresh Func, also
// through each other, and exports the fact for them.
func (c *checker) findFresh() {
	type candidate struct {
		file *ast.File
		decl *ast.FuncDecl
		fn   *types.Func
	}
	var cands []candidate
	for _, file := range c.pass.Files {
		for _, d := range file.Decls {
			decl, ok := d.(*ast.FuncDecl)
			if !ok || decl.Body == nil {
				continue
			}
			fn, ok := c.pass.TypesInfo.Defs[decl.Name].(*types.Func)
			if !ok {
				continue
			}
			if res := fn.Signature().Results(); res.Len() == 1 && jsapi.IsJSFunc(res.At(0).Type()) {
				cands = append(cands, candidate{file, decl, fn})
			}
		}
	}
	for changed := true; changed; {
		changed = false
		for _, cand := range cands {
			if !c.fresh[cand.fn] && c.returnsFresh(cand.file, cand.decl) {
				c.fresh[cand.fn] = true
				changed = true
			}
		}
	}
	for fn := range c.fresh {
		c.pass.ExportObjectFact(fn, new(Fresh))
	}
}

// returnsFresh reports whether every return of decl hands out a fresh
// Func: a source call, or a local made by one that is neither released
// nor kept anywhere else.
func (c *checker) returnsFresh(file *ast.File, decl *ast.FuncDecl) bool {
	var returns []*ast.ReturnStmt
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			returns = append(returns, n)
		}
		return true
	})
	if len(returns) == 0 {
		return false
	}
	for _, r := range returns {
		if len(r.Results) != 1 {
			return false // a bare return of a named result
		}
		switch e := ast.Unparen(r.Results[0]).(type) {
		case *ast.CallExpr:
			if !c.isSource(e) {
				return false
			}
		case *ast.Ident:
			v, ok := c.pass.TypesInfo.Uses[e].(*types.Var)
			if !ok || !c.madeBySource(decl.Body, v) || c.releasedOrEscapes(file, v, true) {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// madeBySource reports whether body assigns v the result of a source call.
func (c *checker) madeBySource(body *ast.BlockStmt, v *types.Var) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for i, lhs := range n.Lhs {
				if id, ok := lhs.(*ast.Ident); ok && i < len(n.Rhs) && c.pass.TypesInfo.ObjectOf(id) == v {
					if call, ok := ast.Unparen(n.Rhs[i]).(*ast.CallExpr); ok && c.isSource(call) {
						found = true
					}
				}
			}
		case *ast.ValueSpec:
			for i, name := range n.Names {
				if i < len(n.Values) && c.pass.TypesInfo.Defs[name] == v {
					if call, ok := ast.Unparen(n.Values[i]).(*ast.CallExpr); ok && c.isSource(call) {
						found = true
					}
				}
			}
		}
		return !found
	})
	return found
}
