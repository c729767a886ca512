// Package jspatch rewrites, at build time, the syscall/js package of the
// user's own Go toolchain so that a panic in a js.Func callback reaches its
// JavaScript caller as an error instead of ending the program. The result is
// a patched view of the toolchain (see Toolchain): every Go version keeps
// its own syscall/js, changed in one place, and nothing of Go's source is
// stored in buildwasm.
//
// The change: handleEvent calls the callback through invoke (in an added
// file), which recovers a panic, records its value and Go frames, and
// hands the loader a panic record on the event instead of a result. The
// edit keeps every line of func.go where it was, so Go's own line numbers
// stay right in traces. Later changes make the bridge faster (the added
// files), and two lines of the runtime's lock_js.go let a js.Func call
// skip the scheduler when nothing else could run (runtime.go).
package jspatch

import (
	"bytes"
	"embed"
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
const Version = "35"

// The files added to syscall/js are Go files of this folder, excluded from
// every build by a //go:build ignore line that the copy drops. Package shim
// carries a copy of panicrecord.go (see shimcopy_test.go).
//
//go:embed added/*.go
var added embed.FS

//go:generate go test -run TestShimCopy -update

// addedFile is an added file as syscall/js gets it: the build constraint
// becomes a comment, so every line keeps its number.
func addedFile(name string) []byte {
	src, err := added.ReadFile("added/" + name)
	if err != nil {
		panic(err) // embedded: a missing name is a bug here
	}
	return bytes.Replace(src, []byte("//go:build ignore\n"), []byte("// Added by buildwasm.\n"), 1)
}

// Toolchain returns the GOROOT of a copy of the toolchain at goroot whose
// syscall/js and runtime are patched, made once under dir: directories of
// symbolic links to the original files, down to src/syscall/js, where
// func.go and js.go are patched and the files of added/ are added, and
// src/runtime, where lock_js.go is patched (runtime.go). Run that
// toolchain's bin/go with GOROOT set to it.
//
// A copy rather than `go build -overlay`, because Go refuses overlays of
// files in the module cache, which is where GOTOOLCHAIN puts toolchains.
//
// With leaks, FuncOf and Release also report to the loader (see
// PatchLeaks); without, the toolchain carries no leak instrumentation.
func Toolchain(goroot, dir string, leaks bool) (string, error) {
	if _, err := os.Stat(filepath.Join(dir, "bin", "go")); err == nil {
		return dir, nil
	}
	files, err := ownFiles(goroot, leaks)
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
		return "", err
	}
	// Built beside its final name and renamed, so concurrent builds never
	// see half a toolchain.
	tmp, err := os.MkdirTemp(filepath.Dir(dir), filepath.Base(dir)+".tmp-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(tmp)
	// Folders on the way to a file of the copy's own are folders of links
	// to the originals; everything else is one link.
	own := map[string]bool{"": true}
	for name := range files {
		for d := filepath.Dir(name); d != "."; d = filepath.Dir(d) {
			own[d] = true
		}
	}
	for rel := range own {
		if err := os.MkdirAll(filepath.Join(tmp, rel), 0o755); err != nil {
			return "", err
		}
	}
	for rel := range own {
		entries, err := os.ReadDir(filepath.Join(goroot, rel))
		if err != nil {
			return "", fmt.Errorf("cannot patch %s: %w", goroot, err)
		}
		for _, e := range entries {
			if name := filepath.Join(rel, e.Name()); !own[name] && files[name] == nil {
				if err := os.Symlink(filepath.Join(goroot, name), filepath.Join(tmp, name)); err != nil {
					return "", err
				}
			}
		}
	}
	for name, src := range files {
		if err := os.WriteFile(filepath.Join(tmp, name), src, 0o644); err != nil {
			return "", err
		}
	}
	if err := os.Rename(tmp, dir); err != nil {
		if _, statErr := os.Stat(filepath.Join(dir, "bin", "go")); statErr == nil {
			return dir, nil // another build made it first
		}
		return "", err
	}
	return dir, nil
}

// ownFiles returns the files the copy of the toolchain at goroot has of its
// own, patched or added, by their path in it.
func ownFiles(goroot string, leaks bool) (map[string][]byte, error) {
	jsDir := filepath.Join("src", "syscall", "js")
	runtimeDir := filepath.Join("src", "runtime")
	files := map[string][]byte{}
	funcGo := Patch
	if leaks {
		funcGo = func(src []byte) ([]byte, error) {
			src, err := Patch(src)
			if err != nil {
				return nil, err
			}
			return PatchLeaks(src)
		}
	}
	// In this order, so that a GOROOT without syscall/js is told so.
	edits := []struct {
		pkg, name string
		edit      func([]byte) ([]byte, error)
	}{
		{"syscall/js", filepath.Join(jsDir, "func.go"), funcGo},
		{"syscall/js", filepath.Join(jsDir, "js.go"), PatchValues},
		{"runtime", filepath.Join(runtimeDir, "lock_js.go"), PatchRuntime},
	}
	for _, e := range edits {
		file := filepath.Join(goroot, e.name)
		src, err := os.ReadFile(file)
		if err != nil {
			return nil, fmt.Errorf("cannot patch %s: %w", e.pkg, err)
		}
		if files[e.name], err = e.edit(src); err != nil {
			return nil, fmt.Errorf("cannot patch %s: %w", file, err)
		}
	}
	quiet, err := runtimeQuiet(filepath.Join(goroot, runtimeDir))
	if err != nil {
		return nil, fmt.Errorf("cannot patch the runtime of %s: %w", goroot, err)
	}
	files[filepath.Join(runtimeDir, "buildwasm_quiet.go")] = quiet
	added := map[string]string{
		"buildwasm_invoke.go":      "invoke.go",
		"buildwasm_panicrecord.go": "panicrecord.go",
		"buildwasm_exports.go":     "exports.go",
		"buildwasm_wire.go":        "wire.go",
		"buildwasm_event.go":       "event.go",
		"buildwasm_strings.go":     "strings.go",
	}
	if leaks {
		added["buildwasm_leaks.go"] = "leaks.go"
	}
	for name, from := range added {
		files[filepath.Join(jsDir, name)] = addedFile(from)
	}
	return files, nil
}

// Patch rewrites func.go: in handleEvent, the two statements
//
//	result := f(this, args)
//	...
//	cb.Set("result", result)
//
// become one call, invokeEvent(cb, f, this, args), padded to the same
// lines, and handleEvent first handles a call the loader left in memory
// (buildwasm_event.go).
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
	replacement := "invokeEvent(cb, f, this, args)" + strings.Repeat("\n", lines)
	// A call the loader left in memory first, on the line of the brace.
	brace := fset.Position(body.Lbrace).Offset + 1
	out := append([]byte(nil), src[:brace]...)
	out = append(out, " if memoryEvent() { return true };"...)
	out = append(out, src[brace:start]...)
	out = append(out, replacement...)
	return append(out, src[end:]...), nil
}

