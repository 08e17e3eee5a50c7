package analyzer

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"slices"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
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
//     after their declaration: `var psql = sq.StatementBuilder.PlaceholderFormat(sq.Dollar)`.
//
// Anything else makes the chain unknown, which is silent unless -strict
// (TV002): a builder that is a parameter, a field, a function's result, or a
// local variable that escapes (passed to a function, returned, copied,
// assigned to a field or global, captured by a closure, its address taken);
// a table, column or option that is not a constant string; a method that is
// not modelled.
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
	var ev *sqEval
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

// sqFilterMethods only narrow or order a query, so a call that may not run
// is treated as absent: the query is checked as if it never ran, which can
// only add findings.
var sqFilterMethods = map[string]bool{
	"Where": true, "OrderBy": true, "OrderByClause": true, "GroupBy": true, "Having": true,
	"Limit": true, "Offset": true, "RemoveLimit": true, "RemoveOffset": true,
	"Distinct": true, "PlaceholderFormat": true, "RunWith": true,
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

// sqStmt is what a builder holds: the parts of one statement, rendered.
// Its slices are shared between builders, so they are only ever extended
// through sqAppend, which copies.
type sqStmt struct {
	kind     string // "select", "insert", "update", "delete"; "" for StatementBuilder
	keyword  string // INSERT or REPLACE
	table    string // UPDATE's table, INSERT's INTO, DELETE's FROM
	from     string // SELECT's and UPDATE's FROM
	prefixes []string
	options  []string
	columns  []string // SELECT's result columns, INSERT's column list
	joins    []string
	wheres   []string
	groupBys []string
	havings  []string
	orderBys []string
	limit    bool
	offset   bool
	suffixes []string
	sets     []string   // UPDATE's "col = value"
	rows     [][]string // INSERT's VALUES; a nil row is one spread from a slice
	selects  string     // INSERT … SELECT
}

func sqAppend(list []string, items ...string) []string {
	return append(slices.Clip(list), items...)
}

// render returns the statement's SQL, or false when squirrel would refuse
// to build it.
func (s sqStmt) render() (string, bool) {
	var b strings.Builder
	if len(s.prefixes) > 0 {
		b.WriteString(strings.Join(s.prefixes, " ") + " ")
	}
	where := func() {
		if len(s.wheres) > 0 {
			b.WriteString(" WHERE " + strings.Join(s.wheres, " AND "))
		}
	}
	orderLimit := func() {
		if len(s.orderBys) > 0 {
			b.WriteString(" ORDER BY " + strings.Join(s.orderBys, ", "))
		}
		if s.limit {
			b.WriteString(" LIMIT 1")
		}
		if s.offset {
			b.WriteString(" OFFSET 1")
		}
	}
	switch s.kind {
	case "select":
		if len(s.columns) == 0 {
			return "", false
		}
		b.WriteString("SELECT ")
		if len(s.options) > 0 {
			b.WriteString(strings.Join(s.options, " ") + " ")
		}
		b.WriteString(strings.Join(s.columns, ", "))
		if s.from != "" {
			b.WriteString(" FROM " + s.from)
		}
		if len(s.joins) > 0 {
			b.WriteString(" " + strings.Join(s.joins, " "))
		}
		where()
		if len(s.groupBys) > 0 {
			b.WriteString(" GROUP BY " + strings.Join(s.groupBys, ", "))
		}
		if len(s.havings) > 0 {
			b.WriteString(" HAVING " + strings.Join(s.havings, " AND "))
		}
		orderLimit()
	case "update":
		if s.table == "" || len(s.sets) == 0 {
			return "", false
		}
		b.WriteString("UPDATE " + s.table + " SET " + strings.Join(s.sets, ", "))
		if s.from != "" {
			b.WriteString(" FROM " + s.from)
		}
		where()
		orderLimit()
	case "delete":
		if s.table == "" {
			return "", false
		}
		b.WriteString("DELETE FROM " + s.table)
		where()
		orderLimit()
	case "insert":
		if s.table == "" || len(s.rows) == 0 && s.selects == "" {
			return "", false
		}
		b.WriteString(s.keyword + " ")
		if len(s.options) > 0 {
			b.WriteString(strings.Join(s.options, " ") + " ")
		}
		b.WriteString("INTO " + s.table + " ")
		if len(s.columns) > 0 {
			b.WriteString("(" + strings.Join(s.columns, ",") + ") ")
		}
		if s.selects != "" {
			b.WriteString(s.selects)
			break
		}
		rows := make([]string, len(s.rows))
		for i, row := range s.rows {
			if row == nil {
				// Values(vals...): one value a column, as far as can be seen.
				if len(s.columns) == 0 {
					return "", false
				}
				row = slices.Repeat([]string{"?"}, len(s.columns))
			}
			rows[i] = "(" + strings.Join(row, ",") + ")"
		}
		b.WriteString("VALUES " + strings.Join(rows, ","))
	default:
		return "", false
	}
	if len(s.suffixes) > 0 {
		b.WriteString(" " + strings.Join(s.suffixes, " "))
	}
	return b.String(), true
}

// sqEval rebuilds squirrel chains of one package.
type sqEval struct {
	pass    *analysis.Pass
	info    *types.Info
	files   map[*token.File]*ast.File
	locals  map[*types.Var]*sqLocal
	globals map[*types.Var]ast.Expr // initialisers of package variables never assigned again
	depth   int
}

func newSQEval(pass *analysis.Pass) *sqEval {
	ev := &sqEval{pass: pass, info: pass.TypesInfo, files: map[*token.File]*ast.File{}, locals: map[*types.Var]*sqLocal{}}
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
		if fn == nil || !sqIsPkg(fn.Pkg()) {
			return sqStmt{}, false // a function that returns a builder
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

// apply returns s after the method name of the builder type recv, called
// by call.
func (ev *sqEval) apply(s sqStmt, recv, name string, call *ast.CallExpr) (sqStmt, bool) {
	args, spread := call.Args, call.Ellipsis.IsValid()
	arg := func(i int) ast.Expr {
		if i < len(args) {
			return args[i]
		}
		return nil
	}
	var ok bool
	switch name {
	case "PlaceholderFormat", "RunWith":
		return s, true
	case "Where", "Having":
		if recv == "InsertBuilder" || recv == "StatementBuilderType" && name == "Having" {
			return s, false
		}
		var w string
		if w, ok = ev.pred(arg(0), args[1:], spread); ok && w != "" {
			if name == "Where" {
				s.wheres = sqAppend(s.wheres, w)
			} else {
				s.havings = sqAppend(s.havings, w)
			}
		}
		return s, ok
	}
	if recv == "StatementBuilderType" {
		switch name {
		case "Select":
			s.kind = "select"
			var cols []string
			cols, ok = ev.strings(args, spread)
			s.columns = sqAppend(s.columns, cols...)
		case "Insert", "Replace":
			s.kind, s.keyword = "insert", strings.ToUpper(name)
			s.table, ok = ev.constString(arg(0))
		case "Update":
			s.kind = "update"
			s.table, ok = ev.constString(arg(0))
		case "Delete":
			s.kind = "delete"
			s.table, ok = ev.constString(arg(0))
		}
		return s, ok
	}
	// Methods that every statement builder has.
	switch name {
	case "Prefix", "Suffix":
		var p string
		if p, ok = ev.expand(arg(0), args[1:], spread); ok && p != "" {
			if name == "Prefix" {
				s.prefixes = sqAppend(s.prefixes, p)
			} else {
				s.suffixes = sqAppend(s.suffixes, p)
			}
		}
		return s, ok
	case "PrefixExpr", "SuffixExpr":
		var p string
		if p, ok = ev.sqlizer(arg(0)); ok && p != "" {
			if name == "PrefixExpr" {
				s.prefixes = sqAppend(s.prefixes, p)
			} else {
				s.suffixes = sqAppend(s.suffixes, p)
			}
		}
		return s, ok
	case "OrderBy":
		if recv != "InsertBuilder" {
			// A sort column chosen at run time is common and changes no
			// row's tenant, so it stands in as a constant.
			for _, a := range args {
				o, isConst := ev.constString(a)
				if !isConst || spread {
					o = "1"
				}
				s.orderBys = sqAppend(s.orderBys, o)
			}
			return s, true
		}
	case "Limit", "RemoveLimit", "Offset", "RemoveOffset":
		if recv != "InsertBuilder" {
			switch name {
			case "Limit", "RemoveLimit":
				s.limit = name == "Limit"
			default:
				s.offset = name == "Offset"
			}
			return s, true
		}
	}
	switch recv {
	case "SelectBuilder":
		return ev.applySelect(s, name, args, spread)
	case "UpdateBuilder":
		switch name {
		case "Table":
			s.table, ok = ev.constString(arg(0))
			return s, ok
		case "From":
			s.from, ok = ev.constString(arg(0))
			return s, ok
		case "FromSelect":
			s.from, ok = ev.fromSelect(arg(0), arg(1))
			return s, ok
		case "Set":
			var col, val string
			if col, ok = ev.constString(arg(0)); ok {
				val, ok = ev.value(arg(1), true)
			}
			s.sets = sqAppend(s.sets, col+" = "+val)
			return s, ok
		case "SetMap":
			var keys, vals []string
			keys, vals, ok = ev.mapLit(arg(0))
			for i := range keys {
				s.sets = sqAppend(s.sets, keys[i]+" = "+vals[i])
			}
			return s, ok
		}
	case "DeleteBuilder":
		if name == "From" {
			s.table, ok = ev.constString(arg(0))
			return s, ok
		}
	case "InsertBuilder":
		switch name {
		case "Into":
			s.table, ok = ev.constString(arg(0))
			return s, ok
		case "Options":
			var opts []string
			opts, ok = ev.strings(args, spread)
			s.options = sqAppend(s.options, opts...)
			return s, ok
		case "Columns":
			var cols []string
			cols, ok = ev.strings(args, spread)
			s.columns = sqAppend(s.columns, cols...)
			return s, ok
		case "Values":
			var row []string
			if !spread {
				row = make([]string, len(args))
				for i, a := range args {
					if row[i], ok = ev.value(a, false); !ok {
						return s, false
					}
				}
			}
			s.rows = append(slices.Clip(s.rows), row)
			return s, true
		case "SetMap":
			var keys, vals []string
			keys, vals, ok = ev.mapLit(arg(0))
			s.columns, s.rows = keys, [][]string{vals}
			return s, ok
		case "Select":
			s.selects, ok = ev.sqlizer(arg(0))
			return s, ok
		}
	}
	return s, false
}

func (ev *sqEval) applySelect(s sqStmt, name string, args []ast.Expr, spread bool) (sqStmt, bool) {
	var ok bool
	var p string
	switch name {
	case "Distinct":
		s.options = sqAppend(s.options, "DISTINCT")
		return s, true
	case "Options", "Columns", "GroupBy":
		var list []string
		if list, ok = ev.strings(args, spread); ok {
			switch name {
			case "Options":
				s.options = sqAppend(s.options, list...)
			case "Columns":
				s.columns = sqAppend(s.columns, list...)
			default:
				s.groupBys = sqAppend(s.groupBys, list...)
			}
		}
		return s, ok
	case "RemoveColumns":
		s.columns = nil
		return s, true
	case "Column":
		if len(args) > 0 {
			if p, ok = ev.part(args[0], args[1:], spread); ok && p != "" {
				s.columns = sqAppend(s.columns, p)
			}
		}
		return s, ok
	case "From":
		if len(args) == 1 {
			s.from, ok = ev.constString(args[0])
		}
		return s, ok
	case "FromSelect":
		if len(args) == 2 {
			s.from, ok = ev.fromSelect(args[0], args[1])
		}
		return s, ok
	case "JoinClause", "OrderByClause":
		if len(args) > 0 {
			if p, ok = ev.part(args[0], args[1:], spread); ok && p != "" {
				if name == "JoinClause" {
					s.joins = sqAppend(s.joins, p)
				} else {
					s.orderBys = sqAppend(s.orderBys, p)
				}
			}
		}
		return s, ok
	case "Join", "LeftJoin", "RightJoin", "InnerJoin", "CrossJoin":
		kw := strings.ToUpper(strings.TrimSuffix(name, "Join"))
		if kw != "" {
			kw += " "
		}
		if len(args) > 0 {
			var join string
			if join, ok = ev.constString(args[0]); ok {
				p, ok = ev.expandText(kw+"JOIN "+join, args[1:], spread)
				s.joins = sqAppend(s.joins, p)
			}
		}
		return s, ok
	}
	return s, false
}

// fromSelect renders FromSelect(sub, alias).
func (ev *sqEval) fromSelect(sub, alias ast.Expr) (string, bool) {
	a, ok := ev.constString(alias)
	if !ok {
		return "", false
	}
	s, ok := ev.sqlizer(sub)
	return "(" + s + ") AS " + a, ok
}

// strings returns the constant strings of a variadic ...string argument.
func (ev *sqEval) strings(args []ast.Expr, spread bool) ([]string, bool) {
	if spread {
		return nil, false
	}
	list := make([]string, len(args))
	for i, a := range args {
		var ok bool
		if list[i], ok = ev.constString(a); !ok {
			return nil, false
		}
	}
	return list, true
}

func (ev *sqEval) constString(e ast.Expr) (string, bool) {
	if e == nil {
		return "", false
	}
	tv, ok := ev.info.Types[e]
	if !ok || tv.Value == nil || tv.Value.Kind() != constant.String {
		return "", false
	}
	return constant.StringVal(tv.Value), true
}

func sqIsNil(info *types.Info, e ast.Expr) bool {
	tv, ok := info.Types[e]
	return ok && tv.IsNil()
}

// pred renders a Where or Having predicate: nil and "" add nothing, a
// string is SQL with arguments, a map[string]interface{} is an Eq, and
// anything else a Sqlizer.
func (ev *sqEval) pred(e ast.Expr, args []ast.Expr, spread bool) (string, bool) {
	if e == nil {
		return "", false
	}
	return ev.part(e, args, spread)
}

// part renders a Column, JoinClause or OrderByClause argument: a string
// with arguments, or a Sqlizer.
func (ev *sqEval) part(e ast.Expr, args []ast.Expr, spread bool) (string, bool) {
	if sqIsNil(ev.info, e) {
		return "", true
	}
	if _, ok := ev.constString(e); ok {
		return ev.expand(e, args, spread)
	}
	return ev.sqlizer(e)
}

// expand renders squirrel.Expr(e, args...): the constant SQL e with each
// ? whose argument is a Sqlizer replaced by that Sqlizer's SQL.
func (ev *sqEval) expand(e ast.Expr, args []ast.Expr, spread bool) (string, bool) {
	text, ok := ev.constString(e)
	if !ok {
		return "", false
	}
	return ev.expandText(text, args, spread)
}

func (ev *sqEval) expandText(text string, args []ast.Expr, spread bool) (string, bool) {
	nested := false
	for _, a := range args {
		nested = nested || sqIsSqlizer(ev.info.TypeOf(a))
	}
	if spread || !nested {
		return sqUnescape(text), true
	}
	var b strings.Builder
	for len(args) > 0 {
		i := strings.IndexByte(text, '?')
		if i < 0 {
			break
		}
		if strings.HasPrefix(text[i+1:], "?") {
			b.WriteString(text[:i+1])
			text = text[i+2:]
			continue
		}
		b.WriteString(text[:i])
		if sqIsSqlizer(ev.info.TypeOf(args[0])) {
			sub, ok := ev.sqlizer(args[0])
			if !ok {
				return "", false
			}
			b.WriteString(sub)
		} else {
			b.WriteString("?")
		}
		args, text = args[1:], text[i+1:]
	}
	b.WriteString(sqUnescape(text))
	return b.String(), true
}

// sqUnescape turns squirrel's ?? escape into the ? it stands for, which
// the checker reads as jsonb's operator after an operand.
func sqUnescape(s string) string { return strings.ReplaceAll(s, "??", "?") }

// value renders a value given to Set or Values: a Sqlizer's SQL (a
// subquery parenthesised when paren, as UpdateBuilder.Set does), else a
// placeholder.
func (ev *sqEval) value(e ast.Expr, paren bool) (string, bool) {
	if e == nil {
		return "", false
	}
	t := ev.info.TypeOf(e)
	if !sqIsSqlizer(t) {
		return "?", true
	}
	s, ok := ev.sqlizer(e)
	if paren && sqNamed(t) == "SelectBuilder" {
		s = "(" + s + ")"
	}
	return s, ok
}

// sqlizer renders e, an expression that implements squirrel.Sqlizer: a
// builder, squirrel.Expr, ConcatExpr or Alias, an Eq-style map, And or Or.
func (ev *sqEval) sqlizer(e ast.Expr) (string, bool) {
	if e == nil {
		return "", false
	}
	if !ev.enter() {
		ev.leave()
		return "", false
	}
	defer ev.leave()
	e = ast.Unparen(e)
	if sqBuilders[sqNamed(ev.info.TypeOf(e))] {
		s, ok := ev.builder(e)
		if !ok {
			return "", false
		}
		return s.render()
	}
	switch e := e.(type) {
	case *ast.CompositeLit:
		return ev.compositeLit(e)
	case *ast.CallExpr:
		fn, _ := typeutil.Callee(ev.info, e).(*types.Func)
		if fn == nil || !sqIsPkg(fn.Pkg()) || recvType(fn.Signature()) != nil || len(e.Args) == 0 {
			return "", false
		}
		switch fn.Name() {
		case "Expr":
			return ev.expand(e.Args[0], e.Args[1:], e.Ellipsis.IsValid())
		case "ConcatExpr":
			if e.Ellipsis.IsValid() {
				return "", false
			}
			var b strings.Builder
			for _, part := range e.Args {
				p, ok := ev.constString(part)
				if ok {
					p = sqUnescape(p)
				} else if p, ok = ev.sqlizer(part); !ok {
					return "", false
				}
				b.WriteString(p)
			}
			return b.String(), true
		case "Alias":
			if len(e.Args) == 2 {
				if alias, ok := ev.constString(e.Args[1]); ok {
					s, ok := ev.sqlizer(e.Args[0])
					return "(" + s + ") AS " + alias, ok
				}
			}
		}
	case *ast.Ident:
		if rhs, ok := ev.resolve(e); ok {
			return ev.sqlizer(rhs)
		}
	}
	return "", false
}

// sqMapOps are the operators of squirrel's map types: "=" for Eq renders
// key = ?, key IN (…) for a list and key IS NULL for nil.
var sqMapOps = map[string]string{
	"Eq": "=", "NotEq": "<>",
	"Like": "LIKE", "NotLike": "NOT LIKE", "ILike": "ILIKE", "NotILike": "NOT ILIKE",
	"Lt": "<", "LtOrEq": "<=", "Gt": ">", "GtOrEq": ">=",
}

func (ev *sqEval) compositeLit(lit *ast.CompositeLit) (string, bool) {
	t := ev.info.TypeOf(lit)
	name := sqNamed(t)
	if name == "" && sqIsStringMap(t) {
		name = "Eq" // Where(map[string]interface{}{…})
	}
	if op, ok := sqMapOps[name]; ok {
		keys, vals, ok := ev.mapKeys(lit)
		if !ok {
			return "", false
		}
		if len(keys) == 0 {
			if name == "Eq" || name == "NotEq" {
				return "(1=1)", true
			}
			return "", true
		}
		exprs := make([]string, len(keys))
		for i, k := range keys {
			v := vals[k]
			n, isList := ev.listLen(v)
			switch {
			case sqIsNil(ev.info, v) && (name == "Eq" || name == "NotEq"):
				exprs[i] = k + " IS NULL"
				if name == "NotEq" {
					exprs[i] = k + " IS NOT NULL"
				}
			case isList && (name == "Eq" || name == "NotEq"):
				in := " IN "
				if name == "NotEq" {
					in = " NOT IN "
				}
				switch {
				case n == 0 && name == "Eq":
					exprs[i] = "(1=0)"
				case n == 0:
					exprs[i] = "(1=1)"
				default:
					exprs[i] = k + in + "(" + strings.Repeat("?,", n-1) + "?)"
				}
			case sqIsNil(ev.info, v) || isList:
				return "", false // squirrel refuses these
			default:
				exprs[i] = k + " " + op + " ?"
			}
		}
		return strings.Join(exprs, " AND "), true
	}
	if name == "And" || name == "Or" {
		if len(lit.Elts) == 0 {
			if name == "And" {
				return "(1=1)", true
			}
			return "(1=0)", true
		}
		var parts []string
		for _, elt := range lit.Elts {
			p, ok := ev.sqlizer(elt)
			if !ok {
				return "", false
			}
			if p != "" {
				parts = append(parts, p)
			}
		}
		if len(parts) == 0 {
			return "", true
		}
		return "(" + strings.Join(parts, " "+strings.ToUpper(name)+" ") + ")", true
	}
	return "", false
}

// mapLit renders the map given to SetMap: its keys in order, with each
// value rendered as Set renders it.
func (ev *sqEval) mapLit(e ast.Expr) (keys, vals []string, ok bool) {
	lit, ok := ev.literal(e)
	if !ok {
		return nil, nil, false
	}
	keys, byKey, ok := ev.mapKeys(lit)
	if !ok {
		return nil, nil, false
	}
	vals = make([]string, len(keys))
	for i, k := range keys {
		if vals[i], ok = ev.value(byKey[k], true); !ok {
			return nil, nil, false
		}
	}
	return keys, vals, true
}

// literal finds the composite literal that e is or that a variable holds.
func (ev *sqEval) literal(e ast.Expr) (*ast.CompositeLit, bool) {
	for range sqMaxDepth {
		switch x := ast.Unparen(e).(type) {
		case *ast.CompositeLit:
			return x, true
		case *ast.Ident:
			rhs, ok := ev.resolve(x)
			if !ok {
				return nil, false
			}
			e = rhs
		default:
			return nil, false
		}
	}
	return nil, false
}

// mapKeys returns the constant string keys of a map literal, sorted as
// squirrel sorts them, and the value of each.
func (ev *sqEval) mapKeys(lit *ast.CompositeLit) ([]string, map[string]ast.Expr, bool) {
	vals := map[string]ast.Expr{}
	keys := make([]string, 0, len(lit.Elts))
	for _, elt := range lit.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if !ok {
			return nil, nil, false
		}
		k, ok := ev.constString(kv.Key)
		if !ok {
			return nil, nil, false
		}
		keys = append(keys, k)
		vals[k] = kv.Value
	}
	sort.Strings(keys)
	return keys, vals, true
}

// listLen reports whether squirrel expands v into a list, as it does a
// slice or an array other than []byte and a driver.Valuer, and how many
// values the list has: the length of an array or of a slice literal, and
// otherwise two, which is more than one tenant.
func (ev *sqEval) listLen(v ast.Expr) (int, bool) {
	t := ev.info.TypeOf(v)
	if t == nil || sqHasMethod(t, "Value") {
		return 0, false
	}
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	switch u := t.Underlying().(type) {
	case *types.Array:
		return int(u.Len()), true
	case *types.Slice:
		if b, ok := u.Elem().Underlying().(*types.Basic); ok && b.Kind() == types.Byte {
			return 0, false
		}
		if lit, ok := ast.Unparen(v).(*ast.CompositeLit); ok {
			for _, elt := range lit.Elts {
				if _, indexed := elt.(*ast.KeyValueExpr); indexed {
					return 2, true
				}
			}
			return len(lit.Elts), true
		}
		return 2, true
	}
	return 0, false
}

// sqNamed is the name of t when t is a named type of squirrel.
func sqNamed(t types.Type) string {
	if t == nil {
		return ""
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || !sqIsPkg(n.Obj().Pkg()) {
		return ""
	}
	return n.Obj().Name()
}

func sqIsStringMap(t types.Type) bool {
	m, ok := t.(*types.Map)
	return ok && isString(m.Key()) && isInterface(m.Elem())
}

// sqIsSqlizer reports whether t has squirrel.Sqlizer's method.
func sqIsSqlizer(t types.Type) bool {
	return t != nil && sqHasMethod(t, "ToSql")
}

func sqHasMethod(t types.Type, name string) bool {
	obj, _, _ := types.LookupFieldOrMethod(t, true, nil, name)
	_, ok := obj.(*types.Func)
	return ok
}

// resolve returns the expression that variable id holds where it is used,
// or false when that cannot be told.
func (ev *sqEval) resolve(id *ast.Ident) (ast.Expr, bool) {
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
func (ev *sqEval) global(v *types.Var) (ast.Expr, bool) {
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
			sqWalk(f, func(id *ast.Ident, stack []ast.Node) {
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

// sqWalk calls fn for every identifier under root, with the path to it.
func sqWalk(root ast.Node, fn func(id *ast.Ident, stack []ast.Node)) {
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

// sqLocal is what one scan of a function tells about a local variable.
type sqLocal struct {
	escapes bool
	assigns map[ast.Stmt]ast.Expr // statements that assign it, with the value (nil: unknown)
}

// local returns the value that local variable v holds at its use id: the
// value of the last assignment before id on the path of statements that
// runs every time id does. See squirrelSites for the rules.
func (ev *sqEval) local(id *ast.Ident, v *types.Var) (ast.Expr, bool) {
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
			before = sqBefore(p.List, child)
		case *ast.CaseClause:
			before = sqBefore(p.Body, child)
		case *ast.CommClause:
			before = sqBefore(p.Body, child)
		case *ast.ForStmt:
			loops = append(loops, p)
			before = sqInit(p.Init, child)
		case *ast.RangeStmt:
			loops = append(loops, p)
		case *ast.IfStmt:
			before = sqInit(p.Init, child)
		case *ast.SwitchStmt:
			before = sqInit(p.Init, child)
		case *ast.TypeSwitchStmt:
			before = sqInit(p.Init, child)
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
		if loop.Pos() > last.End() || sqForInit(loop) == last {
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

// sqBefore returns the statements of list before child.
func sqBefore(list []ast.Stmt, child ast.Node) []ast.Stmt {
	k := slices.IndexFunc(list, func(s ast.Stmt) bool { return s == child })
	return list[:max(k, 0)]
}

// sqInit returns the Init statement of an if, for or switch, which runs
// before child unless it is child.
func sqInit(init ast.Stmt, child ast.Node) []ast.Stmt {
	if init == nil || init == child {
		return nil
	}
	return []ast.Stmt{init}
}

func sqForInit(n ast.Node) ast.Stmt {
	if f, ok := n.(*ast.ForStmt); ok {
		return f.Init
	}
	return nil
}

// filterOf reports whether e is v extended by filter methods only:
// v.Where(…).OrderBy(…).
func (ev *sqEval) filterOf(e ast.Expr, v *types.Var) bool {
	for range sqMaxDepth {
		switch x := ast.Unparen(e).(type) {
		case *ast.Ident:
			return ev.info.Uses[x] == v
		case *ast.CallExpr:
			sel, ok := ast.Unparen(x.Fun).(*ast.SelectorExpr)
			if !ok || !sqFilterMethods[sel.Sel.Name] || ev.info.Selections[sel] == nil ||
				ev.info.Selections[sel].Kind() != types.MethodVal || sqNamed(ev.info.TypeOf(sel.X)) == "" {
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
// a method call, an argument to squirrel or an element of its And or Or.
func (ev *sqEval) scanLocal(v *types.Var, body *ast.BlockStmt) *sqLocal {
	if l := ev.locals[v]; l != nil {
		return l
	}
	l := &sqLocal{assigns: map[ast.Stmt]ast.Expr{}}
	ev.locals[v] = l
	sqWalk(body, func(id *ast.Ident, stack []ast.Node) {
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
			var rhs ast.Expr
			if len(p.Rhs) == len(p.Lhs) {
				rhs = p.Rhs[i]
			}
			l.assigns[p] = rhs
			return
		case *ast.ValueSpec:
			i := slices.Index(p.Names, id)
			decl, ok := stack[len(stack)-4].(*ast.DeclStmt)
			if i < 0 || !ok {
				l.escapes = true
				return
			}
			var rhs ast.Expr
			if len(p.Values) == len(p.Names) {
				rhs = p.Values[i]
			}
			l.assigns[decl] = rhs
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
				return // a method call
			}
		case *ast.CallExpr:
			// Squirrel's builders are values that its functions and
			// methods never change: an argument to them is read, as a
			// subquery, an expression's argument or the statement that
			// squirrel.ExecWith runs.
			fn, _ := typeutil.Callee(ev.info, p).(*types.Func)
			if fn != nil && sqIsPkg(fn.Pkg()) && slices.Contains(p.Args, ast.Expr(id)) {
				return
			}
		case *ast.CompositeLit:
			if sqNamed(ev.info.TypeOf(p)) != "" {
				return // an element of squirrel.And or Or
			}
		}
		l.escapes = true
	})
	return l
}
