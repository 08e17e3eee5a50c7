package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/types/typeutil"
)

// This file follows builders and literals through variables: locals
// assigned on every path to their use, and package variables never assigned
// again.

// resolve returns the expression that variable id holds where it is used,
// or false when that cannot be told.
func (ev *chainEval) resolve(id *ast.Ident) (ast.Expr, bool) {
	v, ok := ev.info.Uses[id].(*types.Var)
	if !ok || v.IsField() || v.Pkg() != ev.pass.Pkg {
		return nil, false
	}
	if v.Parent() == v.Pkg().Scope() {
		return ev.global(v)
	}
	return ev.local(id, v)
}

// global returns the initialiser of package variable v, if the package
// never assigns v or takes its address.
func (ev *chainEval) global(v *types.Var) (ast.Expr, bool) {
	if ev.globals == nil {
		ev.globals = map[*types.Var]ast.Expr{}
		for _, f := range ev.pass.Files {
			for _, d := range f.Decls {
				gd, ok := d.(*ast.GenDecl)
				if !ok || gd.Tok != token.VAR {
					continue
				}
				for _, spec := range gd.Specs {
					vs := spec.(*ast.ValueSpec)
					if len(vs.Values) != len(vs.Names) {
						continue
					}
					for i, name := range vs.Names {
						if gv, ok := ev.info.Defs[name].(*types.Var); ok {
							ev.globals[gv] = vs.Values[i]
						}
					}
				}
			}
		}
		for _, f := range ev.pass.Files {
			walkIdents(f, func(id *ast.Ident, stack []ast.Node) {
				gv, ok := ev.info.Uses[id].(*types.Var)
				if !ok || ev.globals[gv] == nil {
					return
				}
				switch p := stack[len(stack)-2].(type) {
				case *ast.AssignStmt:
					if slices.Contains(p.Lhs, ast.Expr(id)) {
						ev.globals[gv] = nil
					}
				case *ast.UnaryExpr:
					if p.Op == token.AND {
						ev.globals[gv] = nil
					}
				case *ast.RangeStmt, *ast.IncDecStmt:
					ev.globals[gv] = nil
				}
			})
		}
	}
	e := ev.globals[v]
	return e, e != nil
}

// walkIdents calls fn for every identifier under root, with the path to it.
func walkIdents(root ast.Node, fn func(id *ast.Ident, stack []ast.Node)) {
	var stack []ast.Node
	ast.Inspect(root, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		stack = append(stack, n)
		if id, ok := n.(*ast.Ident); ok {
			fn(id, stack)
		}
		return true
	})
}

// chainLocal is what one scan of a function tells about a local variable.
type chainLocal struct {
	escapes bool
	assigns map[ast.Stmt]ast.Expr // statements that assign it, with the value (nil: unknown)
	changes []chainChange
}

