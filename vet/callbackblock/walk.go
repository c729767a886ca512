package callbackblock

import (
	"go/ast"
	"go/token"
	"go/types"
	"sort"

	"github.com/buildwasm/buildwasm/vet/internal/jsapi"
)

// solve summarises every body until nothing changes: a function blocks
// if it calls one that blocks, and a receive deadlocks once its channel's
// senders are known to wait on JavaScript, so both grow together.
func (c *checker) solve() {
	keys := make([]any, 0, len(c.bodies))
	for k := range c.bodies {
		keys = append(keys, k)
	}
	// A stable order keeps the chains in messages the same run to run.
	sort.Slice(keys, func(i, j int) bool { return c.bodies[keys[i]].Pos() < c.bodies[keys[j]].Pos() })
	for changed := true; changed; {
		changed = false
		for _, k := range keys {
			b := worst(c.ops(c.bodies[k], k))
			if old := c.summary[k]; b != nil && (old == nil || b.Class > old.Class) {
				c.summary[k] = b
				changed = true
			}
		}
	}
}

// worst is the summary of a body's operations: the first one of the
// worst class.
func worst(ops []op) *Blocks {
	var w *op
	for i := range ops {
		if w == nil || ops[i].class > w.class {
			w = &ops[i]
		}
	}
	if w == nil {
		return nil
	}
	return &Blocks{Class: w.class, Chain: w.chain}
}

// ops lists the blocking operations that running body (of the function
// self) executes on its own goroutine: not those in go statements or in
// function literals it only passes on (callbacks, shim.Go, shim.Promise),
// but those in literals it calls on the spot or defers.
func (c *checker) ops(body *ast.BlockStmt, self any) []op {
	var out []op
	// full are buffered channels a select just failed to send on, while
	// its default branch runs: receiving from them does not block.
	full := map[types.Object]bool{}
	var visit func(n ast.Node) bool
	visit = func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.GoStmt, *ast.FuncLit:
			return false
		case *ast.CallExpr:
			if lit, ok := ast.Unparen(n.Fun).(*ast.FuncLit); ok {
				ast.Inspect(lit.Body, visit)
			}
			if o, ok := c.call(n); ok {
				out = append(out, o)
			}
		case *ast.SendStmt:
			obj := c.object(n.Chan)
			if ci := c.chans[obj]; ci != nil && ci.unbuffered && !c.awaited(ci, self) {
				out = append(out, op{n.Pos(), n.End(), Freeze, "a send on unbuffered channel " + c.name(n.Chan)})
			}
		case *ast.UnaryExpr:
			if n.Op == token.ARROW && !full[c.object(n.X)] {
				out = append(out, c.receive(n, n.X))
			}
		case *ast.RangeStmt:
			if _, ok := c.pass.TypesInfo.TypeOf(n.X).Underlying().(*types.Chan); ok {
				out = append(out, c.receive(n.X, n.X))
			}
		case *ast.SelectStmt:
			hasDefault, ready := false, false
			// A select that only waits for channels fed by callbacks
			// deadlocks like a receive from one of them.
			allDeadlock := len(n.Body.List) > 0
			var sentTo []types.Object
			for _, cl := range n.Body.List {
				switch comm := cl.(*ast.CommClause).Comm.(type) {
				case nil:
					hasDefault = true
				case *ast.SendStmt:
					allDeadlock = false
					if ci := c.chans[c.object(comm.Chan)]; ci != nil && ci.buffered && !ci.unbuffered {
						sentTo = append(sentTo, c.object(comm.Chan))
					}
				default:
					ch := received(comm)
					if ch != nil && full[c.object(ch)] {
						ready = true
					}
					if ch == nil || c.receive(ch, ch).class != Deadlock {
						allDeadlock = false
					}
				}
			}
			if !hasDefault && !ready {
				o := op{n.Pos(), n.Pos() + token.Pos(len("select")), Freeze, "a select without default"}
				if allDeadlock {
					o.class = Deadlock
					o.chain += " (its channels are sent to only by callbacks or code that waits on JavaScript)"
				}
				out = append(out, o)
			}
			// The cases' own sends and receives are the select's: only
			// the bodies are looked into.
			for _, cl := range n.Body.List {
				cl := cl.(*ast.CommClause)
				if cl.Comm == nil {
					for _, obj := range sentTo {
						full[obj] = true
					}
				}
				for _, s := range cl.Body {
					ast.Inspect(s, visit)
				}
				if cl.Comm == nil {
					for _, obj := range sentTo {
						delete(full, obj)
					}
				}
			}
			return false
		}
		return true
	}
	ast.Inspect(body, visit)
	return out
}