// PatchValues rewrites js.go, each edit on the lines it replaces:
//   - makeValue, which every JS value returned to Go passes through, first
//     calls syncGC (the loader asks for a Go GC there when Go holds a lot of
//     JS memory, see buildwasm_invoke.go) and gives the Values that need
//     releasing a place in a slab (slabValue);
//   - jsString's body becomes stringOf(v) (buildwasm_strings.go).
func PatchValues(src []byte) ([]byte, error) {
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "js.go", src, 0)
	if err != nil {
		return nil, err
	}
	var makeValue, jsString *ast.BlockStmt
	for _, d := range file.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil && fd.Body != nil {
			switch fd.Name.Name {
			case "makeValue":
				makeValue = fd.Body
			case "jsString":
				jsString = fd.Body
			}
		}
	}
	if makeValue == nil || jsString == nil || len(jsString.List) == 0 {
		return nil, errors.New("syscall/js has no func makeValue or jsString")
	}
	at := fset.Position(makeValue.Lbrace).Offset + 1
	start := fset.Position(jsString.List[0].Pos()).Offset
	end := fset.Position(jsString.List[len(jsString.List)-1].End()).Offset
	if at > start {
		return nil, errors.New("syscall/js declares jsString before makeValue, which the patch does not expect")
	}
	out := append([]byte(nil), src[:at]...)
	out = append(out, " syncGC(); if v, ok := slabValue(r); ok { return v };"...)
	out = append(out, src[at:start]...)
	out = append(out, "return stringOf(v)"+strings.Repeat("\n", bytes.Count(src[start:end], []byte("\n")))...)
	return append(out, src[end:]...), nil
}

// PatchLeaks rewrites func.go (after Patch) for leak tracking: FuncOf
// passes its site to the loader's _makeFuncWrapper, and Release reports the
// release. Both edits stay on their lines.
func PatchLeaks(src []byte) ([]byte, error) {
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "func.go", src, 0)
	if err != nil {
		return nil, err
	}
	type insert struct {
		at   int
		text string
	}
	var inserts []insert
	for _, d := range file.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Body == nil {
			continue
		}
		switch {
		case fd.Name.Name == "FuncOf" && fd.Recv == nil:
			ast.Inspect(fd.Body, func(n ast.Node) bool {
				c, ok := n.(*ast.CallExpr)
				if ok && isMethodCall(c, "jsGo", "Call") && len(c.Args) == 2 {
					if lit, ok := c.Args[0].(*ast.BasicLit); ok && lit.Value == `"_makeFuncWrapper"` {
						inserts = append(inserts, insert{fset.Position(c.Rparen).Offset, ", funcSite(fn)"})
					}
				}
				return true
			})
		case fd.Name.Name == "Release" && fd.Recv != nil && len(fd.Recv.List) == 1 && len(fd.Recv.List[0].Names) == 1:
			recv := fd.Recv.List[0].Names[0].Name
			inserts = append(inserts, insert{fset.Position(fd.Body.Lbrace).Offset + 1, " defer funcReleased(" + recv + ".id);"})
		}
	}
	if len(inserts) != 2 {
		return nil, errors.New(`FuncOf does not call jsGo.Call("_makeFuncWrapper", id), or Func has no Release, as the leak patch expects`)
	}
	if inserts[0].at > inserts[1].at {
		inserts[0], inserts[1] = inserts[1], inserts[0]
	}
	var out []byte
	last := 0
	for _, in := range inserts {
		out = append(append(out, src[last:in.at]...), in.text...)
		last = in.at
	}
	return append(out, src[last:]...), nil
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
