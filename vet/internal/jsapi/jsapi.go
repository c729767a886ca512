// Package jsapi recognises the syscall/js and shim calls the analyzers
// reason about, so that each analyzer names them the same way.
package jsapi

import (
	"go/ast"
	"go/types"
	"strings"

	"golang.org/x/tools/go/types/typeutil"
)

// Shim is the import path of buildwasm's package shim.
const Shim = "github.com/buildwasm/buildwasm/shim"

// Callee is the function or method a call invokes, nil for calls of
// function values, builtins and conversions. Instances of generic
// functions and methods are mapped to their declaration, where facts live.
func Callee(info *types.Info, call *ast.CallExpr) *types.Func {
	fn, _ := typeutil.Callee(info, call).(*types.Func)
	if fn == nil {
		return nil
	}
	return fn.Origin()
}

// IsFunc reports whether fn is the package-level function pkg.name.
func IsFunc(fn *types.Func, pkg, name string) bool {
	if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != pkg || fn.Name() != name {
		return false
	}
	return fn.Signature().Recv() == nil
}

// IsMethod reports whether fn is the method name of pkg's type typ, with
// a value or pointer receiver.
func IsMethod(fn *types.Func, pkg, typ, name string) bool {
	if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != pkg || fn.Name() != name {
		return false
	}
	recv := fn.Signature().Recv()
	if recv == nil {
		return false
	}
	t := recv.Type()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	named, ok := t.(*types.Named)
	return ok && named.Obj().Name() == typ
}

// IsFuncOf reports whether call is js.FuncOf(...).
func IsFuncOf(info *types.Info, call *ast.CallExpr) bool {
	return IsFunc(Callee(info, call), "syscall/js", "FuncOf")
}

// IsJSFunc reports whether t is syscall/js.Func.
func IsJSFunc(t types.Type) bool {
	named, ok := types.Unalias(t).(*types.Named)
	if !ok {
		return false
	}
	obj := named.Obj()
	return obj.Pkg() != nil && obj.Pkg().Path() == "syscall/js" && obj.Name() == "Func"
}

// CallbackArg returns the argument of call that JavaScript will call back
// synchronously, on the event loop: the function given to js.FuncOf or
// shim.Export. It is nil for any other call.
func CallbackArg(info *types.Info, call *ast.CallExpr) ast.Expr {
	fn := Callee(info, call)
	switch {
	case IsFunc(fn, "syscall/js", "FuncOf") && len(call.Args) == 1:
		return call.Args[0]
	case IsFunc(fn, Shim, "Export") && len(call.Args) == 2:
		return call.Args[1]
	}
	return nil
}

// IsGoroutineArg reports whether call runs its function argument on a
// goroutine of its own (shim.Go, shim.Promise), so blocking there is fine.
func IsGoroutineArg(info *types.Info, call *ast.CallExpr) bool {
	fn := Callee(info, call)
	return IsFunc(fn, Shim, "Go") || IsFunc(fn, Shim, "Promise")
}

// FuncObj is the function a callback expression names: a function, a
// method value (x.M) or an instance of a generic function (f[int]); nil
// for function literals and other values.
func FuncObj(info *types.Info, e ast.Expr) *types.Func {
	switch x := ast.Unparen(e).(type) {
	case *ast.IndexExpr:
		e = x.X
	case *ast.IndexListExpr:
		e = x.X
	}
	var obj types.Object
	switch x := ast.Unparen(e).(type) {
	case *ast.Ident:
		obj = info.Uses[x]
	case *ast.SelectorExpr:
		if sel := info.Selections[x]; sel != nil {
			if sel.Kind() == types.FieldVal {
				return nil
			}
			obj = sel.Obj()
		} else {
			obj = info.Uses[x.Sel]
		}
	}
	fn, _ := obj.(*types.Func)
	if fn == nil {
		return nil
	}
	return fn.Origin()
}

// IsStd reports whether package pkgPath (of module modulePath, empty
// when unknown) belongs to the standard library,
// whose internals (syscall's file calls wait on channels that JavaScript
// fills synchronously) would make every fmt.Println look blocking. Only
// the standard functions the analyzers name are judged there.
func IsStd(pkgPath string, modulePath string) bool {
	if modulePath != "" {
		return false
	}
	first, _, _ := strings.Cut(pkgPath, "/")
	return !strings.Contains(first, ".")
}

// FuncName names fn as code in pkg calls it: f, pkg.F or T.M.
func FuncName(pkg *types.Package, fn *types.Func) string {
	if recv := fn.Signature().Recv(); recv != nil {
		t := recv.Type()
		if p, ok := t.(*types.Pointer); ok {
			t = p.Elem()
		}
		if named, ok := t.(*types.Named); ok {
			return named.Obj().Name() + "." + fn.Name()
		}
		return fn.Name()
	}
	if fn.Pkg() != nil && fn.Pkg() != pkg {
		return fn.Pkg().Name() + "." + fn.Name()
	}
	return fn.Name()
}
