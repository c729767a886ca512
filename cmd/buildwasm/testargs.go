package main

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
)

// testArgs is a buildwasm test command line split into buildwasm's own
// flags and what goes to go test.
type testArgs struct {
	node   bool
	help   bool
	setup  string // absolute path of the -setup script, or ""
	goArgs []string
	// listArgs are what go list needs of goArgs to see the same packages:
	// the patterns and the flags that choose files.
	listArgs []string
}

// goListFlags are the flags of go test that change which files a build
// sees, which go list takes too.
var goListFlags = map[string]bool{"tags": true, "mod": true, "modfile": true, "overlay": true, "pgo": true, "race": true, "msan": true, "asan": true, "cover": true}

// goTestValueFlags are go test's flags (build, test and profile flags) that
// take their value as the next argument when written without "=": that
// argument is a value, never one of buildwasm's flags.
var goTestValueFlags = map[string]bool{
	"asmflags": true, "bench": true, "benchtime": true, "blockprofile": true, "blockprofilerate": true,
	"buildmode": true, "compiler": true, "count": true, "covermode": true, "coverpkg": true, "coverprofile": true,
	"cpu": true, "cpuprofile": true, "fuzz": true, "fuzzminimizetime": true, "fuzztime": true, "gccgoflags": true,
	"gcflags": true, "installsuffix": true, "ldflags": true, "list": true, "memprofile": true, "memprofilerate": true,
	"mod": true, "modfile": true, "mutexprofile": true, "mutexprofilefraction": true, "o": true, "outputdir": true,
	"overlay": true, "p": true, "parallel": true, "pgo": true, "pkgdir": true, "run": true, "shuffle": true,
	"skip": true, "tags": true, "timeout": true, "toolexec": true, "trace": true, "vet": true,
}

// parseTestArgs takes -node, -setup and -h out of args, wherever they stand
// before -args; everything from -args on belongs to the test binary and
// passes untouched. -exec is refused: it would replace the runner that
// makes this command what it is.
func parseTestArgs(args []string) (testArgs, error) {
	var t testArgs
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "-args" || a == "--args" {
			t.goArgs = append(t.goArgs, args[i:]...)
			break
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !strings.HasPrefix(a, "-") || a == "-" {
			t.goArgs = append(t.goArgs, a) // a package
			t.listArgs = append(t.listArgs, a)
			continue
		}
		switch name {
		case "node":
			t.node = true
			if hasValue {
				var err error
				if t.node, err = strconv.ParseBool(value); err != nil {
					return t, usageError{fmt.Sprintf("%s: -node is true or false", a)}
				}
			}
		case "h", "help":
			t.help = true
		case "setup":
			if !hasValue {
				if i+1 == len(args) {
					return t, usageError{"-setup needs a file: -setup setup.js"}
				}
				i++
				value = args[i]
			}
			abs, err := filepath.Abs(value)
			if err != nil {
				return t, err
			}
			t.setup = abs
		case "exec":
			return t, usageError{fmt.Sprintf("%s would replace the runner buildwasm test exists for; to run test binaries with another program, use go test -exec with GOOS=js GOARCH=wasm", a)}
		default:
			t.goArgs = append(t.goArgs, a)
			if goListFlags[name] {
				t.listArgs = append(t.listArgs, a)
			}
			if goTestValueFlags[name] && !hasValue && i+1 < len(args) {
				i++
				t.goArgs = append(t.goArgs, args[i])
				if goListFlags[name] {
					t.listArgs = append(t.listArgs, args[i])
				}
			}
		}
	}
	return t, nil
}