// received is the channel a select case receives from.
func received(comm ast.Stmt) ast.Expr {
	var e ast.Expr
	switch s := comm.(type) {
	case *ast.ExprStmt:
		e = s.X
	case *ast.AssignStmt:
		e = s.Rhs[0]
	}
	if u, ok := ast.Unparen(e).(*ast.UnaryExpr); ok && u.Op == token.ARROW {
		return u.X
	}
	return nil
}

// awaited reports whether a send from self, a callback, meets a receiver
// that already waits: the function that made the callback receives from
// the channel, as code that awaits a promise does.
func (c *checker) awaited(ci *chanInfo, self any) bool {
	lit, ok := self.(*ast.FuncLit)
	if !ok || !c.cbLitSet[lit] {
		return false
	}
	for _, r := range ci.receivers {
		if r != nil && r == c.creator[lit] {
			return true
		}
	}
	return false
}

// receive judges a receive from ch: a deadlock when every sender runs in
// a callback or waits on JavaScript, else a freeze.
func (c *checker) receive(at ast.Node, ch ast.Expr) op {
	o := op{at.Pos(), at.End(), Freeze, "a receive from " + c.name(ch)}
	ci := c.chans[c.object(ch)]
	if ci == nil || len(ci.senders) == 0 {
		return o
	}
	for _, s := range ci.senders {
		if !c.isCallback(s.owner) && !(c.summary[s.owner] != nil && c.summary[s.owner].Class == Deadlock) {
			return o
		}
	}
	o.class = Deadlock
	o.chain += " (sent to only by callbacks or code that waits on JavaScript)"
	return o
}

func (c *checker) isCallback(owner any) bool {
	switch o := owner.(type) {
	case *ast.FuncLit:
		return c.cbLitSet[o]
	case *types.Func:
		return c.cbFuncSet[o]
	}
	return false
}

// call judges one call: the standard functions known to block, and
// functions (here or in other packages) and local closures known to.
func (c *checker) call(call *ast.CallExpr) (op, bool) {
	info := c.pass.TypesInfo
	fn := jsapi.Callee(info, call)
	at := func(class Class, chain string) (op, bool) {
		return op{call.Pos(), call.End(), class, chain}, true
	}
	switch {
	case jsapi.IsFunc(fn, "time", "Sleep"):
		return at(Freeze, "time.Sleep")
	case jsapi.IsMethod(fn, "sync", "WaitGroup", "Wait"):
		return at(Freeze, "sync.WaitGroup.Wait")
	case jsapi.IsMethod(fn, "sync", "Cond", "Wait"):
		return at(Freeze, "sync.Cond.Wait")
	case jsapi.IsFunc(fn, jsapi.Shim, "Await"):
		return at(Deadlock, "shim.Await (it fails at once in a callback)")
	}
	for _, name := range []string{"Get", "Head", "Post", "PostForm"} {
		if jsapi.IsFunc(fn, "net/http", name) || jsapi.IsMethod(fn, "net/http", "Client", name) {
			return at(Deadlock, "http."+name)
		}
	}
	if jsapi.IsMethod(fn, "net/http", "Client", "Do") || jsapi.IsMethod(fn, "net/http", "Transport", "RoundTrip") {
		return at(Deadlock, "http."+fn.Name())
	}
	var b *Blocks
	var name string
	if fn != nil {
		b, name = c.blocks(fn), jsapi.FuncName(c.pass.Pkg, fn)
	} else if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
		if v, ok := info.Uses[id].(*types.Var); ok && c.closures[v] != nil {
			b, name = c.summary[c.closures[v]], id.Name
		}
	}
	if b == nil {
		return op{}, false
	}
	return at(b.Class, name+" → "+b.Chain)
}

// blocks is what is known of fn: its summary if it is in this package,
// else the fact its package exported.
func (c *checker) blocks(fn *types.Func) *Blocks {
	if fn.Pkg() == c.pass.Pkg {
		return c.summary[fn]
	}
	if fn.Pkg() == nil {
		return nil
	}
	var b Blocks
	if c.pass.ImportObjectFact(fn, &b) {
		return &b
	}
	return nil
}

// name is how a channel expression reads in the source.
func (c *checker) name(e ast.Expr) string {
	return types.ExprString(e)
}
