package analyzer

import (
	"go/ast"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/cfg"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/tenantvet/tenantvet/sqlcheck"
)

// txUnset reports whether call, a query on the transaction v, may run
// before the tenant setting was set on v: v was begun in the function that
// holds call, and on some path from there to call nothing set it. Anything
// tenantvet cannot follow counts as setting it, so that the check stays
// silent: v passed to a call or stored, a method of v other than a query,
// Commit and Rollback, a query on v whose SQL is not constant. A
// transaction that comes in as a parameter is the caller's duty.
func txUnset(info *types.Info, file *ast.File, call *ast.CallExpr, v *types.Var, sites map[*ast.CallExpr]site, chk *sqlcheck.Checker) bool {
	path, _ := astutil.PathEnclosingInterval(file, call.Pos(), call.End())
	var body *ast.BlockStmt
	var params []*types.Var
	for _, n := range path {
		if fd, ok := n.(*ast.FuncDecl); ok {
			body, params = fd.Body, funcParams(info, fd.Type)
			if fd.Recv != nil {
				params = append(params, funcParams(info, &ast.FuncType{Params: fd.Recv})...)
			}
			break
		}
		if fl, ok := n.(*ast.FuncLit); ok {
			body, params = fl.Body, funcParams(info, fl.Type)
			break
		}
	}
	if body == nil || slices.Contains(params, v) || !begunIn(info, body, v) {
		return false
	}
	g := cfg.New(body, func(*ast.CallExpr) bool { return true })
	sets := func(n ast.Node) bool { return setsTenant(info, n, v, sites, chk) }
	in := mustReach(g, sets)
	for _, b := range g.Blocks {
		for i, n := range b.Nodes {
			if n.Pos() > call.Pos() || call.End() > n.End() {
				continue
			}
			set := in[b]
			for _, m := range b.Nodes[:i] {
				set = set || sets(m)
			}
			return !set
		}
	}
	return false
}

// begunIn reports whether body gives v its only value, from a call of a
// Begin method: tx, err := pool.Begin(ctx).
func begunIn(info *types.Info, body *ast.BlockStmt, v *types.Var) bool {
	assigned, begun := 0, false
	ast.Inspect(body, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok {
			return true
		}
		for _, lhs := range as.Lhs {
			id, ok := ast.Unparen(lhs).(*ast.Ident)
			if !ok || info.ObjectOf(id) != v {
				continue
			}
			assigned++
			if len(as.Rhs) == 1 {
				begun = beginCall(info, as.Rhs[0])
			}
		}
		return true
	})
	return assigned == 1 && begun
}

// beginCall reports whether e calls the Begin method of a pool or a
// connection. Anything else, a field (tx := s.tx) or a type assertion, is
// not followed; nor is a helper of the application's, which may set the
// tenant in the transaction it begins, or a transaction's Begin, which
// makes a savepoint that keeps what the transaction was given.
func beginCall(info *types.Info, e ast.Expr) bool {
	c, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return false
	}
	fn, _ := typeutil.Callee(info, c).(*types.Func)
	if fn == nil || !strings.Contains(fn.Name(), "Begin") {
		return false
	}
	switch h, _ := handleOf(info, c); h.Kind {
	case sqlcheck.HandlePool, sqlcheck.HandlePooledConn, sqlcheck.HandleConn:
		return true
	}
	return false
}

// setsTenant reports whether n may set the tenant on the transaction v.
func setsTenant(info *types.Info, n ast.Node, v *types.Var, sites map[*ast.CallExpr]site, chk *sqlcheck.Checker) bool {
	var stack []ast.Node
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return false
		}
		stack = append(stack, n)
		id, ok := n.(*ast.Ident)
		if found || !ok || info.Uses[id] != v {
			return !found
		}
		found = !harmlessUse(stack, sites, chk)
		return false
	})
	return found
}

// harmlessUse reports whether the use of the transaction at the top of the
// stack cannot set the tenant: it is the receiver of Commit, Rollback or
// a query whose constant SQL sets no tenant setting.
func harmlessUse(stack []ast.Node, sites map[*ast.CallExpr]site, chk *sqlcheck.Checker) bool {
	if len(stack) < 3 {
		return false
	}
	sel, ok := stack[len(stack)-2].(*ast.SelectorExpr)
	call, isCall := stack[len(stack)-3].(*ast.CallExpr)
	if !ok || !isCall || call.Fun != sel {
		return false
	}
	switch sel.Sel.Name {
	case "Commit", "Rollback":
		return true
	}
	st, ok := sites[call]
	return ok && st.known && !chk.SetsTenantLocally(st.sql)
}

// mustReach returns, for each block, whether gen holds on every path from
// the entry to the block's start: a forward must-analysis.
func mustReach(g *cfg.CFG, gen func(ast.Node) bool) map[*cfg.Block]bool {
	preds := map[*cfg.Block][]*cfg.Block{}
	genOf := map[*cfg.Block]bool{}
	out := map[*cfg.Block]bool{}
	for _, b := range g.Blocks {
		for _, s := range b.Succs {
			preds[s] = append(preds[s], b)
		}
		for _, n := range b.Nodes {
			genOf[b] = genOf[b] || gen(n)
		}
		out[b] = true
	}
	in := map[*cfg.Block]bool{}
	for changed := true; changed; {
		changed = false
		for i, b := range g.Blocks {
			set := i != 0
			for _, p := range preds[b] {
				set = set && out[p]
			}
			o := set || genOf[b]
			if in[b] != set || out[b] != o {
				in[b], out[b], changed = set, o, true
			}
		}
	}
	return in
}
