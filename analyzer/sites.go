package analyzer

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/tenantvet/tenantvet/sqlcheck"
)

// site is a call that sends SQL to the database.
type site struct {
	call   *ast.CallExpr
	arg    ast.Expr // the SQL argument, after any Rebind
	sql    string   // its constant value
	known  bool     // whether the value is constant
	callee string   // for messages: "sql.DB.QueryContext"
	own    int      // the length of the text the argument holds; a wrapper may append more
	lists  []int    // parameters that expand into lists (sqlx.In)
	lib    string   // the builder library whose chain this is, or ""
	// value is the expression that the argument holds, through a variable
	// that only its declaration sets: the fmt.Sprintf of cmd := fmt.Sprintf(…).
	value ast.Expr
}

// A method is a query method when its name is below and its parameters
// follow one of the listed shapes; the match is by type, never by name
// alone, so that a job queue's Exec(cmd string, args ...string) is not a
// query site. The shapes use one letter a parameter:
//
//	c  context.Context
//	s  string: the SQL
//	n  string: a statement name (pgx's Prepare)
//	d  any: a destination (sqlx's Select and Get)
//	a  any: a named-parameter argument (sqlx's NamedExec)
//	v  ...any
var methodShapes = map[string][]string{
	"Query":               {"sv", "csv"},
	"QueryRow":            {"sv", "csv"},
	"Exec":                {"sv", "csv"},
	"QueryContext":        {"csv"},
	"QueryRowContext":     {"csv"},
	"ExecContext":         {"csv"},
	"Prepare":             {"s", "cns"},
	"PrepareContext":      {"cs"},
	"Select":              {"dsv"},
	"Get":                 {"dsv"},
	"SelectContext":       {"cdsv"},
	"GetContext":          {"cdsv"},
	"Queryx":              {"sv"},
	"QueryRowx":           {"sv"},
	"MustExec":            {"sv"},
	"QueryxContext":       {"csv"},
	"QueryRowxContext":    {"csv"},
	"MustExecContext":     {"csv"},
	"NamedExec":           {"sa"},
	"NamedQuery":          {"sa"},
	"NamedExecContext":    {"csa"},
	"NamedQueryContext":   {"csa"},
	"Preparex":            {"s"},
	"PrepareNamed":        {"s"},
	"PreparexContext":     {"cs"},
	"PrepareNamedContext": {"cs"},
}

// Package-level functions that take SQL, by package path, with the index of
// the SQL argument. sqlx.In and sqlx.Named rewrite the SQL they are given,
// so they are checked where the text is still constant.
var funcSQLArg = map[string]map[string]int{
	sqlxPath: {
		"Select": 2, "Get": 2, "SelectContext": 3, "GetContext": 3,
		"NamedExec": 1, "NamedQuery": 1, "NamedExecContext": 2, "NamedQueryContext": 2,
		"MustExec": 1, "MustExecContext": 2, "Preparex": 1, "PreparexContext": 2,
		"In": 0, "Named": 0,
	},
	bunPath: {"NewRawQuery": 1},
}

const sqlxPath = "github.com/jmoiron/sqlx"

// pgx's Batch.Queue is matched by type alone: "Queue" is too common a name
// for the shape rule.
var batchTypes = map[string]bool{
	"github.com/jackc/pgx/v5.Batch": true,
	"github.com/jackc/pgx/v4.Batch": true,
}

// Some types run SQL through methods of their own shapes, so they are
// matched by receiver type and name, with the index of the SQL argument:
// pgconn's PgConn, the low-level connection under pgx (tx.Conn().PgConn()),
// and the raw-SQL methods of the ORMs, whose chains are read elsewhere
// (chain.go).
var receiverSQLArg = map[string]map[string]int{
	"github.com/jackc/pgx/v5/pgconn.PgConn":  pgconnSQLArg,
	"github.com/jackc/pgconn.PgConn":         pgconnSQLArg, // pgx v4
	"gorm.io/gorm.DB":                        {"Raw": 0, "Exec": 0},
	"github.com/gobuffalo/pop/v6.Connection": {"RawQuery": 0},
	"github.com/gobuffalo/pop/v6.Query":      {"RawQuery": 0},
	"github.com/ory/pop/v6.Connection":       {"RawQuery": 0},
	"github.com/ory/pop/v6.Query":            {"RawQuery": 0},
	bunPath + ".DB":                          {"NewRaw": 0},
	bunPath + ".Tx":                          {"NewRaw": 0},
	bunPath + ".Conn":                        {"NewRaw": 0},
	bunPath + ".IDB":                         {"NewRaw": 0},
}

var pgconnSQLArg = map[string]int{"Exec": 1, "ExecParams": 1, "Prepare": 2, "CopyTo": 2, "CopyFrom": 2}

