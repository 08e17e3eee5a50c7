package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"
)

// Squirrel (github.com/Masterminds/squirrel) builds SQL from a chain of
// method calls:
//
//	sq.Select("id").From("orders").Where(sq.Eq{"tenant_id": t}).RunWith(db).Query()
//
// squirrelSites reads such a chain backwards from the call that runs or
// renders it (ToSql, MustSql, Exec, Query, QueryRow, Scan and their Context
// variants, and squirrel.ExecWith and its kin), rebuilds the SQL that
// squirrel would build, and hands it to the checker like any constant query:
// the scoping rules are the checker's, not repeated here. Placeholders are
// written as ?, which the checker numbers.
//
// A chain is followed through:
//
//   - its entry points: squirrel.Select, Insert, Replace, Update and Delete,
//     and squirrel.StatementBuilder and its methods;
//   - local variables of the same function, assigned in the statements that
//     run on every path to the use: `q := sq.Select(…); q = q.Where(…)`;
//   - package-level variables of the same package that are never assigned
//     after their declaration: `var psql = sq.StatementBuilder.PlaceholderFormat(sq.Dollar)`;
//   - calls of functions and methods, of any package, that return a builder
//     built from constants (the sqResult fact): `base().Where(…)`.
//
// Anything else makes the chain unknown, which is silent unless -strict
// (TV002): a builder that is a parameter, a field, the result of another
// function, or a local variable that escapes (passed to a function,
// returned, copied, assigned to a field or global, captured by a closure,
// its address taken); a table, column or option that is not a constant
// string; a method that is not modelled.
//
// For a local variable, only the assignments at the top level of the
// blocks that enclose the use, before it, count as running on every path
// (and the Init of an enclosing if, for or switch). An assignment nested in
// anything else (an if, a loop, a switch case, a bare block) or later in a
// loop around the use may or may not run. One that only narrows the query
// (q = q.Where(…), OrderBy, Limit and the like, see sqFilterMethods) is
// treated as absent, so a Where added inside an if does not scope the
// query. Any other (a join, a Set, a fresh builder) makes the chain unknown.
//
// Values become placeholders. A slice or array in an Eq or NotEq becomes a
// list: as many placeholders as a literal or array has, else two, so that
// tenant_id IN (…) of a slice does not scope. A run-time sort column in
// OrderBy stands in as a constant. Arguments of a string predicate are
// single values, as squirrel binds them; a Sqlizer among them is expanded
// in place, as squirrel.Expr does.
func squirrelSites(pass *analysis.Pass, insp *inspector.Inspector) []site {
	if sqIsPkg(pass.Pkg) {
		return nil
	}
	ev := exportSQResults(pass, insp)
	var sites []site
	for n := range insp.PreorderSeq((*ast.CallExpr)(nil)) {
		call := n.(*ast.CallExpr)
		fn, _ := typeutil.Callee(pass.TypesInfo, call).(*types.Func)
		if fn == nil || !sqIsPkg(fn.Pkg()) {
			continue
		}
		stmt := sqTerminal(pass.TypesInfo, fn, call)
		if stmt == nil {
			continue
		}
		if ev == nil {
			ev = newSQEval(pass)
		}
		st := site{call: call, arg: call, callee: calleeName(fn)}
		st.sql, st.known = ev.statement(stmt)
		sites = append(sites, st)
	}
	return sites
}

// sqPaths are the import paths under which squirrel is published.
var sqPaths = map[string]bool{
	"github.com/Masterminds/squirrel":  true,
	"gopkg.in/Masterminds/squirrel.v1": true,
}

func sqIsPkg(p *types.Package) bool { return p != nil && sqPaths[p.Path()] }

// sqBuilders are the builder types that make one statement.
var sqBuilders = map[string]bool{
	"SelectBuilder": true, "InsertBuilder": true, "UpdateBuilder": true, "DeleteBuilder": true,
}

// sqTerminals are the builder methods that render or run the statement.
var sqTerminals = map[string]bool{
	"ToSql": true, "MustSql": true, "Exec": true, "Query": true, "QueryRow": true, "Scan": true,
	"ExecContext": true, "QueryContext": true, "QueryRowContext": true, "ScanContext": true,
}