// local returns the value that local variable v holds at its use id: the
// value of the last assignment before id on the path of statements that
// runs every time id does. See chainSites for the rules. A call that may
// not run but only narrows the query (builderLib.narrows) is treated as
// absent: the query is checked as if it never ran, which can only add
// findings.
func (ev *chainEval) local(id *ast.Ident, v *types.Var) (ast.Expr, bool) {
	file := ev.files[ev.pass.Fset.File(id.Pos())]
	if file == nil {
		return nil, false
	}
	path, _ := astutil.PathEnclosingInterval(file, id.Pos(), id.End())
	var body *ast.BlockStmt
	for _, n := range path {
		switch n := n.(type) {
		case *ast.FuncLit:
			body = n.Body
		case *ast.FuncDecl:
			body = n.Body
		default:
			continue
		}
		break
	}
	// A parameter, or a variable of an enclosing function that a closure
	// captures, is declared outside body.
	if body == nil || v.Pos() < body.Pos() || v.Pos() >= body.End() {
		return nil, false
	}
	l := ev.scanLocal(v, body)
	if l.escapes {
		return nil, false
	}
	// A chain that changes the builder in place and is not assigned back
	// to it changes what the later uses read, and only assignments are
	// followed: q.WhereOr(…) in `n, err := q.WhereOr(…).Count(ctx)` or
	// `_ = q.WhereOr(…)` widens a later q.Scan(ctx).
	for _, c := range l.changes {
		if id.Pos() >= c.from && (id.Pos() < c.chain.Pos() || id.Pos() >= c.chain.End()) {
			return nil, false
		}
	}

	// The assignment that reaches id: walk out from id through the
	// statement lists that enclose it, looking back in each.
	var last ast.Stmt
	var loops []ast.Node // loops around id, innermost first
walk:
	for i := 0; i+1 < len(path) && path[i] != body; i++ {
		child, parent := path[i], path[i+1]
		var before []ast.Stmt // the statements of parent that run before child, in order
		switch p := parent.(type) {
		case *ast.BlockStmt:
			before = stmtsBefore(p.List, child)
		case *ast.CaseClause:
			before = stmtsBefore(p.Body, child)
		case *ast.CommClause:
			before = stmtsBefore(p.Body, child)
		case *ast.ForStmt:
			loops = append(loops, p)
			before = initBefore(p.Init, child)
		case *ast.RangeStmt:
			loops = append(loops, p)
		case *ast.IfStmt:
			before = initBefore(p.Init, child)
		case *ast.SwitchStmt:
			before = initBefore(p.Init, child)
		case *ast.TypeSwitchStmt:
			before = initBefore(p.Init, child)
		}
		for j := len(before) - 1; j >= 0; j-- {
			if _, ok := l.assigns[before[j]]; ok {
				last = before[j]
				break walk
			}
		}
	}
	if last == nil || l.assigns[last] == nil {
		return nil, false
	}

	// Every other assignment that may run between last and id, including
	// those later in a loop that encloses id but not last, must only narrow
	// the query.
	end := id.Pos()
	for _, loop := range loops {
		if loop.Pos() > last.End() || forInit(loop) == last {
			end = max(end, loop.End())
		}
	}
	for s, rhs := range l.assigns {
		if s == last || s.Pos() < last.End() || s.Pos() >= end {
			continue
		}
		if s.End() > id.Pos() && end == id.Pos() {
			continue // the assignment that id's value is computed for
		}
		if !ev.filterOf(rhs, v) {
			return nil, false
		}
	}
	return l.assigns[last], true
}

// stmtsBefore returns the statements of list before child.
func stmtsBefore(list []ast.Stmt, child ast.Node) []ast.Stmt {
	k := slices.IndexFunc(list, func(s ast.Stmt) bool { return s == child })
	return list[:max(k, 0)]
}

// initBefore returns the Init statement of an if, for or switch, which runs
// before child unless it is child.
func initBefore(init ast.Stmt, child ast.Node) []ast.Stmt {
	if init == nil || init == child {
		return nil
	}
	return []ast.Stmt{init}
}

func forInit(n ast.Node) ast.Stmt {
	if f, ok := n.(*ast.ForStmt); ok {
		return f.Init
	}
	return nil
}

// filterOf reports whether e is v extended by filter methods only:
// v.Where(…).OrderBy(…).
func (ev *chainEval) filterOf(e ast.Expr, v *types.Var) bool {
	for range chainMaxDepth {
		switch x := ast.Unparen(e).(type) {
		case *ast.Ident:
			return ev.info.Uses[x] == v
		case *ast.CallExpr:
			sel, ok := ast.Unparen(x.Fun).(*ast.SelectorExpr)
			if !ok || !ev.lib.narrows(sel.Sel.Name) || ev.info.Selections[sel] == nil ||
				ev.info.Selections[sel].Kind() != types.MethodVal || ev.named(ev.info.TypeOf(sel.X)) == "" {
				return false
			}
			e = sel.X
		default:
			return false
		}
	}
	return false
}

