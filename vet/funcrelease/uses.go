package funcrelease

import (
	"go/ast"
	"go/types"

	"github.com/buildwasm/buildwasm/vet/internal/jsapi"
)

// releasedOrEscapes reports whether the local Func v is released somewhere
// in its function (its own callback included), or escapes it: returned
// (unless ignoreReturns), stored, copied, passed to Go code or captured as
// &v, any of which may release it later.
func (c *checker) releasedOrEscapes(file *ast.File, v *types.Var, ignoreReturns bool) bool {
	// The function declaring v holds every use (closures are inside it).
	var scope ast.Node = file
	for _, d := range file.Decls {
		if d.Pos() <= v.Pos() && v.Pos() < d.End() {
			scope = d
		}
	}
	found := false
	var stack []ast.Node
	ast.Inspect(scope, func(n ast.Node) bool {
		if found {
			return false
		}
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		stack = append(stack, n)
		if id, ok := n.(*ast.Ident); ok && c.pass.TypesInfo.Uses[id] == v {
			found = c.keeps(stack, ignoreReturns)
		}
		return true
	})
	return found
}

// keeps judges one use of the Func at the top of stack: true if it is
// released there or escapes.
func (c *checker) keeps(stack []ast.Node, ignoreReturns bool) bool {
	cur := stack[len(stack)-1]
	for i := len(stack) - 2; i >= 0; i-- {
		switch p := stack[i].(type) {
		case *ast.ParenExpr:
			cur = p
			continue
		case *ast.SelectorExpr:
			switch p.Sel.Name {
			case "Release":
				return true
			}
			// f.Value, or a method of the Value (Call, Get, Invoke...):
			// nothing there can release f.
			return false
		case *ast.CallExpr:
			fn := jsapi.Callee(c.pass.TypesInfo, p)
			// Handed to JavaScript: JavaScript cannot release it.
			return fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != "syscall/js"
		case *ast.AssignStmt:
			for _, lhs := range p.Lhs {
				if lhs == cur {
					return false // assigned anew
				}
			}
			return true
		case *ast.BinaryExpr, *ast.ExprStmt:
			return false
		case *ast.ReturnStmt:
			return !ignoreReturns
		}
		return true
	}
	return true
}
