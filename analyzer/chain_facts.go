package analyzer

import (
	"fmt"
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"
)

// chainResult is the fact that a function returns the same builder on
// every call, built from constants, as
//
//	func base() sq.SelectBuilder { return psql.Select("id", "title").From("tickets t") }
//
// does, or the builder passed to it extended by the same clauses, as
//
//	func forTenant(db *gorm.DB, t string) *gorm.DB { return db.Where("tenant_id = ?", t) }
//
// does (Root is then that parameter's index; otherwise it is -1). A chain
// that starts with a call of it, in any package, starts from Stmt, or from
// the argument's chain extended by Stmt. Scope marks a function that
// returns a function of this second kind, as gorm's Scopes take:
//
//	func Tenant(t string) func(*gorm.DB) *gorm.DB {
//		return func(db *gorm.DB) *gorm.DB { return db.Where("tenant_id = ?", t) }
//	}
//
// The function's body must be a single return of a chain that tenantvet
// rebuilds. Its other parameters may only appear as values, which become
// placeholders whatever the caller passes. A generic function gets no fact,
// since a type argument may change how a value renders, as a slice renders
// as a list.
type chainResult struct {
	Lib   string // the library's id
	Stmt  chainStmt
	Root  int
	Scope bool
	// Varies marks a function that returns a handle with clauses on some
	// path (see exportVaries): a chain that starts from it is unknown,
	// where one from any other call starts from a bare handle.
	Varies bool
}

func (*chainResult) AFact() {}

func (r *chainResult) String() string {
	if r.Varies {
		return r.Lib + "Varies"
	}
	name := r.Lib + "Result"
	switch {
	case r.Scope:
		name = r.Lib + "Scope"
	case r.Root >= 0:
		name = fmt.Sprintf("%sExtends(%d, ", r.Lib, r.Root)
	}
	if r.Root < 0 || r.Scope {
		name += "("
	}
	if sql, ok := r.Stmt.render(); ok {
		return fmt.Sprintf("%s%q)", name, sql)
	}
	kind := r.Stmt.Kind
	if kind == "" {
		kind = "statement builder"
	}
	return name + "unfinished " + kind + ")"
}

// exportResults exports the facts of the package's functions and methods
// that return a builder built from constants or from the one passed to
// them.
func (cs *chains) exportResults(insp *inspector.Inspector) {
	var found []*chainEval
	for n := range insp.PreorderSeq((*ast.FuncDecl)(nil)) {
		d := n.(*ast.FuncDecl)
		fn, _ := cs.pass.TypesInfo.Defs[d.Name].(*types.Func)
		if fn == nil {
			continue
		}
		t := singleReturn(d, fn)
		if ev := cs.eval(namedPkg(t)); ev != nil && ev.lib.isBuilder(t) {
			if len(ev.bases) == 0 {
				found = append(found, ev)
			}
			ev.bases[fn] = d
		}
	}
	// The bases may call one another in any order, so they are all known
	// before the first is evaluated.
	for _, ev := range found {
		for fn := range ev.bases {
			if r := ev.result(fn); r != nil {
				cs.pass.ExportObjectFact(fn, r)
			}
		}
	}
	cs.exportVaries(insp)
}

// exportVaries marks the functions that return a handle of a library whose
// handles may carry clauses (gorm's *gorm.DB) with clauses on some path, as
//
//	func (r *Repo) db(ctx context.Context) *gorm.DB {
//		if t, ok := tenant(ctx); ok {
//			return r.conn.Where("tenant_id = ?", t)
//		}
//		return r.conn
//	}
//
// does. A call of any other function that returns such a handle is taken
// as a bare one, as a parameter or a field is.
func (cs *chains) exportVaries(insp *inspector.Inspector) {
	for n := range insp.PreorderSeq((*ast.FuncDecl)(nil)) {
		d := n.(*ast.FuncDecl)
		fn, _ := cs.pass.TypesInfo.Defs[d.Name].(*types.Func)
		if fn == nil || d.Body == nil || fn.Signature().Results().Len() != 1 {
			continue
		}
		t := fn.Signature().Results().At(0).Type()
		ev := cs.eval(namedPkg(t))
		if ev == nil {
			continue
		}
		if h, stateless := ev.lib.handle(t); !h || stateless || ev.bases[fn] != nil && ev.result(fn) != nil {
			continue
		}
		if ev.returnsClauses(d) {
			if ev.varies == nil {
				ev.varies = map[*types.Func]bool{}
			}
			ev.varies[fn] = true
			cs.pass.ExportObjectFact(fn, &chainResult{Lib: ev.id, Root: -1, Varies: true})
		}
	}
}

