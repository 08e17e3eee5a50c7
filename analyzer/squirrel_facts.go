package analyzer

import (
	"fmt"
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
)

// sqResult is the fact that a function returns the same squirrel builder
// on every call, built from constants, as
//
//	func base() sq.SelectBuilder { return psql.Select("id", "title").From("tickets t") }
//
// does. A chain that starts with a call of it, in any package, starts from
// Stmt. The function's body must be a single return of a chain that
// tenantvet rebuilds, in which none of its parameters, nor its receiver,
// appears: anything the caller passes could change the builder, so even a
// value bound to a placeholder rules the function out. A generic function
// gets no fact either, since a type argument may change how a value
// renders, as a slice renders as a list.
type sqResult struct{ Stmt sqStmt }

func (*sqResult) AFact() {}

func (r *sqResult) String() string {
	if sql, ok := r.Stmt.render(); ok {
		return fmt.Sprintf("sqResult(%q)", sql)
	}
	kind := r.Stmt.Kind
	if kind == "" {
		kind = "statement builder"
	}
	return "sqResult(unfinished " + kind + ")"
}

// exportSQResults exports the facts of the package's functions and methods
// that return a builder built from constants. It returns the evaluator
// that holds them, or nil when the package has none.
func exportSQResults(pass *analysis.Pass, insp *inspector.Inspector) *sqEval {
	var ev *sqEval
	for n := range insp.PreorderSeq((*ast.FuncDecl)(nil)) {
		d := n.(*ast.FuncDecl)
		if fn, _ := pass.TypesInfo.Defs[d.Name].(*types.Func); fn != nil && sqReturnsBuilder(d, fn) {
			if ev == nil {
				ev = newSQEval(pass)
			}
			ev.bases[fn] = d
		}
	}
	if ev == nil {
		return nil
	}
	// The bases may call one another in any order, so they are all known
	// before the first is evaluated.
	for fn := range ev.bases {
		if s, ok := ev.result(fn); ok {
			pass.ExportObjectFact(fn, &sqResult{Stmt: s})
		}
	}
	return ev
}

// sqReturnsBuilder reports whether d has the shape of a function that may
// get the fact: a body of one return of one squirrel builder, and no type
// parameters. This spares most functions an evaluation.
func sqReturnsBuilder(d *ast.FuncDecl, fn *types.Func) bool {
	sig := fn.Signature()
	if d.Body == nil || len(d.Body.List) != 1 || sig.Results().Len() != 1 ||
		sig.TypeParams().Len() > 0 || sig.RecvTypeParams().Len() > 0 {
		return false
	}
	if ret, ok := d.Body.List[0].(*ast.ReturnStmt); !ok || len(ret.Results) != 1 {
		return false
	}
	name := sqNamed(sig.Results().At(0).Type())
	return sqBuilders[name] || name == "StatementBuilderType"
}

// result returns the builder that fn returns on every call: from its fact,
// or from its body when fn is of this package.
func (ev *sqEval) result(fn *types.Func) (sqStmt, bool) {
	if fn.Pkg() != ev.pass.Pkg {
		var f sqResult
		ok := ev.pass.ImportObjectFact(fn, &f)
		return f.Stmt, ok
	}
	r, done := ev.results[fn]
	if !done {
		ev.results[fn] = nil // in a cycle of such functions, none returns a known builder
		r = ev.returned(fn)
		ev.results[fn] = r
	}
	if r == nil {
		return sqStmt{}, false
	}
	return *r, true
}

// returned evaluates the chain that base function fn returns, or returns
// nil when fn is no base function or the chain uses what its caller
// passes.
func (ev *sqEval) returned(fn *types.Func) *sqStmt {
	d := ev.bases[fn]
	if d == nil {
		return nil
	}
	chain := d.Body.List[0].(*ast.ReturnStmt).Results[0]
	passed := false
	ast.Inspect(chain, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			// The receiver, the parameters and the named results are
			// declared between the func keyword and the body.
			v, _ := ev.info.Uses[id].(*types.Var)
			passed = passed || v != nil && v.Pos() >= d.Pos() && v.Pos() < d.Body.Pos()
		}
		return !passed
	})
	if passed {
		return nil
	}
	s, ok := ev.builder(chain)
	if !ok {
		return nil
	}
	return &s
}
