package funcrelease

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/buildwasm/buildwasm/vet/internal/jsapi"
)

// repeated reports whether the code at the top of stack may run more than
// once: in a loop, in a callback or other function literal handed to code
// that may call it again, or in a function other than main and init and
// the package's functions that only they call (once).
func repeated(pass *analysis.Pass, stack []ast.Node, once map[*types.Func]bool) bool {
	info := pass.TypesInfo
	for i := len(stack) - 1; i > 0; i-- {
		switch n := stack[i].(type) {
		case *ast.ForStmt:
			if i+1 < len(stack) && stack[i+1] == n.Body {
				return true
			}
		case *ast.RangeStmt:
			if i+1 < len(stack) && stack[i+1] == n.Body {
				return true
			}
		case *ast.FuncLit:
			if onceEver(info, stack[i-1]) {
				return false
			}
			if !runsOnce(info, n, stack[i-1]) && !oneShot(info, stack[:i]) {
				return true
			}
		case *ast.FuncDecl:
			fn, _ := info.Defs[n.Name].(*types.Func)
			return fn == nil || !(once[fn] || isEntry(fn) || isTest(pass, fn))
		}
	}
	return false // a package-level initializer
}

// runsOnce reports whether the function literal lit, found under parent,
// runs once each time the code around it runs: called on the spot (also
// by go and defer), or handed to shim.Go, shim.Promise or a subtest's
// t.Run.
func runsOnce(info *types.Info, lit *ast.FuncLit, parent ast.Node) bool {
	call, ok := parent.(*ast.CallExpr)
	if !ok {
		return false
	}
	if ast.Unparen(call.Fun) == lit {
		return true
	}
	fn := jsapi.Callee(info, call)
	return jsapi.IsFunc(fn, jsapi.Shim, "Go") || jsapi.IsFunc(fn, jsapi.Shim, "Promise") ||
		jsapi.IsMethod(fn, "testing", "T", "Run")
}

// oneShots are the JavaScript calls that call their callback once: a
// promise settles once, a timer or frame request fires once.
var oneShots = map[string]bool{
	"then": true, "catch": true, "finally": true,
	"setTimeout": true, "queueMicrotask": true, "requestAnimationFrame": true,
}

// oneShot reports whether the function literal above stack is a callback
// handed straight to a JavaScript call that runs it once:
// p.Call("then", js.FuncOf(func...)).
func oneShot(info *types.Info, stack []ast.Node) bool {
	if len(stack) < 2 {
		return false
	}
	funcOf, ok := stack[len(stack)-1].(*ast.CallExpr)
	if !ok || !jsapi.IsFuncOf(info, funcOf) {
		return false
	}
	i := len(stack) - 2
	for i > 0 {
		if _, ok := stack[i].(*ast.ParenExpr); !ok {
			break
		}
		i--
	}
	call, ok := stack[i].(*ast.CallExpr)
	if !ok || len(call.Args) < 2 || !jsapi.IsMethod(jsapi.Callee(info, call), "syscall/js", "Value", "Call") {
		return false
	}
	name := info.Types[call.Args[0]].Value
	return name != nil && name.Kind() == constant.String && oneShots[constant.StringVal(name)]
}

// onceEver reports whether parent hands a function literal to sync.Once
// (Do, OnceFunc, OnceValue, OnceValues), which runs it once at most.
func onceEver(info *types.Info, parent ast.Node) bool {
	call, ok := parent.(*ast.CallExpr)
	if !ok {
		return false
	}
	fn := jsapi.Callee(info, call)
	return jsapi.IsMethod(fn, "sync", "Once", "Do") || jsapi.IsFunc(fn, "sync", "OnceFunc") ||
		jsapi.IsFunc(fn, "sync", "OnceValue") || jsapi.IsFunc(fn, "sync", "OnceValues")
}

// isEntry reports whether fn is main (of package main) or an init.
func isEntry(fn *types.Func) bool {
	if fn.Signature().Recv() != nil {
		return false
	}
	return fn.Name() == "init" || fn.Name() == "main" && fn.Pkg().Name() == "main"
}

// isTest reports whether fn is a Test or Example function of a _test.go
// file: go test runs each once (-count aside).
func isTest(pass *analysis.Pass, fn *types.Func) bool {
	name := fn.Name()
	if fn.Signature().Recv() != nil || !strings.HasPrefix(name, "Test") && !strings.HasPrefix(name, "Example") {
		return false
	}
	return strings.HasSuffix(pass.Fset.Position(fn.Pos()).Filename, "_test.go")
}