// returnsClauses reports whether a return of d's body, outside function
// literals, gives a handle with clauses, or one this cannot tell: a chain
// of the library's methods other than those that keep the handle bare.
func (ev *chainEval) returnsClauses(d *ast.FuncDecl) bool {
	found := false
	ast.Inspect(d.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			if len(n.Results) == 1 {
				found = found || ev.clauses(n.Results[0])
			}
		}
		return !found
	})
	return found
}

// clauses reports whether e is a chain of the library's methods that may
// add a clause.
func (ev *chainEval) clauses(e ast.Expr) bool {
	for range chainMaxDepth {
		call, ok := ast.Unparen(e).(*ast.CallExpr)
		if !ok {
			return false
		}
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		fn, _ := typeutil.Callee(ev.info, call).(*types.Func)
		if !ok || fn == nil || !ev.owns(fn.Pkg()) {
			return false
		}
		if !ev.lib.bare(fn.Name()) {
			return true
		}
		e = sel.X
	}
	return true
}

// singleReturn returns the type that d returns, or that the function d
// returns returns (a scope), when d has the shape of a function that may
// get the fact: a body of one return of one value, and no type parameters.
// This spares most functions an evaluation.
func singleReturn(d *ast.FuncDecl, fn *types.Func) types.Type {
	sig := fn.Signature()
	if d.Body == nil || len(d.Body.List) != 1 || sig.Results().Len() != 1 ||
		sig.TypeParams().Len() > 0 || sig.RecvTypeParams().Len() > 0 {
		return nil
	}
	if ret, ok := d.Body.List[0].(*ast.ReturnStmt); !ok || len(ret.Results) != 1 {
		return nil
	}
	t := sig.Results().At(0).Type()
	if f, ok := t.Underlying().(*types.Signature); ok && f.Results().Len() == 1 {
		return f.Results().At(0).Type()
	}
	return t
}

// namedPkg is the package of the named type that t is or points to.
func namedPkg(t types.Type) *types.Package {
	if t == nil {
		return nil
	}
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	if n, ok := types.Unalias(t).(*types.Named); ok {
		return n.Obj().Pkg()
	}
	return nil
}

// called returns the builder that call, a call of fn, returns: from fn's
// fact, or from its body when fn is of this package. It reports false
// when fn has no fact, and known false when the fact says the builder is
// unknown.
func (ev *chainEval) called(fn *types.Func, call *ast.CallExpr) (s chainStmt, ok, known bool) {
	r := ev.resultOf(fn)
	if r == nil || r.Scope {
		return chainStmt{}, false, true
	}
	if r.Varies {
		return chainStmt{}, true, false
	}
	s, known = ev.extended(r, call)
	return s, true, known
}

// extended returns the builder of r for call: its statement, or the one
// call passes extended by it.
func (ev *chainEval) extended(r *chainResult, call *ast.CallExpr) (chainStmt, bool) {
	if r.Root < 0 {
		return r.Stmt, true
	}
	if r.Root >= len(call.Args) || call.Ellipsis.IsValid() {
		return chainStmt{}, false
	}
	base, ok := ev.builder(call.Args[r.Root])
	return base.extend(r.Stmt), ok
}

// resultOf returns fn's fact, or its result when fn is of this package.
func (ev *chainEval) resultOf(fn *types.Func) *chainResult {
	if ev.varies[fn] {
		return &chainResult{Lib: ev.id, Root: -1, Varies: true}
	}
	if fn.Pkg() != ev.pass.Pkg {
		var f chainResult
		if !ev.pass.ImportObjectFact(fn, &f) || f.Lib != ev.id {
			return nil
		}
		return &f
	}
	return ev.result(fn)
}

// result returns what base function fn of this package returns, or nil.
func (ev *chainEval) result(fn *types.Func) *chainResult {
	r, done := ev.results[fn]
	if !done {
		ev.results[fn] = nil // in a cycle of such functions, none returns a known builder
		r = ev.returned(fn)
		ev.results[fn] = r
	}
	return r
}

