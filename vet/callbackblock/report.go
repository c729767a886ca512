package callbackblock

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"

	"github.com/buildwasm/buildwasm/vet/internal/jsapi"
)

// report reports every blocking operation of every callback literal, and
// callbacks given by name whose function blocks.
func (c *checker) report() {
	for _, lit := range c.cbLits {
		fix := c.goroutineFix(lit)
		for _, o := range c.ops(lit.Body, lit) {
			d := analysis.Diagnostic{Pos: o.pos, End: o.end, Message: o.message()}
			if fix != nil {
				// One fix per callback: the edits of several would collide.
				d.SuggestedFixes = []analysis.SuggestedFix{*fix}
				fix = nil
			}
			c.pass.Report(d)
		}
	}
	for _, e := range c.cbNamed {
		fn := jsapi.FuncObj(c.pass.TypesInfo, e)
		if b := c.blocks(fn); b != nil {
			o := op{e.Pos(), e.End(), b.Class, jsapi.FuncName(c.pass.Pkg, fn) + " → " + b.Chain}
			c.pass.Report(analysis.Diagnostic{Pos: o.pos, End: o.end, Message: o.message()})
		}
	}
}

// goroutineFix wraps the body of a callback literal in a goroutine and
// returns nil at once, when that keeps its meaning: every return of the
// literal is "return nil", so JavaScript got undefined anyway.
func (c *checker) goroutineFix(lit *ast.FuncLit) *analysis.SuggestedFix {
	body := lit.Body
	if len(body.List) == 0 {
		return nil
	}
	var returns []*ast.ReturnStmt
	safe := true
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			if len(n.Results) != 1 || !c.isNil(n.Results[0]) {
				safe = false
			}
			returns = append(returns, n)
		}
		return true
	})
	if !safe {
		return nil
	}
	// The literal ends in its last return (a callback returns a value):
	// that one becomes the return after the goroutine, the others plain
	// returns out of the goroutine.
	last, ok := body.List[len(body.List)-1].(*ast.ReturnStmt)
	if !ok {
		return nil
	}
	edits := []analysis.TextEdit{{Pos: body.Lbrace + 1, End: body.Lbrace + 1, NewText: []byte("\n\tgo func() {")}}
	for _, r := range returns {
		text := "return"
		if r == last {
			text = "}()\n\treturn nil"
		}
		edits = append(edits, analysis.TextEdit{Pos: r.Pos(), End: r.End(), NewText: []byte(text)})
	}
	return &analysis.SuggestedFix{Message: "Run the callback's body in a goroutine", TextEdits: edits}
}

func (c *checker) isNil(e ast.Expr) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return false
	}
	_, isNil := c.pass.TypesInfo.Uses[id].(*types.Nil)
	return isNil
}
