package tests

import (
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// A user's own -overlay and typed exports go together: go reads one
// -overlay, and buildwasm merges its files into the user's.
func TestTypedExportsWithOverlay(t *testing.T) {
	overlay := overlayEdit(t, "../examples/typed/main.go", `"Hello, %s!"`, `"Howdy, %s!"`)
	dist := buildDist(t, filepath.Join(t.TempDir(), "dist"), overlay, "../examples/typed")
	var got struct {
		Greet string
		Mean  float64
	}
	nodeScript(t, "typedgreet.mjs", &got, distFile(t, dist, "wasm"))
	if got.Greet != "Howdy, Ada!" || got.Mean != 3 {
		t.Errorf("got %+v, want the overlay's greeting and a mean of 3", got)
	}
}

// buildwasm test builds test binaries with the typed exports of the
// packages under test: here the binary go test -c writes, of a module
// holding examples/typed and a test.
func TestTypedExportsInTestBinary(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "examples", "typed", "main.go"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for name, data := range map[string]string{
		"go.mod":       "module example.com/typed\n\ngo 1.24\n",
		"main.go":      string(src),
		"main_test.go": "package main\n\nimport \"testing\"\n\nfunc TestGreet(t *testing.T) {\n\tif Greet(\"x\") != \"Hello, x!\" {\n\t\tt.Fail()\n\t}\n}\n",
	} {
		os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644)
	}
	got := runIn(t, dir, []string{"GOWORK=off"}, buildwasmBin, "test", "-node", "-c", "-o", "typed.test", ".")
	if got.code != 0 {
		t.Fatalf("buildwasm test -c: exit %d\n%s%s", got.code, got.stdout, got.stderr)
	}
	exports := runIn(t, dir, nil, "node", "-e", `const m = new WebAssembly.Module(require("fs").readFileSync("typed.test"));
		console.log(WebAssembly.Module.exports(m).map((e) => e.name).join(" "))`)
	names := strings.Fields(exports.stdout)
	for _, want := range []string{"buildwasm.d.example.com/typed", "buildwasm.x.greet", "buildwasm.x.mean", "buildwasm.x.primes"} {
		if !slices.Contains(names, want) {
			t.Errorf("the test binary lacks the export %s: %v", want, names)
		}
	}
	if got := runIn(t, dir, []string{"GOWORK=off"}, buildwasmBin, "test", "-node", "."); got.code != 0 || !strings.HasPrefix(got.stdout, "ok") {
		t.Errorf("buildwasm test: exit %d\n%s%s", got.code, got.stdout, got.stderr)
	}
}

// The example's page calls its typed exports: a string, a Float64Array
// made from the input, an Int32Array back, a Go error as a GoError, a
// struct as an object, and an async export, awaited and cancelled.
func TestExampleTyped(t *testing.T) {
	dist := buildDist(t, filepath.Join(t.TempDir(), "dist"), "../examples/typed")
	srv := httptest.NewServer(distHandler(t, dist))
	t.Cleanup(srv.Close)
	var got []string
	evaluateAt(t, newTab(t), srv.URL+"/", `
		const button = (id) => document.getElementById(id);
		for (let i = 0; button("greet").disabled && i < 500; i++) await new Promise((r) => setTimeout(r, 20));
		const out = [];
		const press = (id, input, value) => {
			if (input) document.getElementById(input).value = value;
			button(id).click();
			out.push(document.getElementById("out").textContent);
		};
		press("greet", "name", "Gopher");
		press("mean", "numbers", "1 2 3 4");
		press("primes", "below", "100");
		press("mean", "numbers", "");
		press("describe", "numbers", "3 1 4 1 5");
		press("describe", "numbers", "");
		press("wait", "ms", "10");
		await new Promise((r) => setTimeout(r, 200));
		out.push(document.getElementById("out").textContent);
		press("wait", "ms", "60000");
		button("cancel").click();
		await new Promise((r) => setTimeout(r, 0));
		out.push(document.getElementById("out").textContent);
		return out;`, &got)
	want := []string{"Hello, Gopher!", "2.5", "25 primes, the last 97", "GoError: mean of no numbers",
		"5 numbers from 1 to 5, mean 2.8, median 3", "GoError: describe no numbers",
		"waiting…", "10 ms later", "waiting…", "Error: cancelled"}
	if !slices.Equal(got, want) {
		t.Errorf("the page showed %q, want %q", got, want)
	}
}

// The compat target (scripts/compat.sh) runs the typed export cases with
// every supported Go release, in a module of the fixture's own path so
// that messages name the same functions.
func TestTypedExportsCompat(t *testing.T) {
	for _, v := range compatToolchains(t) {
		t.Run(v, func(t *testing.T) {
			var r typedResults
			nodeScript(t, "typedexports.mjs", &r, buildWith(t, v, "typedexports", typedFixture))
			checkTypedExports(t, r)
		})
	}
}
