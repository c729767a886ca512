package main

import (
	"errors"
	"path/filepath"
	"slices"
	"testing"
)

func TestParseTestArgs(t *testing.T) {
	abs := func(p string) string { a, _ := filepath.Abs(p); return a }
	cases := []struct {
		args   []string
		node   bool
		help   bool
		setup  string
		goArgs []string
	}{
		{args: []string{"-node", "./pkg"}, node: true, goArgs: []string{"./pkg"}},
		{args: []string{"./pkg", "--node", "-v"}, node: true, goArgs: []string{"./pkg", "-v"}},
		{args: []string{"./pkg", "-args", "-node", "-h"}, goArgs: []string{"./pkg", "-args", "-node", "-h"}},
		{args: []string{"-v", "--args", "-exec=x"}, goArgs: []string{"-v", "--args", "-exec=x"}},
		{args: []string{"-h"}, help: true},
		{args: []string{"-run", "-node", "./pkg"}, goArgs: []string{"-run", "-node", "./pkg"}},
		{args: []string{"-run=X", "-node"}, node: true, goArgs: []string{"-run=X"}},
		{args: []string{"-setup", "s.mjs", "-count", "2", "."}, setup: abs("s.mjs"), goArgs: []string{"-count", "2", "."}},
		{args: []string{"-setup=/x/s.mjs"}, setup: "/x/s.mjs"},
		{args: []string{"-node=true", "-node=false"}},
	}
	for _, c := range cases {
		got, err := parseTestArgs(c.args)
		if err != nil {
			t.Errorf("%q: %v", c.args, err)
			continue
		}
		if got.node != c.node || got.help != c.help || got.setup != c.setup || !slices.Equal(got.goArgs, c.goArgs) {
			t.Errorf("%q: got %+v", c.args, got)
		}
	}
	for _, bad := range [][]string{{"-exec=/bin/echo", "."}, {".", "-exec", "x"}, {"--exec=x"}, {"-setup"}, {"-node=maybe"}} {
		if _, err := parseTestArgs(bad); !errors.As(err, new(usageError)) {
			t.Errorf("%q: want a usage error, got %v", bad, err)
		}
	}
}

// go list sees what go test builds: the packages, and the flags that
// choose files (with their values), not the test flags.
func TestTestListArgs(t *testing.T) {
	for _, c := range []struct{ args, want []string }{
		{[]string{"-v", "-run", "X", "./pkg"}, []string{"./pkg"}},
		{[]string{"-tags", "a,b", "-race", "./a", "./b"}, []string{"-tags", "a,b", "-race", "./a", "./b"}},
		{[]string{"-overlay=o.json", "-count=1", "."}, []string{"-overlay=o.json", "."}},
		{[]string{"./pkg", "-args", "-tags", "x", "y"}, []string{"./pkg"}},
		{nil, nil},
	} {
		got, err := parseTestArgs(c.args)
		if err != nil || !slices.Equal(got.listArgs, c.want) {
			t.Errorf("parseTestArgs(%q).listArgs = %q, %v; want %q", c.args, got.listArgs, err, c.want)
		}
	}
}
