package callbackblock

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/buildwasm/buildwasm/vet/internal/jsapi"
)

// collect finds, in one walk of the package, the functions, the
// callbacks, the closures bound to locals and every channel's makes and
// senders.
func (c *checker) collect() {
	info := c.pass.TypesInfo
	ins := c.pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	nodes := []ast.Node{
		(*ast.FuncDecl)(nil), (*ast.CallExpr)(nil), (*ast.AssignStmt)(nil),
		(*ast.ValueSpec)(nil), (*ast.KeyValueExpr)(nil), (*ast.SendStmt)(nil),
		(*ast.UnaryExpr)(nil), (*ast.RangeStmt)(nil),
	}
	ins.WithStack(nodes, func(n ast.Node, push bool, stack []ast.Node) bool {
		if !push {
			return true
		}
		switch n := n.(type) {
		case *ast.FuncDecl:
			if fn, ok := info.Defs[n.Name].(*types.Func); ok && n.Body != nil {
				c.bodies[fn] = n.Body
			}
		case *ast.CallExpr:
			if arg := jsapi.CallbackArg(info, n); arg != nil {
				if lit, ok := ast.Unparen(arg).(*ast.FuncLit); ok {
					c.cbLits = append(c.cbLits, lit)
					c.cbLitSet[lit] = true
					c.creator[lit] = c.owner(stack)
				} else if fn := jsapi.FuncObj(info, arg); fn != nil {
					c.cbNamed = append(c.cbNamed, arg)
					c.cbFuncSet[fn] = true
				}
			}
			if id, ok := ast.Unparen(n.Fun).(*ast.Ident); ok && len(n.Args) == 1 {
				if b, ok := info.Uses[id].(*types.Builtin); ok && b.Name() == "close" {
					c.addSender(n.Args[0], stack)
				}
			}
		case *ast.SendStmt:
			c.addSender(n.Chan, stack)
		case *ast.UnaryExpr:
			if n.Op == token.ARROW {
				c.addReceiver(n.X, stack)
			}
		case *ast.RangeStmt:
			if _, ok := info.TypeOf(n.X).Underlying().(*types.Chan); ok {
				c.addReceiver(n.X, stack)
			}
		case *ast.AssignStmt:
			if len(n.Lhs) != len(n.Rhs) {
				return true
			}
			for i, lhs := range n.Lhs {
				c.bind(lhs, n.Rhs[i])
			}
		case *ast.ValueSpec:
			if len(n.Names) != len(n.Values) {
				return true
			}
			for i, name := range n.Names {
				c.bind(name, n.Values[i])
			}
		case *ast.KeyValueExpr:
			if key, ok := n.Key.(*ast.Ident); ok {
				if field, ok := info.Uses[key].(*types.Var); ok && field.IsField() {
					c.noteMake(field, n.Value)
				}
			}
		}
		return true
	})
}

// bind notes what an assignment tells: a closure bound to a local, or a
// channel made with or without a buffer.
func (c *checker) bind(lhs, rhs ast.Expr) {
	obj := c.object(lhs)
	if obj == nil {
		return
	}
	if v, ok := obj.(*types.Var); ok && !v.IsField() {
		if lit, ok := ast.Unparen(rhs).(*ast.FuncLit); ok && !c.reassign[v] {
			if _, seen := c.closures[v]; seen {
				// Bound twice: which one a call runs is not known.
				delete(c.closures, v)
				c.reassign[v] = true
			} else {
				c.closures[v] = lit
				c.bodies[lit] = lit.Body
			}
		} else if _, seen := c.closures[v]; seen {
			delete(c.closures, v)
			c.reassign[v] = true
		}
	}
	c.noteMake(obj, rhs)
}

func (c *checker) noteMake(obj types.Object, rhs ast.Expr) {
	call, ok := ast.Unparen(rhs).(*ast.CallExpr)
	if !ok || len(call.Args) == 0 {
		return
	}
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok {
		return
	}
	if b, ok := c.pass.TypesInfo.Uses[id].(*types.Builtin); !ok || b.Name() != "make" {
		return
	}
	if _, ok := c.pass.TypesInfo.TypeOf(call.Args[0]).Underlying().(*types.Chan); !ok {
		return
	}
	unbuffered := len(call.Args) == 1
	if len(call.Args) == 2 {
		if tv, ok := c.pass.TypesInfo.Types[call.Args[1]]; ok && tv.Value != nil {
			if n, ok := constant.Int64Val(tv.Value); ok && n == 0 {
				unbuffered = true
			}
		}
	}
	if ci := c.channel(obj); unbuffered {
		ci.unbuffered = true
	} else {
		ci.buffered = true
	}
}

func (c *checker) channel(obj types.Object) *chanInfo {
	ci := c.chans[obj]
	if ci == nil {
		ci = &chanInfo{}
		c.chans[obj] = ci
	}
	return ci
}

// addSender notes a send on (or close of) ch by the code at the top of
// stack.
func (c *checker) addSender(ch ast.Expr, stack []ast.Node) {
	obj := c.object(ch)
	if obj == nil {
		return
	}
	owner := c.owner(stack)
	if lit, ok := owner.(*ast.FuncLit); ok {
		c.bodies[lit] = lit.Body
	}
	ci := c.channel(obj)
	ci.senders = append(ci.senders, sender{owner: owner})
}

// addReceiver notes a receive from ch by the code at the top of stack.
func (c *checker) addReceiver(ch ast.Expr, stack []ast.Node) {
	if obj := c.object(ch); obj != nil {
		ci := c.channel(obj)
		ci.receivers = append(ci.receivers, c.owner(stack))
	}
}

// owner is the function whose run executes the top of stack: the
// innermost function literal or declaration, looking through literals
// that are called on the spot.
func (c *checker) owner(stack []ast.Node) any {
	for i := len(stack) - 1; i >= 0; i-- {
		switch n := stack[i].(type) {
		case *ast.FuncLit:
			if i > 0 {
				if call, ok := stack[i-1].(*ast.CallExpr); ok && ast.Unparen(call.Fun) == n {
					continue
				}
			}
			return n
		case *ast.FuncDecl:
			if fn, ok := c.pass.TypesInfo.Defs[n.Name].(*types.Func); ok {
				return fn
			}
			return nil
		}
	}
	return nil
}

// object is the variable or field an expression names, nil otherwise.
func (c *checker) object(e ast.Expr) types.Object {
	switch x := ast.Unparen(e).(type) {
	case *ast.Ident:
		if x.Name == "_" {
			return nil
		}
		return c.pass.TypesInfo.ObjectOf(x)
	case *ast.SelectorExpr:
		if sel := c.pass.TypesInfo.Selections[x]; sel != nil {
			if sel.Kind() == types.FieldVal {
				return sel.Obj()
			}
			return nil
		}
		return c.pass.TypesInfo.Uses[x.Sel]
	}
	return nil
}
