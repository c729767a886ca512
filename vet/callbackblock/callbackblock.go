// Package callbackblock defines an Analyzer that finds js.Func callbacks
// that block, and so freeze or deadlock the page.
package callbackblock

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"

	"github.com/buildwasm/buildwasm/vet/internal/jsapi"
)

const doc = `report js.Func callbacks that block the page or deadlock

JavaScript calls a Go callback (a function given to js.FuncOf or
shim.Export) on its event loop and waits for it to return: while the
callback runs, no JavaScript runs, no event fires, no promise settles.

A callback that waits for the event loop deadlocks at once: net/http
client calls (fetch answers through the event loop), shim.Await (it fails
at once in a callback), and a receive from a channel whose only senders
run in callbacks or wait on JavaScript themselves.

A callback that blocks its goroutine freezes the page until it is done:
time.Sleep, sync.WaitGroup.Wait, sync.Cond.Wait, a receive, a select
without default, a send on a channel made unbuffered in the same package.
Sends on buffered channels, the usual hand-off, are not reported, nor
are sends to a function that waits for them: a callback made by a function
that then receives from the channel (the idiom that awaits a promise).
Neither is a receive from a buffered channel that a select has just
failed to send on (it is full).

Calls count too, across functions and packages: a callback that calls a
helper that sleeps is reported with the chain of calls.

The fix: start a goroutine in the callback (go func() { ... }()) and
return at once; hand results back to JavaScript with shim.Promise, or
through a buffered channel. Code inside a go statement and the functions
given to shim.Go and shim.Promise run on goroutines of their own and are
never reported. When every return of a callback literal is "return nil",
the analyzer suggests wrapping its body in a goroutine.`

// Analyzer reports blocking js.Func callbacks.
var Analyzer = &analysis.Analyzer{
	Name:      "callbackblock",
	Doc:       doc,
	URL:       "https://github.com/buildwasm/buildwasm#buildwasm-vet",
	Requires:  []*analysis.Analyzer{inspect.Analyzer},
	FactTypes: []analysis.Fact{new(Blocks)},
	Run:       run,
}

// Class says how a blocking operation hurts a callback.
type Class int

const (
	// Freeze blocks the callback's goroutine, and so the page, for a while.
	Freeze Class = 1 + iota
	// Deadlock waits for the JavaScript event loop, which cannot run
	// until the callback returns: it never ends.
	Deadlock
)

// Blocks is the fact that a function blocks when called: the worst class
// of what it does, and the chain of calls that leads there, for messages.
type Blocks struct {
	Class Class
	Chain string // "helper → time.Sleep"
}

func (*Blocks) AFact() {}

func (b *Blocks) String() string {
	if b.Class == Deadlock {
		return "deadlocks: " + b.Chain
	}
	return "blocks: " + b.Chain
}

func run(pass *analysis.Pass) (any, error) {
	modulePath := ""
	if pass.Module != nil {
		modulePath = pass.Module.Path
	}
	if jsapi.IsStd(pass.Pkg.Path(), modulePath) {
		return nil, nil
	}
	c := newChecker(pass)
	c.collect()
	c.solve()
	for fn, b := range c.summary {
		if fn, ok := fn.(*types.Func); ok && b != nil {
			pass.ExportObjectFact(fn, b)
		}
	}
	c.report()
	return nil, nil
}

// op is one blocking operation found in a function body.
type op struct {
	pos, end token.Pos
	class    Class
	chain    string
}

func (o op) message() string {
	if o.class == Deadlock {
		return fmt.Sprintf("callback deadlocks: %s waits for the JavaScript event loop, which cannot run until the callback returns; do the work in a goroutine (go func() { ... }()) and hand the result back with shim.Promise", o.chain)
	}
	return fmt.Sprintf("callback blocks the page: %s blocks the callback, and no JavaScript runs until it returns; do the work in a goroutine (go func() { ... }()) and return at once", o.chain)
}

// chanInfo is what the package does with one channel (a variable or a
// field, all instances taken together).
type chanInfo struct {
	unbuffered bool     // made without a buffer somewhere in the package
	buffered   bool     // made with a buffer somewhere in the package
	senders    []sender // sends and closes
	receivers  []any    // the functions that receive from it
}

type sender struct {
	inCallback bool
	owner      any // the *types.Func or *ast.FuncLit whose code sends
}

type checker struct {
	pass *analysis.Pass
	// bodies are the functions summarised: declared functions and methods
	// (by *types.Func), closures bound once to a local variable and the
	// code around sends (by *ast.FuncLit).
	bodies    map[any]*ast.BlockStmt
	closures  map[*types.Var]*ast.FuncLit
	reassign  map[*types.Var]bool
	chans     map[types.Object]*chanInfo
	cbLits    []*ast.FuncLit
	cbLitSet  map[*ast.FuncLit]bool
	creator   map[*ast.FuncLit]any // the function that makes each callback
	cbNamed   []ast.Expr           // callbacks given by name: f, x.M, g[int]
	cbFuncSet map[*types.Func]bool
	summary   map[any]*Blocks
}

func newChecker(pass *analysis.Pass) *checker {
	return &checker{
		pass:      pass,
		bodies:    map[any]*ast.BlockStmt{},
		closures:  map[*types.Var]*ast.FuncLit{},
		reassign:  map[*types.Var]bool{},
		chans:     map[types.Object]*chanInfo{},
		cbLitSet:  map[*ast.FuncLit]bool{},
		creator:   map[*ast.FuncLit]any{},
		cbFuncSet: map[*types.Func]bool{},
		summary:   map[any]*Blocks{},
	}
}
