// Package vetrun reads what go vet -json prints when buildwasm is its
// vettool, whichever toolchain runs it, and decides whether a toolchain
// can run buildwasm's analyzers at all.
package vetrun

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
)

// Diagnostic is one finding, as go vet -json writes it.
type Diagnostic struct {
	Posn    string `json:"posn"`
	End     string `json:"end,omitempty"`
	Message string `json:"message"`
}

// Finding is a Diagnostic with the package and analyzer it belongs to.
type Finding struct {
	Package, Analyzer string
	Diagnostic
}

// Output is go vet -json's output, normalised.
type Output struct {
	// Objects are the JSON objects, one per package with findings, each
	// {"<package>": {"<analyzer>": [...]}} as Go 1.26 prints them.
	Objects []json.RawMessage
	// Findings are their diagnostics in order; Errors are analyzers that
	// failed ("package: analyzer: message").
	Findings []Finding
	Errors   []string
}

// Parse reads go vet -json's output. Go 1.26 writes the objects to
// stdout; Go 1.24 and 1.25 write them to stderr, each after a "# package"
// line. Both are read, so one parser serves every toolchain.
func Parse(stdout, stderr []byte) (Output, error) {
	var out Output
	for _, stream := range [][]byte{stdout, withoutHeaders(stderr)} {
		dec := json.NewDecoder(bytes.NewReader(stream))
		for {
			var raw json.RawMessage
			err := dec.Decode(&raw)
			if err == io.EOF {
				break
			}
			if err != nil {
				return Output{}, fmt.Errorf("reading go vet's output: %w", err)
			}
			if err := out.add(raw); err != nil {
				return Output{}, err
			}
		}
	}
	return out, nil
}

// withoutHeaders drops the "# package" lines go vet puts before each
// package's output on stderr.
func withoutHeaders(b []byte) []byte {
	var out bytes.Buffer
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		if !strings.HasPrefix(sc.Text(), "# ") {
			out.Write(sc.Bytes())
			out.WriteByte('\n')
		}
	}
	return out.Bytes()
}

func (o *Output) add(raw json.RawMessage) error {
	var pkgs map[string]map[string]json.RawMessage
	if err := json.Unmarshal(raw, &pkgs); err != nil {
		return fmt.Errorf("reading go vet's output: %w", err)
	}
	first := len(o.Findings)
	for _, pkg := range sortedKeys(pkgs) {
		analyzers := pkgs[pkg]
		for _, name := range sortedKeys(analyzers) {
			val := analyzers[name]
			var diags []Diagnostic
			if err := json.Unmarshal(val, &diags); err == nil {
				for _, d := range diags {
					o.Findings = append(o.Findings, Finding{pkg, name, d})
				}
				continue
			}
			var failed struct{ Error string }
			if err := json.Unmarshal(val, &failed); err != nil {
				return fmt.Errorf("reading go vet's output for %s: %w", pkg, err)
			}
			o.Errors = append(o.Errors, pkg+": "+name+": "+failed.Error)
		}
	}
	// A package's findings read in file order, whichever analyzer made them.
	slices.SortStableFunc(o.Findings[first:], func(a, b Finding) int { return comparePosn(a.Posn, b.Posn) })
	o.Objects = append(o.Objects, raw)
	return nil
}

// comparePosn orders "file:line:col" positions by file, then line and
// column as numbers.
func comparePosn(a, b string) int {
	fa, la, ca := splitPosn(a)
	fb, lb, cb := splitPosn(b)
	if c := strings.Compare(fa, fb); c != 0 {
		return c
	}
	if la != lb {
		return la - lb
	}
	return ca - cb
}

func splitPosn(p string) (file string, line, col int) {
	rest, c := cutLast(p)
	file, l := cutLast(rest)
	line, _ = strconv.Atoi(l)
	col, _ = strconv.Atoi(c)
	return file, line, col
}

func cutLast(s string) (before, after string) {
	i := strings.LastIndexByte(s, ':')
	if i < 0 {
		return s, ""
	}
	return s[:i], s[i+1:]
}

func sortedKeys[V any](m map[string]V) []string { return slices.Sorted(maps.Keys(m)) }

// CheckToolchain refuses a go command newer than the Go that built
// buildwasm: go vet hands the vettool the compiler's export data, whose
// format may change in any release, and a reader older than the writer
// cannot know. Patch releases keep the format, so only the minor version
// counts. goVersion is go env GOVERSION; own is runtime.Version().
func CheckToolchain(goVersion, own string) error {
	theirs, ok1 := minor(goVersion)
	ours, ok2 := minor(own)
	if !ok1 || !ok2 || theirs <= ours {
		return nil // a devel toolchain, or not newer: go vet will tell
	}
	return errors.New("the go command is " + goVersion + ", newer than " + own +
		", which built this buildwasm, and its analyzers cannot be trusted to read " + goVersion +
		"'s export data: install buildwasm with " + goVersion +
		" (GOTOOLCHAIN=" + goVersion + " go install github.com/buildwasm/buildwasm/cmd/buildwasm@latest), or vet with GOTOOLCHAIN=" + own)
}

// minor is N of "go1.N" or "go1.N.P" (with any suffix after a space).
func minor(v string) (int, bool) {
	v, _, _ = strings.Cut(v, " ")
	rest, ok := strings.CutPrefix(v, "go1.")
	if !ok {
		return 0, false
	}
	n, _, _ := strings.Cut(rest, ".")
	for i, r := range n {
		if r < '0' || r > '9' {
			n = n[:i]
			break
		}
	}
	m, err := strconv.Atoi(n)
	return m, err == nil
}
