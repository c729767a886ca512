package funcrelease

import (
	"go/ast"
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
			if !runsOnce(info, n, stack[i-1]) {
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
	once := map[*types.Func]bool{}
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