// findSites returns the query sites of the package in source order: calls
// of query methods and of query wrappers, except the calls by which
// wrappers forward their parameter, which are checked at their callers.
func findSites(pass *analysis.Pass, insp *inspector.Inspector, w *wrappers) []site {
	vars := onceSetVars(pass, insp)
	var sites []site
	for n := range insp.PreorderSeq((*ast.CallExpr)(nil)) {
		call := n.(*ast.CallExpr)
		fn, _ := typeutil.Callee(pass.TypesInfo, call).(*types.Func)
		if fn == nil || w.passThrough[call] {
			continue
		}
		if isCopyFrom(fn) {
			s := site{call: call, arg: call.Args[1], callee: calleeName(fn)}
			s.sql, s.known = copyFromSQL(pass, vars, call)
			sites = append(sites, s)
			continue
		}
		i, suffix, ok := w.sqlArg(fn)
		if !ok || i >= len(call.Args) {
			continue
		}
		s := site{call: call, arg: unwrapRebind(pass.TypesInfo, call.Args[i]), callee: calleeName(fn)}
		if fn.Name() == "In" && fn.Pkg().Path() == sqlxPath {
			s.lists = inLists(pass.TypesInfo, call)
		}
		s.lists = append(s.lists, bunRawLists(pass.TypesInfo, fn, call)...)
		// A query taken from a table of queries is each of them, checked
		// where it is written.
		srcs := vars.sources(pass.TypesInfo, s.arg)
		if srcs == nil {
			sites = append(sites, s)
			continue
		}
		for _, src := range srcs {
			s := s
			s.arg = src
			s.sql, s.known = foldSQL(pass, vars, src)
			s.value = vars.value(pass.TypesInfo, src)
			s.own = len(s.sql)
			s.sql += suffix
			sites = append(sites, s)
		}
	}
	return sites
}

// sqlArg returns the index of fn's SQL parameter, if fn is a query method
// or function.
func sqlArg(fn *types.Func) (int, bool) {
	sig := fn.Signature()
	if sig.Recv() == nil {
		if fn.Pkg() == nil {
			return 0, false
		}
		i, ok := funcSQLArg[fn.Pkg().Path()][fn.Name()]
		return i, ok
	}
	if fn.Name() == "Queue" && batchTypes[recvName(sig)] {
		return 0, true
	}
	if i, ok := receiverSQLArg[recvName(sig)][fn.Name()]; ok {
		return i, true
	}
	for _, shape := range methodShapes[fn.Name()] {
		if i, ok := matchShape(sig, shape); ok {
			return i, true
		}
	}
	return 0, false
}

// matchShape reports whether sig's parameters follow shape, and the index
// of the SQL parameter.
func matchShape(sig *types.Signature, shape string) (int, bool) {
	params := sig.Params()
	if params.Len() != len(shape) || sig.Variadic() != (shape[len(shape)-1] == 'v') {
		return 0, false
	}
	sql := -1
	for i := range len(shape) {
		t := params.At(i).Type()
		var ok bool
		switch shape[i] {
		case 'c':
			ok = isContext(t)
		case 's', 'n':
			ok = isString(t)
			if shape[i] == 's' {
				sql = i
			}
		case 'd', 'a':
			ok = isInterface(t)
		case 'v':
			s, isSlice := t.(*types.Slice)
			ok = isSlice && isInterface(s.Elem())
		}
		if !ok {
			return 0, false
		}
	}
	return sql, true
}

func isContext(t types.Type) bool {
	n, ok := t.(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "context" && n.Obj().Name() == "Context"
}

func isString(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsString != 0
}

func isInterface(t types.Type) bool {
	_, ok := t.Underlying().(*types.Interface)
	return ok
}

// isCopyFrom reports pgx's CopyFrom(ctx, Identifier, []string, source),
// on a connection, pool or transaction, or a type with the same shape.
func isCopyFrom(fn *types.Func) bool {
	params := fn.Signature().Params()
	if fn.Name() != "CopyFrom" || params.Len() != 4 {
		return false
	}
	id, ok := params.At(1).Type().(*types.Named)
	cols, isSlice := params.At(2).Type().(*types.Slice)
	return ok && id.Obj().Name() == "Identifier" && isSlice && isString(cols.Elem())
}

// recvType returns the named type of a method's receiver, or nil.
func recvType(sig *types.Signature) *types.TypeName {
	if sig.Recv() == nil {
		return nil
	}
	t := sig.Recv().Type()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	if n, ok := t.(*types.Named); ok {
		return n.Obj()
	}
	return nil
}

// recvName is "pkgpath.Type" for a method's receiver.
func recvName(sig *types.Signature) string {
	if tn := recvType(sig); tn != nil && tn.Pkg() != nil {
		return tn.Pkg().Path() + "." + tn.Name()
	}
	return ""
}

// calleeName names fn for messages the way code calls it: "sql.DB.Query".
func calleeName(fn *types.Func) string {
	name := fn.Name()
	if tn := recvType(fn.Signature()); tn != nil {
		name = tn.Name() + "." + name
	}
	if fn.Pkg() != nil {
		name = fn.Pkg().Name() + "." + name
	}
	return name
}

// inLists returns the parameters of an sqlx.In call that expand into lists:
// the ?s whose arguments are slices. Arguments passed as args... cannot be
// told apart, so then every ? may be a list.
func inLists(info *types.Info, call *ast.CallExpr) []int {
	if call.Ellipsis.IsValid() {
		return []int{sqlcheck.EveryParam}
	}
	var lists []int
	for i, arg := range call.Args[1:] {
		if s, ok := info.TypeOf(arg).Underlying().(*types.Slice); ok && !types.Identical(s.Elem(), types.Typ[types.Byte]) {
			lists = append(lists, i+1)
		}
	}
	return lists
}

// unwrapRebind looks through sqlx's Rebind, which only changes the
// placeholder style of the SQL it is given.
func unwrapRebind(info *types.Info, arg ast.Expr) ast.Expr {
	call, ok := ast.Unparen(arg).(*ast.CallExpr)
	if !ok {
		return arg
	}
	fn, _ := typeutil.Callee(info, call).(*types.Func)
	if fn == nil || fn.Name() != "Rebind" || fn.Pkg() == nil || fn.Pkg().Path() != sqlxPath || len(call.Args) == 0 {
		return arg
	}
	return unwrapRebind(info, call.Args[len(call.Args)-1])
}