// onceFuncs finds the unexported functions and methods of the package
// that run at most once: every use is a direct call from code that runs
// once. It grows from main and init, so a function that calls itself is
// never among them. Methods that an interface of the package could call
// (by name) are left out: such calls are not seen.
func onceFuncs(pass *analysis.Pass, ins *inspector.Inspector) map[*types.Func]bool {
	viaInterface := map[string]bool{}
	ins.Preorder([]ast.Node{(*ast.InterfaceType)(nil)}, func(n ast.Node) {
		for _, m := range n.(*ast.InterfaceType).Methods.List {
			for _, name := range m.Names {
				viaInterface[name.Name] = true
			}
		}
	})
	refs := map[*types.Func][][]ast.Node{}
	called := map[*types.Func]bool{} // every use is a call
	ins.WithStack([]ast.Node{(*ast.Ident)(nil)}, func(n ast.Node, push bool, stack []ast.Node) bool {
		if !push {
			return true
		}
		id := n.(*ast.Ident)
		fn, ok := pass.TypesInfo.Uses[id].(*types.Func)
		if !ok || fn.Pkg() != pass.Pkg || fn.Exported() || isEntry(fn) {
			return true
		}
		if fn.Signature().Recv() != nil && viaInterface[fn.Name()] {
			return true
		}
		if _, seen := called[fn]; !seen {
			called[fn] = true
		}
		// f(...) or x.m(...): the identifier is the callee.
		var callee ast.Node = id
		if sel, ok := stack[len(stack)-2].(*ast.SelectorExpr); ok && sel.Sel == id {
			callee = sel
			stack = stack[:len(stack)-1]
		}
		call, ok := stack[len(stack)-2].(*ast.CallExpr)
		if !ok || call.Fun != callee {
			called[fn] = false
			return true
		}
		refs[fn] = append(refs[fn], append([]ast.Node(nil), stack...))
		return true
	})
	once := guarded(pass, ins)
	for changed := true; changed; {
		changed = false
		for fn, stacks := range refs {
			if once[fn] || !called[fn] {
				continue
			}
			all := true
			for _, s := range stacks {
				if repeated(pass, s, once) {
					all = false
					break
				}
			}
			if all {
				once[fn] = true
				changed = true
			}
		}
	}
	return once
}

// guarded finds the functions that refuse to run twice by a package-level
// flag: "if created { return ... }" then "created = true", both at the
// top of the body (oto's NewContext). They run once at most.
func guarded(pass *analysis.Pass, ins *inspector.Inspector) map[*types.Func]bool {
	once := map[*types.Func]bool{}
	ins.Preorder([]ast.Node{(*ast.FuncDecl)(nil)}, func(n ast.Node) {
		decl := n.(*ast.FuncDecl)
		fn, ok := pass.TypesInfo.Defs[decl.Name].(*types.Func)
		if !ok || decl.Body == nil {
			return
		}
		checked := map[types.Object]bool{}
		for _, stmt := range decl.Body.List {
			switch s := stmt.(type) {
			case *ast.IfStmt:
				if flag := globalBool(pass, s.Cond); flag != nil && s.Init == nil && endsInReturn(s.Body) {
					checked[flag] = true
				}
			case *ast.AssignStmt:
				if len(s.Lhs) == 1 && len(s.Rhs) == 1 && s.Tok == token.ASSIGN {
					if flag := globalBool(pass, s.Lhs[0]); flag != nil && checked[flag] {
						if id, ok := ast.Unparen(s.Rhs[0]).(*ast.Ident); ok && pass.TypesInfo.Uses[id] == types.Universe.Lookup("true") {
							once[fn] = true
						}
					}
				}
			}
		}
	})
	return once
}

// globalBool is the package-level bool variable e names, or nil.
func globalBool(pass *analysis.Pass, e ast.Expr) types.Object {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return nil
	}
	v, ok := pass.TypesInfo.Uses[id].(*types.Var)
	if !ok || v.Parent() != pass.Pkg.Scope() || !types.Identical(v.Type(), types.Typ[types.Bool]) {
		return nil
	}
	return v
}

func endsInReturn(b *ast.BlockStmt) bool {
	if len(b.List) == 0 {
		return false
	}
	_, ok := b.List[len(b.List)-1].(*ast.ReturnStmt)
	return ok
}
