package exports

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/buildwasm/buildwasm/internal/testenv"
	"github.com/buildwasm/buildwasm/internal/toolchain"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	testenv.Golden(t, filepath.Join("testdata", name), got, *update, "go test ./internal/exports -update")
}

func TestJSName(t *testing.T) {
	for goName, want := range map[string]string{
		"Greet": "greet", "GetURL": "getURL", "URL": "url", "HTTPGet": "httpGet", "ID": "id",
		"greet": "greet", "X": "x", "V2Get": "v2Get", "HTTPServerURL": "httpServerURL", "ÉtéFini": "étéFini",
	} {
		if got := JSName(goName); got != want {
			t.Errorf("JSName(%q) = %q, want %q", goName, got, want)
		}
	}
}

func findDir(t *testing.T, dir string) ([]Func, error) {
	t.Helper()
	return Find([]toolchain.Package{{ImportPath: "example.com/" + dir, Name: dir, Dir: filepath.Join("testdata", dir), GoFiles: []string{dir + ".go"}}})
}

// Every supported type, in wrappers and declarations (golden files; the
// end-to-end tests build and call them).
func TestGenerate(t *testing.T) {
	funcs, err := findDir(t, "all")
	if err != nil {
		t.Fatal(err)
	}
	src, err := Wrappers("example.com/all", "all", funcs)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "all.wrappers.go.golden", src)
	golden(t, "all.d.ts.golden", Declarations("example.com/all", funcs))
}

// Each misuse is an error with its position, all of them at once.
func TestFindErrors(t *testing.T) {
	_, err := findDir(t, "bad")
	if err == nil {
		t.Fatal("no error")
	}
	msg := err.Error()
	for _, want := range []string{
		"bad.go:15: Method: methods cannot be exported",
		"bad.go:18: Generic: generic functions cannot be exported",
		"bad.go:21: Variadic: parameter xs: variadic parameters cannot be exported",
		"bad.go:24: Map: parameter m has type map[int]string: map[int]string cannot cross: a map's keys must be strings",
		"bad.go:27: Two: returns 2 values; typed exports return at most one, and an error",
		"bad.go:30: ErrParam: parameter err has type error: error cannot cross here: only as a function's last result",
		"bad.go:33: Shadowed: parameter f has type float64: example.com/bad.float64 is the package's own type called float64, which hides Go's",
		`bad.go:36: //buildwasm:export 1bad: "1bad" is not a JavaScript identifier`,
		"bad.go:39: //buildwasm:export takes at most one name",
		`bad.go:45: export name "dup" is already used at testdata/bad/bad.go:42`,
		`bad.go:51: export name "wasm" is already used at testdata/bad/bad.go:47`,    // a //go:wasmexport name
		`bad.go:54: export name "shimmed" is already used at testdata/bad/bad.go:57`, // a shim.Export name
		"bad.go:61: Many: its parameters take 16 words of wasm arguments and Go allows 15",
		"bad.go:64: Chan: parameter c has type chan int: chan int cannot cross: channels have no JavaScript value",
		"bad.go:67: Func: result has type func(): func() cannot cross: to take a JavaScript function, take a js.Value",
		"bad.go:70: Unnamed: parameter s has type struct{X int}: an unnamed struct type cannot cross",
		"bad.go:77: Recursive: parameter l has type List: example.com/bad.List: field Next: example.com/bad.List refers to itself, and recursive types cannot cross",
		"bad.go:80: Time: parameter t has type time.Time: time.Time cannot cross: only the main module's own types and the predeclared ones do",
		"bad.go:87: FieldError: result has type WithError: example.com/bad.WithError: field Err: error cannot cross here",
		"bad.go:92: GenericType: parameter b has type Box[int]: Box[int] cannot cross",
		"bad.go:101: EmbeddedPointer: parameter o has type Outer: example.com/bad.Outer: embedded field *Inner cannot cross",
		"bad.go:104: ArrayLen: parameter a has type [len(\"ab\")]int: [len(\"ab\")]int cannot cross: give the array's length as a number",
		"bad.go:107: Values: parameter vs has type []js.Value: js.Value cannot cross inside another type: only as a parameter or result of its own",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("no %q in:\n%s", want, msg)
		}
	}
}

// The wrappers of every supported type compile with buildwasm's patched
// syscall/js, in a module of their own.
func TestWrappersCompile(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a program")
	}
	g, err := toolchain.Patched(context.Background(), "", false, nil)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	src, err := os.ReadFile(filepath.Join("testdata", "all", "all.go"))
	if err != nil {
		t.Fatal(err)
	}
	funcs, err := findDir(t, "all")
	if err != nil {
		t.Fatal(err)
	}
	wrappers, err := Wrappers("example.com/all", "main", funcs)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"go.mod":  "module example.com/all\n\ngo 1.24\n",
		"all.go":  strings.Replace(string(src), "package all", "package main", 1),
		"main.go": "package main\n\nfunc main() {}\n",
		FileName:  string(wrappers),
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var out strings.Builder
	if _, err := g.Compile(context.Background(), toolchain.Target{Dir: dir, Package: "."}, &out); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
}
