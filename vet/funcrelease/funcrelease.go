// Package funcrelease defines an Analyzer that finds js.Funcs that can
// never be released.
package funcrelease

import (
	"go/ast"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/buildwasm/buildwasm/vet/internal/jsapi"
)

const doc = `report js.Funcs that can never be released

js.FuncOf keeps its Go function in a table until Func.Release is called:
the function, everything it captures, and the JavaScript wrapper stay
alive for as long as the program runs. A Func that is made again and again
and never released is a memory leak that grows with every event.

Reported, in code that runs more than once (a loop, a callback, any
function other than main, init and a test, unless the package calls it
only from there): a js.FuncOf whose result is discarded or passed
straight into a syscall/js call (el.Call("addEventListener", "click",
js.FuncOf(f))), and a Func held in a local that is never released and
does not escape.

Keeping only f.Value does not count: no Release can be reached from it.

A function that returns a new Func it neither keeps nor releases
(honnef.co/go/js/dom's AddEventListener) hands it to its caller: its
result is judged as js.FuncOf's, in any package.

Not reported: a Func released on some path (a Func may release itself from
its own callback), stored in a field, a global, a map or a slice, passed
to a Go function or returned (the code it goes to owns it), or made once
in main, init or a test function.

The fix: keep the Func and call Release when JavaScript no longer needs
it: after removeEventListener, when the element goes away, or from the
callback itself for one-shot callbacks (then, setTimeout).`

// Analyzer reports js.Funcs that can never be released.
var Analyzer = &analysis.Analyzer{
	Name:      "funcrelease",
	Doc:       doc,
	URL:       "https://github.com/buildwasm/buildwasm#buildwasm-vet",
	Requires:  []*analysis.Analyzer{inspect.Analyzer},
	FactTypes: []analysis.Fact{new(Fresh)},
	Run:       run,
}

func run(pass *analysis.Pass) (any, error) {
	if !imports(pass.Pkg, "syscall/js") {
		return nil, nil
	}
	ins := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	c := &checker{pass: pass, once: onceFuncs(pass, ins), fresh: map[*types.Func]bool{}}
	c.findFresh()
	ins.WithStack([]ast.Node{(*ast.CallExpr)(nil)}, func(n ast.Node, push bool, stack []ast.Node) bool {
		if push && c.isSource(n.(*ast.CallExpr)) {
			c.check(stack)
		}
		return true
	})
	return nil, nil
}

func imports(pkg *types.Package, path string) bool {
	for _, p := range pkg.Imports() {
		if p.Path() == path {
			return true
		}
	}
	return false
}

type checker struct {
	pass  *analysis.Pass
	once  map[*types.Func]bool
	fresh map[*types.Func]bool // functions that return a fresh Func
}

// The messages, one per way a Func is lost.
const (
	msgDiscarded = "the js.Func made here is discarded, so it can never be released and leaks each time this code runs; keep it and call Release when JavaScript no longer needs it"
	msgToJS      = "the js.Func made here goes straight to JavaScript and is never kept, so it can never be released and leaks each time this code runs; keep it in a variable and call Release when JavaScript no longer needs it (after removeEventListener, or from the callback itself)"
	msgValueOnly = "only the js.Value of the js.Func made here is kept, and a Value cannot release it, so the Func leaks each time this code runs; keep the js.Func itself and call Release when JavaScript no longer needs it"
)

// check judges the js.FuncOf call at the top of stack by where its
// result goes.
func (c *checker) check(stack []ast.Node) {
	call := stack[len(stack)-1].(*ast.CallExpr)
	cur := ast.Expr(call)
	// viaValue: only f.Value goes on, the same JavaScript function, but
	// no Release can be reached from it.
	viaValue := false
	for i := len(stack) - 2; i >= 0; i-- {
		switch p := stack[i].(type) {
		case *ast.ParenExpr:
			cur = p
			continue
		case *ast.SelectorExpr:
			if p.Sel.Name == "Value" && !viaValue {
				viaValue = true
				cur = p
				continue
			}
			// Release, or a method of the Value called on the spot.
		case *ast.ExprStmt:
			c.reportIfRepeated(call, stack, msgDiscarded)
		case *ast.CallExpr:
			if fn := jsapi.Callee(c.pass.TypesInfo, p); fn != nil && fn.Pkg() != nil && fn.Pkg().Path() == "syscall/js" {
				c.reportIfRepeated(call, stack, msgToJS)
			} else if viaValue {
				c.reportIfRepeated(call, stack, msgValueOnly)
			}
		case *ast.AssignStmt:
			for j, rhs := range p.Rhs {
				if rhs != cur || len(p.Lhs) != len(p.Rhs) {
					continue
				}
				if viaValue {
					c.reportIfRepeated(call, stack, msgValueOnly)
				} else {
					c.checkHeld(call, stack, p.Lhs[j])
				}
			}
		case *ast.ValueSpec:
			for j, v := range p.Values {
				if v != cur || len(p.Names) != len(p.Values) {
					continue
				}
				if viaValue {
					c.reportIfRepeated(call, stack, msgValueOnly)
				} else {
					c.checkHeld(call, stack, p.Names[j])
				}
			}
		default:
			// Returned, stored in a composite literal, sent: the Func goes
			// to code that may release it, but its Value alone cannot.
			if viaValue {
				c.reportIfRepeated(call, stack, msgValueOnly)
			}
		}
		return
	}
}

// checkHeld judges a Func assigned to lhs: a local must be released or
// escape; anything else (field, global, element) is stored.
func (c *checker) checkHeld(call *ast.CallExpr, stack []ast.Node, lhs ast.Expr) {
	id, ok := ast.Unparen(lhs).(*ast.Ident)
	if !ok {
		return // a field, an element, *p: stored
	}
	if id.Name == "_" {
		c.reportIfRepeated(call, stack, strings.Replace(msgDiscarded, "discarded", "assigned to _", 1))
		return
	}
	v, ok := c.pass.TypesInfo.ObjectOf(id).(*types.Var)
	if !ok || v.Parent() == v.Pkg().Scope() || v.Parent() == nil {
		return // a global
	}
	file := stack[0].(*ast.File)
	if c.releasedOrEscapes(file, v, false) {
		return
	}
	c.reportIfRepeated(call, stack, "js.Func "+v.Name()+" is never released and does not escape, so it leaks each time this code runs; call "+v.Name()+".Release() when JavaScript no longer needs it (a Func may release itself from its callback)")
}

func (c *checker) reportIfRepeated(call *ast.CallExpr, stack []ast.Node, msg string) {
	if fn := jsapi.Callee(c.pass.TypesInfo, call); !jsapi.IsFuncOf(c.pass.TypesInfo, call) && fn != nil {
		msg = strings.Replace(msg, "made here", "returned by "+jsapi.FuncName(c.pass.Pkg, fn), 1)
	}
	if repeated(c.pass, stack, c.once) {
		c.pass.Report(analysis.Diagnostic{Pos: call.Pos(), End: call.End(), Message: msg})
	}
}
