package analyzer

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/tenantvet/tenantvet/sqlcheck"
)

// This file tells what a query is sent on, which the tenant-context checks
// (TV3xx) weigh: a setting made on a pool outlives the request, and SET
// LOCAL takes effect only inside a transaction.

// handleKinds are the handle types, by the named type that declares the
// method called. Embedding (sqlx.DB holds a *sql.DB) leaves the method's
// receiver the embedded type's, so it is classified the same.
var handleKinds = map[string]sqlcheck.HandleKind{
	"database/sql.Tx":                      sqlcheck.HandleTx,
	"github.com/jackc/pgx/v5.Tx":           sqlcheck.HandleTx,
	"github.com/jackc/pgx/v4.Tx":           sqlcheck.HandleTx,
	sqlxPath + ".Tx":                       sqlcheck.HandleTx,
	"database/sql.Conn":                    sqlcheck.HandlePooledConn,
	"github.com/jackc/pgx/v5/pgxpool.Conn": sqlcheck.HandlePooledConn,
	"github.com/jackc/pgx/v4/pgxpool.Conn": sqlcheck.HandlePooledConn,
	sqlxPath + ".Conn":                     sqlcheck.HandlePooledConn,
	"database/sql.DB":                      sqlcheck.HandlePool,
	sqlxPath + ".DB":                       sqlcheck.HandlePool,
	"github.com/jackc/pgx/v5/pgxpool.Pool": sqlcheck.HandlePool,
	"github.com/jackc/pgx/v4/pgxpool.Pool": sqlcheck.HandlePool,
	"github.com/jackc/pgx/v5.Conn":         sqlcheck.HandleConn,
	"github.com/jackc/pgx/v4.Conn":         sqlcheck.HandleConn,
}

// pgxpool's hooks that are handed a pooled connection to prepare, and the
// one that can undo what they set when the connection is released.
var (
	poolConfigs = map[string]bool{
		"github.com/jackc/pgx/v5/pgxpool.Config": true,
		"github.com/jackc/pgx/v4/pgxpool.Config": true,
	}
	prepareHooks = map[string]bool{"BeforeAcquire": true, "PrepareConn": true, "AfterConnect": true}
)

const releaseHook = "AfterRelease"

// handleOf returns what call sends its SQL on, and the variable that holds
// it when the receiver is one.
func handleOf(info *types.Info, call *ast.CallExpr) (sqlcheck.Handle, *types.Var) {
	fn, _ := typeutil.Callee(info, call).(*types.Func)
	if fn == nil {
		return sqlcheck.Handle{}, nil
	}
	sig := fn.Signature()
	tn := recvType(sig)
	if tn == nil || tn.Pkg() == nil {
		return sqlcheck.Handle{}, nil
	}
	kind := handleKinds[tn.Pkg().Path()+"."+tn.Name()]
	if kind == sqlcheck.HandleUnknown {
		return sqlcheck.Handle{}, nil
	}
	h := sqlcheck.Handle{Kind: kind, Type: handleName(sig.Recv().Type())}
	var v *types.Var
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		// Messages name the type the code holds, *sqlx.DB rather than the
		// *sql.DB it embeds, when that is a handle type too.
		if t := info.TypeOf(sel.X); t != nil && isHandleType(t) {
			h.Type = handleName(t)
		}
		if id, ok := ast.Unparen(sel.X).(*ast.Ident); ok {
			v, _ = info.Uses[id].(*types.Var)
		}
	}
	return h, v
}

func isHandleType(t types.Type) bool {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := t.(*types.Named)
	return ok && n.Obj().Pkg() != nil && handleKinds[n.Obj().Pkg().Path()+"."+n.Obj().Name()] != sqlcheck.HandleUnknown
}

// handleName spells a handle type as code does: "*pgxpool.Pool", "pgx.Tx".
func handleName(t types.Type) string {
	return types.TypeString(t, func(p *types.Package) string { return p.Name() })
}

// poolHooks finds the connections that pgxpool's prepare hooks are given,
// `cfg.BeforeAcquire = func(ctx context.Context, c *pgx.Conn) bool {…}`,
// and whether the function that sets the hook also sets an AfterRelease
// whose body resets the tenant setting.
type poolHooks map[*types.Var]bool // the hook's connection → reset on release

func findPoolHooks(info *types.Info, files []*ast.File, chk *sqlcheck.Checker) poolHooks {
	hooks := poolHooks{}
	for _, f := range files {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			var conns []*types.Var
			reset := false
			ast.Inspect(fd.Body, func(n ast.Node) bool {
				as, ok := n.(*ast.AssignStmt)
				if !ok || len(as.Lhs) != len(as.Rhs) {
					return true
				}
				for i, lhs := range as.Lhs {
					hook := configHook(info, lhs)
					lit, ok := ast.Unparen(as.Rhs[i]).(*ast.FuncLit)
					switch {
					case hook == releaseHook && !ok:
						// A function declared elsewhere may reset it.
						reset = true
					case !ok || hook == "":
					case hook == releaseHook:
						reset = reset || sendsReset(info, lit.Body, chk)
					case prepareHooks[hook]:
						conns = append(conns, funcParams(info, lit.Type)...)
					}
				}
				return true
			})
			for _, c := range conns {
				hooks[c] = reset
			}
		}
	}
	return hooks
}