// sqRunners are squirrel's functions that run the Sqlizer in their last
// parameter.
var sqRunners = map[string]bool{
	"ExecWith": true, "QueryWith": true, "QueryRowWith": true,
	"ExecContextWith": true, "QueryContextWith": true, "QueryRowContextWith": true,
}

// sqTerminal returns the expression of the statement that call renders or
// runs, or nil when call is no such call.
func sqTerminal(info *types.Info, fn *types.Func, call *ast.CallExpr) ast.Expr {
	recv := recvType(fn.Signature())
	if recv == nil {
		if sqRunners[fn.Name()] && len(call.Args) > 0 && !call.Ellipsis.IsValid() {
			return call.Args[len(call.Args)-1]
		}
		return nil
	}
	if !sqBuilders[recv.Name()] || !sqTerminals[fn.Name()] {
		return nil
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || info.Selections[sel] == nil || info.Selections[sel].Kind() != types.MethodVal {
		return nil
	}
	return sel.X
}

// sqEval rebuilds squirrel chains of one package.
type sqEval struct {
	pass    *analysis.Pass
	info    *types.Info
	files   map[*token.File]*ast.File
	locals  map[*types.Var]*sqLocal
	globals map[*types.Var]ast.Expr       // initialisers of package variables never assigned again
	bases   map[*types.Func]*ast.FuncDecl // functions of the shape that sqResult needs
	results map[*types.Func]*sqStmt       // what they return; nil when unknown
	depth   int
}

func newSQEval(pass *analysis.Pass) *sqEval {
	ev := &sqEval{pass: pass, info: pass.TypesInfo, files: map[*token.File]*ast.File{}, locals: map[*types.Var]*sqLocal{},
		bases: map[*types.Func]*ast.FuncDecl{}, results: map[*types.Func]*sqStmt{}}
	for _, f := range pass.Files {
		ev.files[pass.Fset.File(f.Pos())] = f
	}
	return ev
}

// sqMaxDepth bounds the recursion through variables and nested builders.
const sqMaxDepth = 100

func (ev *sqEval) enter() bool {
	ev.depth++
	return ev.depth <= sqMaxDepth
}

func (ev *sqEval) leave() { ev.depth-- }

// statement renders e, the Sqlizer that a terminal call runs.
func (ev *sqEval) statement(e ast.Expr) (string, bool) {
	return ev.sqlizer(e)
}

// builder evaluates e, an expression of a squirrel builder type.
func (ev *sqEval) builder(e ast.Expr) (sqStmt, bool) {
	if !ev.enter() {
		ev.leave()
		return sqStmt{}, false
	}
	defer ev.leave()
	switch e := ast.Unparen(e).(type) {
	case *ast.CallExpr:
		fn, _ := typeutil.Callee(ev.info, e).(*types.Func)
		if fn == nil {
			return sqStmt{}, false
		}
		if !sqIsPkg(fn.Pkg()) {
			return ev.result(fn)
		}
		recv := recvType(fn.Signature())
		if recv == nil {
			switch fn.Name() {
			case "Select", "Insert", "Replace", "Update", "Delete":
				return ev.apply(sqStmt{}, "StatementBuilderType", fn.Name(), e)
			}
			return sqStmt{}, false
		}
		sel, ok := ast.Unparen(e.Fun).(*ast.SelectorExpr)
		if !ok || ev.info.Selections[sel] == nil || ev.info.Selections[sel].Kind() != types.MethodVal {
			return sqStmt{}, false
		}
		s, ok := ev.builder(sel.X)
		if !ok {
			return sqStmt{}, false
		}
		return ev.apply(s, recv.Name(), fn.Name(), e)
	case *ast.SelectorExpr:
		if sqIsStatementBuilder(ev.info.Uses[e.Sel]) {
			return sqStmt{}, true
		}
	case *ast.Ident:
		if sqIsStatementBuilder(ev.info.Uses[e]) {
			return sqStmt{}, true
		}
		if rhs, ok := ev.resolve(e); ok {
			return ev.builder(rhs)
		}
	}
	return sqStmt{}, false
}

func sqIsStatementBuilder(obj types.Object) bool {
	v, ok := obj.(*types.Var)
	return ok && !v.IsField() && sqIsPkg(v.Pkg()) && v.Name() == "StatementBuilder"
}
