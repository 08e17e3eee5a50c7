package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"
)

// queryWrapper is the fact that a function passes one of its string
// parameters, unchanged, to a query site, as
//
//	func QueryLogged(ctx context.Context, db *sql.DB, q string, args ...any) (*sql.Rows, error) {
//		log.Print(q)
//		return db.QueryContext(ctx, q, args...)
//	}
//
// does. Its callers are then query sites themselves, in any package: the
// fact travels with the function, as printf's isWrapper does. A wrapper
// may append constant text to the SQL (q + " LIMIT $2", or q += " ORDER BY
// id" before the call): its callers' SQL, with Suffix, is what runs.
type queryWrapper struct {
	Param  int    // index of the SQL parameter
	Name   string // its name, for the fact's String
	Suffix string
}

func (*queryWrapper) AFact() {}

func (w *queryWrapper) String() string {
	if w.Suffix != "" {
		return "queryWrapper(" + w.Name + " + " + strconv.Quote(w.Suffix) + ")"
	}
	return "queryWrapper(" + w.Name + ")"
}

// wrappers finds the query wrappers of a package and exports their facts.
type wrappers struct {
	pass  *analysis.Pass
	local map[*types.Func]*queryWrapper
	// passThrough holds the calls inside wrappers that forward their
	// parameter: they are checked at the wrappers' callers instead.
	passThrough map[*ast.CallExpr]bool
}

// gatherWrappers is pass 1: it finds the functions whose string parameter
// reaches a query site unchanged. A wrapper may call another wrapper of the
// same package, so it repeats until no new one appears.
func gatherWrappers(pass *analysis.Pass, insp *inspector.Inspector) *wrappers {
	w := &wrappers{pass: pass, local: map[*types.Func]*queryWrapper{}, passThrough: map[*ast.CallExpr]bool{}}
	var decls, candidates []*ast.FuncDecl
	for n := range insp.PreorderSeq((*ast.FuncDecl)(nil)) {
		if d := n.(*ast.FuncDecl); d.Body != nil {
			decls = append(decls, d)
			if fn, _ := pass.TypesInfo.Defs[d.Name].(*types.Func); fn != nil && stringParam(fn.Signature()) {
				candidates = append(candidates, d)
			}
		}
	}
	for changed := true; changed; {
		changed = false
		for _, d := range candidates {
			fn := pass.TypesInfo.Defs[d.Name].(*types.Func)
			if w.local[fn] == nil && w.inspectDecl(d, fn) {
				changed = true
			}
		}
	}
	for fn, f := range w.local {
		pass.ExportObjectFact(fn, f)
	}
	exportConstResults(pass, decls)
	return w
}

// inspectDecl records fn as a wrapper if one of its string parameters is
// the SQL argument of a query site in its body.
func (w *wrappers) inspectDecl(d *ast.FuncDecl, fn *types.Func) bool {
	params := fn.Signature().Params()
	found := false
	ast.Inspect(d.Body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		callee, _ := typeutil.Callee(w.pass.TypesInfo, call).(*types.Func)
		i, calleeSuffix, ok := w.sqlArg(callee)
		if !ok || i >= len(call.Args) {
			return true
		}
		id, argSuffix, ok := w.paramWithSuffix(unwrapRebind(w.pass.TypesInfo, call.Args[i]))
		if !ok {
			return true
		}
		for p := range params.Len() {
			v := params.At(p)
			if w.pass.TypesInfo.Uses[id] != v || !isString(v.Type()) || fn.Signature().Variadic() && p == params.Len()-1 {
				continue
			}
			// A parameter that the body changes otherwise is not passed
			// through.
			added, ok := appended(w.pass.TypesInfo, d.Body, v, call)
			if !ok {
				return true
			}
			if w.local[fn] == nil {
				w.local[fn] = &queryWrapper{Param: p, Name: v.Name(), Suffix: added + argSuffix + calleeSuffix}
				found = true
			}
			w.passThrough[call] = true
		}
		return true
	})
	return found
}

// knownLibraries are the import paths, or their prefixes, whose query
// methods tenantvet knows.
var knownLibraries = []string{"database/sql", sqlxPath, "github.com/jackc/pgx", "github.com/jackc/pgconn", bunPath}