// configHook returns the field that e selects when it is a hook of a
// pgxpool Config, or "".
func configHook(info *types.Info, e ast.Expr) string {
	sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
	if !ok {
		return ""
	}
	s := info.Selections[sel]
	if s == nil || s.Kind() != types.FieldVal {
		return ""
	}
	t := s.Recv()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := t.(*types.Named)
	if !ok || n.Obj().Pkg() == nil || !poolConfigs[n.Obj().Pkg().Path()+"."+n.Obj().Name()] {
		return ""
	}
	return sel.Sel.Name
}

func funcParams(info *types.Info, ft *ast.FuncType) []*types.Var {
	var vs []*types.Var
	for _, field := range ft.Params.List {
		for _, name := range field.Names {
			if v, ok := info.Defs[name].(*types.Var); ok {
				vs = append(vs, v)
			}
		}
	}
	return vs
}

// sendsReset reports whether n holds a call given constant SQL that resets
// the tenant setting: RESET of it, RESET ALL, DISCARD ALL.
func sendsReset(info *types.Info, n ast.Node, chk *sqlcheck.Checker) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || found {
			return !found
		}
		for _, a := range call.Args {
			if s, ok := constString(info, a); ok && chk.ResetsTenant(s) {
				found = true
			}
		}
		return true
	})
	return found
}

// deferredReset reports whether the function body defers a reset of the
// tenant setting on the connection v, which returns it to the pool clean.
// A deferred call that is given v may reset it, so it counts too.
func deferredReset(info *types.Info, body *ast.BlockStmt, v *types.Var, chk *sqlcheck.Checker) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		d, ok := n.(*ast.DeferStmt)
		if !ok || found {
			return !found
		}
		ast.Inspect(d, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			if _, recv := handleOf(info, call); recv == v && sendsReset(info, call, chk) || givenVar(info, call, v) {
				found = true
			}
			return !found
		})
		return true
	})
	return found
}

// givenVar reports whether v is an argument of call.
func givenVar(info *types.Info, call *ast.CallExpr, v *types.Var) bool {
	for _, a := range call.Args {
		if id, ok := ast.Unparen(a).(*ast.Ident); ok && info.Uses[id] == v {
			return true
		}
	}
	return false
}

// tenantContext holds what the tenant-context checks need across the
// sites of a package.
type tenantContext struct {
	pass  *analysis.Pass
	chk   *sqlcheck.Checker
	sites map[*ast.CallExpr]site
	hooks poolHooks // found on first need
}

func newTenantContext(pass *analysis.Pass, chk *sqlcheck.Checker, sites []site) *tenantContext {
	c := &tenantContext{pass: pass, chk: chk, sites: map[*ast.CallExpr]site{}}
	for _, st := range sites {
		c.sites[st.call] = st
	}
	return c
}

// handle returns what st sends its SQL on. ORM chains run on a handle that
// the chain began from, which tenantvet does not follow.
func (c *tenantContext) handle(st site) sqlcheck.Handle {
	if st.lib != "" {
		return sqlcheck.Handle{}
	}
	info := c.pass.TypesInfo
	h, v := handleOf(info, st.call)
	if v == nil {
		return h
	}
	switch h.Kind {
	case sqlcheck.HandleConn:
		if c.hooks == nil {
			c.hooks = findPoolHooks(info, c.pass.Files, c.chk)
		}
		if reset, ok := c.hooks[v]; ok {
			h.Kind, h.Reset = sqlcheck.HandleHookConn, reset
		}
	case sqlcheck.HandlePooledConn:
		if _, body := c.enclosing(st.call); body != nil {
			h.Reset = deferredReset(info, body, v, c.chk)
		}
	case sqlcheck.HandleTx:
		if st.known && c.chk.ReliesOnRLS(st.sql, st.lists) {
			if file, _ := c.enclosing(st.call); file != nil {
				h.Unset = txUnset(info, file, st.call, v, c.sites, c.chk)
			}
		}
	}
	return h
}

// enclosing returns the file of n and the body of the innermost function
// around it.
func (c *tenantContext) enclosing(n ast.Node) (*ast.File, *ast.BlockStmt) {
	for _, f := range c.pass.Files {
		if n.Pos() < f.FileStart || n.End() > f.FileEnd {
			continue
		}
		path, _ := astutil.PathEnclosingInterval(f, n.Pos(), n.End())
		for _, p := range path {
			switch fn := p.(type) {
			case *ast.FuncDecl:
				return f, fn.Body
			case *ast.FuncLit:
				return f, fn.Body
			}
		}
		return f, nil
	}
	return nil, nil
}

// formatted returns the format of a fmt.Sprintf call, and its position,
// for SQL built by formatting values into it.
func formatted(info *types.Info, e ast.Expr) (ast.Expr, string, bool) {
	if e == nil {
		return nil, "", false
	}
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || len(call.Args) == 0 {
		return nil, "", false
	}
	fn, _ := typeutil.Callee(info, call).(*types.Func)
	if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != "fmt" || fn.Name() != "Sprintf" {
		return nil, "", false
	}
	format, ok := constString(info, call.Args[0])
	return call.Args[0], format, ok
}