// returned evaluates the chain that base function fn returns, or returns
// nil when fn is no base function or the chain depends on what its caller
// passes other than as values and the one builder it extends.
func (ev *chainEval) returned(fn *types.Func) *chainResult {
	d := ev.bases[fn]
	if d == nil {
		return nil
	}
	result := d.Body.List[0].(*ast.ReturnStmt).Results[0]
	sig := fn.Signature()
	if _, isFunc := sig.Results().At(0).Type().Underlying().(*types.Signature); isFunc {
		lit, ok := ast.Unparen(result).(*ast.FuncLit)
		if !ok {
			return nil
		}
		s, ok := ev.scopeLit(lit)
		if !ok {
			return nil
		}
		return &chainResult{Lib: ev.id, Stmt: s, Root: -1, Scope: true}
	}
	if ev.lib.constantsOnly() && usesParams(ev.info, d, result) {
		return nil
	}
	params := map[*types.Var]int{}
	for i := range sig.Params().Len() {
		params[sig.Params().At(i)] = i
	}
	s, root, ok := ev.rooted(result, params)
	if !ok {
		return nil
	}
	r := &chainResult{Lib: ev.id, Stmt: s, Root: -1}
	if root != nil {
		r.Root = params[root]
	}
	return r
}

// rooted evaluates e, where the parameters in params come from a caller:
// at most one of them may start the chain, and the statement is then what
// the chain adds to it.
func (ev *chainEval) rooted(e ast.Expr, params map[*types.Var]int) (chainStmt, *types.Var, bool) {
	saved, savedRoot := ev.params, ev.root
	ev.params, ev.root = params, nil
	defer func() { ev.params, ev.root = saved, savedRoot }()
	s, ok := ev.builder(e)
	return s, ev.root, ok
}

// scopeLit evaluates a function literal of one builder parameter whose
// body is a single return of a chain that starts from it, and returns what
// the chain adds.
func (ev *chainEval) scopeLit(lit *ast.FuncLit) (chainStmt, bool) {
	sig, _ := ev.info.TypeOf(lit).(*types.Signature)
	if sig == nil || sig.Params().Len() != 1 || len(lit.Body.List) != 1 {
		return chainStmt{}, false
	}
	ret, ok := lit.Body.List[0].(*ast.ReturnStmt)
	if !ok || len(ret.Results) != 1 {
		return chainStmt{}, false
	}
	s, root, ok := ev.rooted(ret.Results[0], map[*types.Var]int{sig.Params().At(0): 0})
	return s, ok && root != nil
}

// scope returns what e, a function value that a library applies to a
// builder (gorm's Scopes, bun's Apply, pop's Scope), adds to it: a function
// literal, a function with a chainResult fact that extends its first
// parameter, or a call of a function whose fact says it returns a scope.
func (ev *chainEval) scope(e ast.Expr) (chainStmt, bool) {
	switch e := ast.Unparen(e).(type) {
	case *ast.FuncLit:
		return ev.scopeLit(e)
	case *ast.Ident, *ast.SelectorExpr:
		var id *ast.Ident
		if sel, ok := e.(*ast.SelectorExpr); ok {
			id = sel.Sel
		} else {
			id = e.(*ast.Ident)
		}
		switch obj := ev.info.Uses[id].(type) {
		case *types.Func:
			if r := ev.resultOf(obj); r != nil && r.Root == 0 && !r.Scope {
				return r.Stmt, true
			}
		case *types.Var:
			if rhs, ok := ev.resolve(id); ok {
				return ev.scope(rhs)
			}
		}
	case *ast.CallExpr:
		if fn, ok := ev.info.Uses[calleeIdent(e)].(*types.Func); ok {
			if r := ev.resultOf(fn); r != nil && r.Scope {
				return r.Stmt, true
			}
		}
	}
	return chainStmt{}, false
}

// calleeIdent is the name a call calls: f in f(…) and x.f(…).
func calleeIdent(call *ast.CallExpr) *ast.Ident {
	switch f := ast.Unparen(call.Fun).(type) {
	case *ast.Ident:
		return f
	case *ast.SelectorExpr:
		return f.Sel
	}
	return nil
}

// usesParams reports whether e, in d's body, uses d's receiver, parameters
// or named results, which are declared between the func keyword and the
// body.
func usesParams(info *types.Info, d *ast.FuncDecl, e ast.Expr) bool {
	passed := false
	ast.Inspect(e, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			v, _ := info.Uses[id].(*types.Var)
			passed = passed || v != nil && v.Pos() >= d.Pos() && v.Pos() < d.Body.Pos()
		}
		return !passed
	})
	return passed
}