// scanLocal finds the assignments of v in body, and whether v escapes:
// whether any use of v is other than an assignment to it, the receiver of
// a method call, an argument to a function of the library that only reads
// it, or an element of a composite literal of the library's (squirrel's And
// or Or).
func (ev *chainEval) scanLocal(v *types.Var, body *ast.BlockStmt) *chainLocal {
	if l := ev.locals[v]; l != nil {
		return l
	}
	l := &chainLocal{assigns: map[ast.Stmt]ast.Expr{}}
	ev.locals[v] = l
	walkIdents(body, func(id *ast.Ident, stack []ast.Node) {
		if ev.info.Uses[id] != v && ev.info.Defs[id] != v {
			return
		}
		for _, n := range stack[1:] {
			if _, ok := n.(*ast.FuncLit); ok {
				l.escapes = true // captured by a closure
				return
			}
		}
		parent := stack[len(stack)-2]
		switch p := parent.(type) {
		case *ast.AssignStmt:
			i := slices.Index(p.Lhs, ast.Expr(id))
			if i < 0 || p.Tok != token.ASSIGN && p.Tok != token.DEFINE {
				l.escapes = true // copied into another variable
				return
			}
			l.assigns[p] = valueAt(p.Rhs, len(p.Lhs), i)
			return
		case *ast.ValueSpec:
			i := slices.Index(p.Names, id)
			decl, ok := stack[len(stack)-4].(*ast.DeclStmt)
			if i < 0 || !ok {
				l.escapes = true
				return
			}
			l.assigns[decl] = valueAt(p.Values, len(p.Names), i)
			return
		case *ast.RangeStmt:
			if p.Key == id || p.Value == id {
				l.assigns[p] = nil
				return
			}
		case *ast.SelectorExpr:
			call, ok := stack[len(stack)-3].(*ast.CallExpr)
			if p.X == id && ok && ast.Unparen(call.Fun) == p && ev.info.Selections[p] != nil &&
				ev.info.Selections[p].Kind() == types.MethodVal {
				// A builder that changes in place changes under a call
				// whose result is dropped, wherever it runs.
				if _, dropped := stack[len(stack)-4].(*ast.ExprStmt); dropped && ev.lib.inPlace(p.Sel.Name) {
					l.escapes = true
				}
				if c, ok := ev.changeOf(v, stack); ok {
					l.changes = append(l.changes, c)
				}
				return // a method call
			}
		case *ast.CallExpr:
			// Squirrel's builders are values that its functions and
			// methods never change: an argument to them is read, as a
			// subquery, an expression's argument or the statement that
			// squirrel.ExecWith runs. Other libraries say which of theirs
			// only read.
			fn, _ := typeutil.Callee(ev.info, p).(*types.Func)
			if fn != nil && ev.owns(fn.Pkg()) && ev.lib.reads(fn) && slices.Contains(p.Args, ast.Expr(id)) {
				return
			}
		case *ast.CompositeLit:
			if ev.named(ev.info.TypeOf(p)) != "" {
				return // an element of squirrel.And or Or
			}
		}
		l.escapes = true
	})
	return l
}

// chainChange is a chain on a local builder, not assigned back to it, that
// changes the builder in place: the uses from from on, other than in the
// chain itself, read the change.
type chainChange struct {
	chain ast.Node
	from  token.Pos
}

// changeOf returns the chain that starts with the method call on v at the
// end of stack, when one of its calls, of a library whose builders change
// in place, returns a builder and does more than narrow the query or keep
// the handle bare (a call that only narrows may be taken as absent, as in
// local). The chain's
// later uses are those after it, or, in a loop that v is declared outside
// of, anywhere in the loop.
func (ev *chainEval) changeOf(v *types.Var, stack []ast.Node) (chainChange, bool) {
	changes := false
	k := len(stack) - 3 // the call of the method on v
	for {
		call := stack[k].(*ast.CallExpr)
		name := ast.Unparen(call.Fun).(*ast.SelectorExpr).Sel.Name
		changes = changes || ev.lib.inPlace(name) && !ev.lib.narrows(name) && !ev.lib.bare(name) && ev.named(ev.info.TypeOf(call)) != ""
		if k < 2 {
			break
		}
		sel, ok := stack[k-1].(*ast.SelectorExpr)
		if next, isCall := stack[k-2].(*ast.CallExpr); !ok || !isCall || sel.X != call || ast.Unparen(next.Fun) != sel {
			break
		}
		k -= 2
	}
	top := stack[k]
	if !changes {
		return chainChange{}, false
	}
	if a, ok := stack[k-1].(*ast.AssignStmt); ok {
		if i := slices.Index(a.Rhs, ast.Expr(top.(*ast.CallExpr))); i >= 0 && len(a.Lhs) == len(a.Rhs) {
			if id, ok := a.Lhs[i].(*ast.Ident); ok && (ev.info.Uses[id] == v || ev.info.Defs[id] == v) {
				return chainChange{}, false // q = q.Join(…): an assignment, which local reads
			}
		}
	}
	from := top.End()
	for _, n := range stack[:k] {
		switch n.(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			if n.Pos() > v.Pos() {
				return chainChange{top, n.Pos()}, true
			}
		}
	}
	return chainChange{top, from}, true
}

// valueAt returns the value that the i-th of n names is assigned or
// declared with, or nil when one call gives them all.
func valueAt(values []ast.Expr, n, i int) ast.Expr {
	if len(values) == n {
		return values[i]
	}
	return nil
}