// trusted reports whether fn's shape can be taken as a query method's: a
// function of a known package, a method of a known library, or a method of
// a type of the main module (sqlc's DBTX, a team's Queryer). Another
// library's method of the same shape, such as gocql's Session.Query, runs
// something else; if it does send SQL, its wrapper facts say so. So does a
// main-module type declared in a package of another dialect, such as a
// team's interface over gocql. Without module information (GOPATH,
// analysistest), every other type is the user's. A method that
// receiverSQLArg names by its type, such as an ORM's raw-SQL method, is
// known whatever library declares it.
func (w *wrappers) trusted(fn *types.Func) bool {
	tn := recvType(fn.Signature())
	if tn == nil || tn.Pkg() == nil {
		return true
	}
	if _, byType := receiverSQLArg[recvName(fn.Signature())]; byType {
		return true
	}
	path := tn.Pkg().Path()
	if hasPathPrefix(path, knownLibraries) {
		return true
	}
	if otherDialect(tn.Pkg()) != "" {
		return false
	}
	m := w.pass.Module
	if m == nil || m.Path == "" {
		return true
	}
	// As in isDependency: go vet tells a dependency only by its version.
	return (m.Main || m.Version == "") && (path == m.Path || strings.HasPrefix(path, m.Path+"/"))
}

// stringParam reports whether sig has a string parameter that is not the
// variadic one: only such a function can pass SQL through, and most
// functions are ruled out here without a walk of their bodies.
func stringParam(sig *types.Signature) bool {
	params := sig.Params()
	for p := range params.Len() {
		if isString(params.At(p).Type()) && !(sig.Variadic() && p == params.Len()-1) {
			return true
		}
	}
	return false
}

// sqlArg extends the package's query methods with the wrappers found so
// far and those of imported packages. A wrapper's suffix is the text it
// appends to the SQL.
func (w *wrappers) sqlArg(fn *types.Func) (param int, suffix string, ok bool) {
	if fn == nil {
		return 0, "", false
	}
	if i, ok := sqlArg(fn); ok && w.trusted(fn) {
		return i, "", true
	}
	if !stringParam(fn.Signature()) {
		return 0, "", false // no wrapper: spares most calls the fact lookup
	}
	fn = fn.Origin() // a generic wrapper's fact is on its declaration
	if f := w.local[fn]; f != nil {
		return f.Param, f.Suffix, true
	}
	var f queryWrapper
	if w.pass.ImportObjectFact(fn, &f) {
		return f.Param, f.Suffix, true
	}
	return 0, "", false
}

// paramWithSuffix reads a query argument of the form p or p + "text", with
// constant text, and returns p and the text.
func (w *wrappers) paramWithSuffix(e ast.Expr) (*ast.Ident, string, bool) {
	e = ast.Unparen(e)
	if b, ok := e.(*ast.BinaryExpr); ok && b.Op == token.ADD {
		id, suffix, ok := w.paramWithSuffix(b.X)
		text, isConst := constString(w.pass.TypesInfo, b.Y)
		return id, suffix + text, ok && isConst
	}
	id, ok := e.(*ast.Ident)
	return id, "", ok
}

// appended returns the text that body appends to v before call, with
// statements v += "text" or v = v + "text" of constant text in the body's
// own statement list, so that they run on every path. Any other change to
// v (an assignment, an append in a branch or loop, an increment, its
// address taken) reports false: the parameter is then not passed through.
func appended(info *types.Info, body *ast.BlockStmt, v *types.Var, call *ast.CallExpr) (string, bool) {
	allowed := map[ast.Stmt]bool{}
	suffix := ""
	is := func(e ast.Expr) bool {
		id, ok := ast.Unparen(e).(*ast.Ident)
		return ok && info.ObjectOf(id) == v
	}
	for _, st := range body.List {
		a, ok := st.(*ast.AssignStmt)
		if !ok || len(a.Lhs) != 1 || len(a.Rhs) != 1 || !is(a.Lhs[0]) || a.Pos() > call.Pos() {
			continue
		}
		rhs := a.Rhs[0]
		switch b, isAdd := ast.Unparen(rhs).(*ast.BinaryExpr); {
		case a.Tok == token.ADD_ASSIGN: // v += "text"
		case a.Tok == token.ASSIGN && isAdd && b.Op == token.ADD && is(b.X): // v = v + "text"
			rhs = b.Y
		default:
			continue
		}
		text, isConst := constString(info, rhs)
		if !isConst {
			return "", false
		}
		allowed[a] = true
		suffix += text
	}
	return suffix, !assigned(info, body, v, allowed)
}

// assigned reports whether body assigns to v, increments it, or takes its
// address, any of which may change it before it reaches the query, other
// than in the statements of except.
func assigned(info *types.Info, body *ast.BlockStmt, v *types.Var, except map[ast.Stmt]bool) bool {
	is := func(e ast.Expr) bool {
		id, ok := ast.Unparen(e).(*ast.Ident)
		return ok && info.ObjectOf(id) == v
	}
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, l := range n.Lhs {
				found = found || is(l) && !except[n]
			}
		case *ast.IncDecStmt:
			found = found || is(n.X)
		case *ast.UnaryExpr:
			found = found || n.Op.String() == "&" && is(n.X)
		case *ast.RangeStmt:
			found = found || n.Key != nil && is(n.Key) || n.Value != nil && is(n.Value)
		}
		return !found
	})
	return found
}
