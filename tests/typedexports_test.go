package tests

import (
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

type typedOutcome struct {
	Value  *string
	Thrown *jsError
}

type typedResults struct {
	Names []string
	Cases map[string]typedOutcome
	Exit  struct {
		Code  int
		Error *jsError
	}
	Sleep, Later, LaterPlain typedOutcome
	Async                    map[string]typedOutcome
	Forever, AfterExit       typedOutcome
}

// typedExportsDist builds testdata/typedexports with buildwasm, which
// generates its typed exports' wrappers, once per run.
var typedExportsDist = sync.OnceValues(func() (string, error) {
	dir := filepath.Join(tmpRoot, "typedexports-dist")
	res := runQuiet(buildwasmBin, "build", "-o", dir, "./testdata/typedexports")
	return dir, res.err
})

const typedFixture = "github.com/buildwasm/buildwasm/tests/testdata/typedexports"

func TestTypedExportsNode(t *testing.T) {
	dist, err := typedExportsDist()
	if err != nil {
		t.Fatal(err)
	}
	var r typedResults
	nodeScript(t, "typedexports.mjs", &r, distFile(t, dist, "wasm"))
	checkTypedExports(t, r)
}

func TestTypedExportsChromium(t *testing.T) {
	dist, err := typedExportsDist()
	if err != nil {
		t.Fatal(err)
	}
	var r typedResults
	runCasesInChromium(t, dist, "typedexports-cases.mjs", "typedexports.wasm", &r)
	checkTypedExports(t, r)
}

// The values typed exports return, as typedexports-cases.mjs shows them.
var typedValues = map[string]string{
	"flipTrue": "false",
	"i8Min":    "-128", "i8Max": "127", "i16Min": "-32768", "i32Min": "-2147483648", "i32Max": "2147483647",
	"u8Max": "255", "u16Max": "65535", "u32Max": "4294967295",
	"intZero": "0", "intNegZero": "0", "intMax": "9007199254740991", "intMin": "-9007199254740991",
	"uintMax": "9007199254740991", "uintptr": "4096",
	"i64Min": "-9223372036854775808n", "i64Max": "9223372036854775807n", "u64Max": "18446744073709551615n",
	"f32": "1.100000023841858", "f32NaN": "NaN", "f32Inf": "-Infinity",
	"f64NaN": "NaN", "f64Inf": "Infinity", "f64NegZero": "-0", "f64Tiny": "5e-324",
	"shifted": "4503599627370496",
	"str":     `"wörld ✓ 🙂"`, "strEmpty": `""`, "strLong": "true", "strLongASCII": "true", "strLongMixed": "true", "sizeLongMixed": "5005", "kept": "true",
	"strLoneSurrogate": "\"a\ufffdb\ufffd\"", "sizeLoneSurrogate": "4", "sizeUTF8": "6",
	"invalid": "\"a\ufffdb\ufffd\"",
	"bytes":   "Uint8Array[0,1,255]", "bytesArray": "Uint8Array[1,2,3]",
	"bytesNull": "null", "bytesUndefined": "null", "bytesEmpty": "Uint8Array[]", "bytesEmptyArray": "Uint8Array[]",
	"isNilNull": "true", "isNilEmpty": "false", "isNilEmptyArray": "false", "bytesCopied": "true",
	"i8s": "Int8Array[-128,127]", "i16s": "Int16Array[-32768,32767]", "i32s": "Int32Array[-2147483648,2147483647]",
	"i64s": "BigInt64Array[-9223372036854775808n,9223372036854775807n]",
	"u16s": "Uint16Array[65535]", "u32s": "Uint32Array[4294967295]", "u64s": "BigUint64Array[18446744073709551615n]",
	"f32s": "Float32Array[1.5,NaN,-Infinity]", "f64s": "Float64Array[0.1,NaN,Infinity,-0]",
	"f64sNull": "null", "f64sEmpty": "Float64Array[]", "f64sBig": "50000",
	"mixed":     `"s [1 2] 3 [0.5] v true"`,
	"valueSame": "true", "valueUndefined": "undefined", "valueNull": "null", "valueNumber": "7",
	"typeOf":     `"function"`,
	"around":     `"outer+inner+innermost"`,
	"divide":     "3",
	"rethrow":    "true",
	"afterPanic": "3",
	"wait":       "42",
	"plain":      "42",
}

// The errors wrong arguments and unsafe results throw: the error's name
// and the start of its message, which names the export and the argument.
var typedErrors = map[string][2]string{
	"flipNumber":      {"TypeError", "flip: argument b (bool) must be a boolean, got 1"},
	"i8Over":          {"RangeError", "i8: argument v (int8) must be an integer from -128 to 127, got 128"},
	"i16Over":         {"RangeError", "i16: argument v (int16) must be an integer from -32768 to 32767"},
	"i32Over":         {"RangeError", "i32: argument v (int32) must be an integer from -2147483648 to 2147483647"},
	"i32Fraction":     {"RangeError", "i32: argument v (int32) must be an integer"},
	"i32String":       {"TypeError", "i32: argument v (int32) must be a number, got a string"},
	"i32Missing":      {"TypeError", "i32: argument v (int32) must be a number, got undefined"},
	"u8Negative":      {"RangeError", "u8: argument v (uint8) must be an integer from 0 to 255, got -1"},
	"u32Over":         {"RangeError", "u32: argument v (uint32) must be an integer from 0 to 4294967295"},
	"int2p53":         {"RangeError", "int: argument v (int) must be an integer from -(2^53-1) to 2^53-1"},
	"intNaN":          {"RangeError", "int: argument v (int) must be an integer"},
	"intBigint":       {"TypeError", "int: argument v (int) must be a number, got 1n"},
	"uintNegative":    {"RangeError", "uint: argument v (uint) must be an integer from 0 to 2^53-1"},
	"i64Over":         {"RangeError", "i64: argument v (int64) must be from -9223372036854775808 to 9223372036854775807"},
	"i64Number":       {"TypeError", "i64: argument v (int64) must be a bigint"},
	"u64Negative":     {"RangeError", "u64: argument v (uint64) must be from 0 to 18446744073709551615"},
	"f64String":       {"TypeError", "f64: argument v (float64) must be a number"},
	"strNumber":       {"TypeError", "str: argument s (string) must be a string, got 1"},
	"bytesArrayOver":  {"RangeError", "bytes: argument v ([]byte)[1] must be an integer from 0 to 255, got 256"},
	"bytesWrongArray": {"TypeError", "bytes: argument v ([]byte) must be a Uint8Array, an array of numbers, or null, got an Int8Array"},
	"bytesString":     {"TypeError", "bytes: argument v ([]byte) must be a Uint8Array"},
	"i64sNumbers":     {"TypeError", "i64s: argument v ([]int64)[0] must be a bigint"},
	"shiftedPast":     {"RangeError", "shifted (Go " + typedFixture + ".Shifted) returned 9007199254740992 as its int"},
	"shiftedNegative": {"RangeError", "shifted (Go " + typedFixture + ".Shifted) returned -9007199254740992 as its int"},
	"shiftedU":        {"RangeError", "shiftedU (Go " + typedFixture + ".ShiftedU) returned 1152921504606846976 as its uint"},
	"rethrowString":   {"not an Error", `"a string"`},
}

func checkTypedExports(t *testing.T, r typedResults) {
	t.Helper()
	for _, want := range []string{"add", "flip", "u64s", "value", "sleep", "plain", "addFunc", "echoFunc"} {
		if !slices.Contains(r.Names, want) {
			t.Errorf("app.exports lacks %s: %v", want, r.Names)
		}
	}
	for _, name := range r.Names {
		if strings.HasPrefix(name, "buildwasm.") {
			t.Errorf("app.exports shows the raw export %s", name)
		}
	}
	known := checkOutcomes(t, "", r.Cases, typedValues, typedErrors) + checkOutcomes(t, "", r.Cases, compositeValues, compositeErrors)
	if n := known + 2; len(r.Cases) != n {
		t.Errorf("%d cases ran, the test knows %d", len(r.Cases), n)
	}

	// An error and the errors it wraps, outermost first, each a GoError.
	e := r.Cases["divideByZero"].Thrown
	chain := []struct{ message, goType string }{
		{"divide 7: by zero: my error: zero", "*fmt.wrapError"},
		{"by zero: my error: zero", "*fmt.wrapError"},
		{"my error: zero", "*main.myError"},
	}
	for i, want := range chain {
		if e == nil || e.Name != "GoError" || e.Message != want.message || e.GoType != want.goType {
			t.Errorf("divideByZero: link %d of the chain is %+v, want a GoError %q of type %s", i, e, want.message, want.goType)
			break
		}
		if i == 0 && (!strings.HasPrefix(e.Stack, "GoError: divide 7") || !strings.Contains(e.Stack, "typedexports-cases.mjs")) {
			t.Errorf("divideByZero: stack does not show the caller:\n%s", e.Stack)
		}
		e = e.Cause
	}
	if e != nil {
		t.Errorf("divideByZero: the chain goes on with %+v", e)
	}

	// A panic throws as in a callback, with the Go frames first.
	p := r.Cases["panic"].Thrown
	line := sourceLineIn(t, "typedexports", "return s[i]")
	if p == nil || p.Name != "GoPanicError" || p.Message != "runtime error: index out of range [5] with length 3" {
		t.Errorf("panic: %s, want a GoPanicError", describeOutcome(r.Cases["panic"]))
	} else {
		if len(p.GoStack) < 2 || p.GoStack[0].Func != "main.index" || p.GoStack[0].Line != line || p.GoStack[0].File != typedFixture+"/main.go" || p.GoStack[1].Func != "main.Panic" {
			t.Errorf("panic: goStack %+v, want main.index at main.go:%d, then main.Panic", p.GoStack, line)
		}
		for _, f := range p.GoStack {
			if strings.Contains(f.Func, "buildwasm") {
				t.Errorf("panic: goStack shows the generated wrapper: %+v", p.GoStack)
			}
		}
		if !strings.Contains(p.Stack, "typedexports-cases.mjs") {
			t.Errorf("panic: stack does not go on with the JS caller:\n%s", p.Stack)
		}
	}

	// Blocking for JS ends the program, and nothing runs Go again.
	blocked := r.Sleep.Thrown
	if blocked == nil || blocked.Name != "GoBlockedError" || !strings.HasPrefix(blocked.Message, "sleep (Go "+typedFixture+".Sleep)") || !strings.Contains(blocked.Message, "context.Context") {
		t.Errorf("sleep: %s, want a GoBlockedError naming sleep and Sleep, saying to take a context.Context", describeOutcome(r.Sleep))
	}
	if r.Exit.Code != 2 || r.Exit.Error == nil || r.Exit.Error.Name != "GoBlockedError" {
		t.Errorf("after sleep, exited with %+v, want code 2 and the GoBlockedError", r.Exit)
	}
	checkAsync(t, r)
	for name, o := range map[string]typedOutcome{"typed": r.Later, "plain": r.LaterPlain} {
		if o.Thrown == nil || o.Thrown.Name != "GoExitedError" || o.Thrown.Cause == nil || o.Thrown.Cause.Name != "GoBlockedError" {
			t.Errorf("a %s export called after sleep: %s, want a GoExitedError caused by the GoBlockedError", name, describeOutcome(o))
		}
	}
}

// Async exports (async.go): Promises that settle once Go's goroutine
// returns, many at once, cancelled by an AbortSignal, rejected by errors,
// panics and the program's end.
func checkAsync(t *testing.T, r typedResults) {
	t.Helper()
	values := map[string]string{
		"now": "42", "later": `"v"`, "inFlight": "true", "abortLater": "true", "abortedBefore": "true",
		"afterAsyncPanic": "42", "asyncPoint": `{"x":3,"y":8}`,
	}
	errors := map[string][2]string{
		"badOptions":  {"TypeError", "later: its options, after the Go arguments, must be an object { signal?: AbortSignal }, got 5"},
		"badArgument": {"TypeError", `later: argument ms (int) must be a number, got a string ("a")`},
		"asyncPanic":  {"GoPanicError", "async boom"},
		"asyncError":  {"GoError", "async error"},
	}
	if n := checkOutcomes(t, "async ", r.Async, values, errors); len(r.Async) != n {
		t.Errorf("%d async cases ran, the test knows %d", len(r.Async), n)
	}
	if p := r.Async["asyncPanic"].Thrown; p != nil && (len(p.GoStack) == 0 || p.GoStack[0].Func != "main.AsyncPanic" || p.GoStack[0].File != typedFixture+"/async.go") {
		t.Errorf("asyncPanic: goStack %+v, want main.AsyncPanic in async.go first", p.GoStack)
	}
	for name, o := range map[string]typedOutcome{"a call in flight": r.Forever, "a call after it": r.AfterExit} {
		if o.Thrown == nil || o.Thrown.Name != "GoExitedError" || o.Thrown.Code != 2 {
			t.Errorf("%s when the program ended: %s, want a GoExitedError with code 2", name, describeOutcome(o))
		}
	}
}

// checkOutcomes compares what calls returned or threw with what they
// should: values as typedexports-cases.mjs shows them, errors by name and
// the start of their message. It returns how many cases it knows.
func checkOutcomes(t *testing.T, kind string, got map[string]typedOutcome, values map[string]string, errs map[string][2]string) int {
	t.Helper()
	for name, want := range values {
		if o := got[name]; o.Value == nil || *o.Value != want {
			t.Errorf("%s%s: %s, want %s", kind, name, describeOutcome(o), want)
		}
	}
	for name, want := range errs {
		if o := got[name]; o.Thrown == nil || o.Thrown.Name != want[0] || !strings.HasPrefix(o.Thrown.Message, want[1]) {
			t.Errorf("%s%s: %s, want a %s starting %q", kind, name, describeOutcome(o), want[0], want[1])
		}
	}
	return len(values) + len(errs)
}

func describeOutcome(o typedOutcome) string {
	switch {
	case o.Value != nil:
		return "returned " + *o.Value
	case o.Thrown != nil:
		return "threw " + o.Thrown.Name + ": " + o.Thrown.Message
	}
	return "no outcome"
}

// The composite types (composite.go), as typedexports-cases.mjs shows them:
// JSON, with bigints and typed arrays as show() spells them.
var compositeValues = map[string]string{
	"round":           `{"id":7,"name":"n","label":"outer","tags":["a","b"],"scores":{"a":[],"z":[1,2]},"origin":{"x":1.5,"y":-2},"grid":[[1,-2],[3,4]],"extra":{"k":[1,"two",true,null,{"deep":3.5}]},"temp":21.5,"raw":"Float64Array[0.5,2]","big":"18446744073709551615n","ok":true,"Plain":-8}`,
	"roundEmpty":      `{"id":0,"name":"","label":"","scores":null,"grid":[[0,0],[0,0]],"extra":null,"temp":0,"raw":null,"Plain":0}`,
	"roundOmitted":    `{"id":0,"name":"","label":"","scores":null,"grid":[[0,0],[0,0]],"extra":null,"temp":0,"raw":"Float64Array[1,2]","Plain":0}`,
	"describeMissing": `"{Base:{ID:0 Label:} Name:only Label: Tags:[] Scores:map[] Origin:<nil> Grid:[[0 0] [0 0]] Extra:<nil> Temp:0 Raw:[] Big:0 Ok:false Skip: hidden:0 Plain:0} hidden=0"`,
	"points":          `[{"x":1,"y":2},{"x":0,"y":3}]`,
	"pointsNull":      `null`,
	"pointsEmpty":     `[]`,
	"index":           `{"__proto__x":["p"],"a":[],"b":["1"],"c":null,"with space":["x"]}`,
	"indexProto":      `["__proto__"]`,
	"maybe":           `{"x":3,"y":4}`,
	"maybeNull":       `null`,
	"maybeUndefined":  `null`,
	"anything":        `{"a":[1,"s",false,null,{"b":2}],"n":-0.5}`,
	"anythingNumber":  `3`,
	"nested":          `[[{"a":{"x":1,"y":2},"b":null}],[],null]`,
	"triple":          `[1,2,3]`,
	"nils":            `{"nil":null}`,
	"empties":         `{"empty":[]}`,
	"nilArgs":         `"true true true"`,
	"nilArgsEmpty":    `"false false false"`,
	"stats":           `{"id":0,"name":"s","label":"","scores":{"w":[6]},"origin":{"x":5,"y":6},"grid":[[0,0],[0,0]],"extra":null,"temp":0,"raw":"Float64Array[1,2]","Plain":0}`,
	"statsBadPoint":   `{"id":0,"name":"s","label":"","scores":{},"origin":{"x":0,"y":0},"grid":[[0,0],[0,0]],"extra":null,"temp":0,"raw":"Float64Array[]","Plain":0}`,
}

var compositeErrors = map[string][2]string{
	"pointsBadField":    {"TypeError", "points: argument pts[3].x must be a number, got a string (\"1\")"},
	"pointsNotArray":    {"TypeError", "points: argument pts must be an array or null, got an Object"},
	"pointsNotObject":   {"TypeError", "points: argument pts[0] must be an object (Go's geo.Point), got 3"},
	"indexBadValue":     {"TypeError", "index: argument m[\"with space\"][0] must be a string, got 1"},
	"anythingBigint":    {"TypeError", "anything: argument v.v[0] must be null, a boolean, a number, a string, an array or a plain object (what JSON holds), got 1n"},
	"tripleShort":       {"TypeError", "triple: argument g must be an array of 3, got an array"},
	"tripleNotInt":      {"RangeError", "triple: argument g[2] must be an integer from -(2^53-1) to 2^53-1 (±9007199254740991), got 3.5"},
	"chan":              {"TypeError", "chan (Go " + typedFixture + ".Chan) returned an any holding a chan int, which cannot cross to JavaScript"},
	"huge":              {"RangeError", "huge (Go " + typedFixture + ".Huge) returned 1152921504606846976 as the int at [1], past what a JS number holds exactly (±(2^53-1)): return an int64 or uint64 for such values, which cross as a bigint"},
	"statsError":        {"GoError", "negative n -1"},
	"statsBadPointType": {"TypeError", "stats: argument at must be an object (Go's geo.Point), got 5"},
	"anythingCycle":     {"TypeError", "anything: argument v is nested more than 1000 deep: a value that contains itself cannot cross"},
}
