// Package patch rewrites, at build time, the syscall/js package of the
// user's own Go toolchain so that a panic in a js.Func callback reaches its
// JavaScript caller as an error instead of ending the program. The result is
// an overlay for `go build -overlay`: every Go version keeps its own
// syscall/js, changed in one place, and nothing of Go's source is stored in
// buildwasm.
//
// The change: handleEvent calls the callback through invoke (in an added
// file), which recovers a panic, records its value and Go frames, and
// hands the loader a panic record on the event instead of a result. The
// edit keeps every line of func.go where it was, so Go's own line numbers
// stay right in traces.
package patch

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
)

// Version changes whenever the patch does, so cached overlays are redone.
const Version = "1"

//go:embed invoke.go.txt
var invokeSource []byte

// Overlay is the JSON of `go build -overlay`.
type Overlay struct {
	Replace map[string]string
}

// Write makes the patched files for the toolchain at goroot under dir and
// returns the overlay that uses them. It fails with a sentence when the
// toolchain's syscall/js does not have the shape the patch expects.
func Write(goroot, dir string) (*Overlay, error) {
	funcGo := filepath.Join(goroot, "src", "syscall", "js", "func.go")
	src, err := os.ReadFile(funcGo)
	if err != nil {
		return nil, fmt.Errorf("cannot patch syscall/js: %w", err)
	}
	patched, err := Patch(src)
	if err != nil {
		return nil, fmt.Errorf("cannot patch %s: %w", funcGo, err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	out := &Overlay{Replace: map[string]string{}}
	for name, data := range map[string][]byte{"func.go": patched, "buildwasm_invoke.go": invokeSource} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			return nil, err
		}
		out.Replace[filepath.Join(goroot, "src", "syscall", "js", name)] = p
	}
	return out, nil
}

// Merge adds the entries of the user's overlay file to o; a user entry for
// a file the patch replaces is an error, since one of the two would be lost.
func (o *Overlay) Merge(userFile string) error {
	b, err := os.ReadFile(userFile)
	if err != nil {
		return fmt.Errorf("reading -overlay: %w", err)
	}
	var user Overlay
	if err := json.Unmarshal(b, &user); err != nil {
		return fmt.Errorf("reading -overlay %s: %w", userFile, err)
	}
	for k, v := range user.Replace {
		if _, ok := o.Replace[k]; ok {
			return fmt.Errorf("-overlay %s replaces %s, which buildwasm patches too", userFile, k)
		}
		o.Replace[k] = v
	}
	return nil
}

// Patch rewrites func.go: in handleEvent, the two statements
//
//	result := f(this, args)
//	...
//	cb.Set("result", result)
//
// become one call, invoke(cb, f, this, args), padded to the same lines.
func Patch(src []byte) ([]byte, error) {
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "func.go", src, parser.ParseComments)
	if err != nil {
		return nil, err
	}
	var body *ast.BlockStmt
	for _, d := range file.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Name.Name == "handleEvent" && fd.Recv == nil {
			body = fd.Body
		}
	}
	if body == nil {
		return nil, errors.New("syscall/js has no func handleEvent")
	}
	var call, set ast.Stmt
	for _, st := range body.List {
		switch st := st.(type) {
		case *ast.AssignStmt:
			if len(st.Lhs) == 1 && isIdent(st.Lhs[0], "result") && len(st.Rhs) == 1 && isCallOf(st.Rhs[0], "f") {
				call = st
			}
		case *ast.ExprStmt:
			if c, ok := st.X.(*ast.CallExpr); ok && call != nil && isMethodCall(c, "cb", "Set") && len(c.Args) == 2 && isIdent(c.Args[1], "result") {
				set = st
			}
		}
	}
	if call == nil || set == nil {
		return nil, errors.New(`handleEvent does not call "result := f(this, args)" and "cb.Set(\"result\", result)" as the patch expects`)
	}
	start := fset.Position(call.Pos()).Offset
	end := fset.Position(set.End()).Offset
	lines := bytes.Count(src[start:end], []byte("\n"))
	replacement := "invoke(cb, f, this, args)" + strings.Repeat("\n", lines)
	out := append([]byte(nil), src[:start]...)
	out = append(out, replacement...)
	return append(out, src[end:]...), nil
}

func isIdent(e ast.Expr, name string) bool {
	id, ok := e.(*ast.Ident)
	return ok && id.Name == name
}

func isCallOf(e ast.Expr, fn string) bool {
	c, ok := e.(*ast.CallExpr)
	return ok && isIdent(c.Fun, fn)
}

func isMethodCall(c *ast.CallExpr, recv, method string) bool {
	sel, ok := c.Fun.(*ast.SelectorExpr)
	return ok && isIdent(sel.X, recv) && sel.Sel.Name == method
}
