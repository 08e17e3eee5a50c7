package analyzer

import (
	"go/ast"
	"go/types"
	"slices"
	"strings"
)

// Squirrel (github.com/Masterminds/squirrel) builds SQL from value
// builders:
//
//	sq.Select("id").From("orders").Where(sq.Eq{"tenant_id": t}).RunWith(db).Query()
//
// A chain starts at squirrel.Select, Insert, Replace, Update and Delete,
// or at squirrel.StatementBuilder and its methods, and is checked where it
// is rendered or run (ToSql, MustSql, Exec, Query, QueryRow, Scan and their
// Context variants, and squirrel.ExecWith and its kin).
//
// Values become placeholders. A slice or array in an Eq or NotEq becomes a
// list: as many placeholders as a literal or array has, else two, so that
// tenant_id IN (…) of a slice does not scope. A run-time sort column in
// OrderBy stands in as a constant. Arguments of a string predicate are
// single values, as squirrel binds them; a Sqlizer among them is expanded
// in place, as squirrel.Expr does.
type sqLib struct{ *chainEval }

func newSquirrel(ev *chainEval) builderLib { return sqLib{ev} }

func sqIsPkg(p *types.Package) bool { return p != nil && builderPaths[p.Path()] == "sq" }

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

// sqFilterMethods only narrow or order a query.
var sqFilterMethods = map[string]bool{
	"Where": true, "OrderBy": true, "OrderByClause": true, "GroupBy": true, "Having": true,
	"Limit": true, "Offset": true, "RemoveLimit": true, "RemoveOffset": true,
	"Distinct": true, "PlaceholderFormat": true, "RunWith": true,
}

func (ev sqLib) run(fn *types.Func, call *ast.CallExpr) (string, bool, bool) {
	stmt := sqTerminal(ev.info, fn, call)
	if stmt == nil {
		return "", false, false
	}
	sql, known := ev.sqlizer(stmt)
	return sql, known, true
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

func (ev sqLib) start(obj types.Object, call *ast.CallExpr) (chainStmt, bool) {
	if call == nil {
		return chainStmt{}, obj.Name() == "StatementBuilder"
	}
	switch obj.Name() {
	case "Select", "Insert", "Replace", "Update", "Delete":
		return ev.apply(chainStmt{}, "StatementBuilderType", obj.Name(), call)
	}
	return chainStmt{}, false
}

func (ev sqLib) method(s chainStmt, recv, name string, call *ast.CallExpr) (chainStmt, bool) {
	return ev.apply(s, recv, name, call)
}

func (sqLib) narrows(name string) bool { return sqFilterMethods[name] }

// Squirrel's builders are values that its functions and methods never
// change.
func (sqLib) inPlace(string) bool { return false }

func (sqLib) reads(*types.Func) bool { return true }

func (sqLib) bare(string) bool { return false }

// A squirrel builder gets the fact only when built from constants alone,
// as the README promises: a squirrel helper that takes values is often a
// filter its callers combine, and reading it as a base would change which
// chains are checked.
func (sqLib) constantsOnly() bool { return true }

func (sqLib) handle(types.Type) (bool, bool) { return false, false }

func (sqLib) isBuilder(t types.Type) bool {
	name := sqNamed(t)
	return sqBuilders[name] || name == "StatementBuilderType"
}

// add appends part to the clause that the method name adds to. An empty
// part adds nothing, as squirrel leaves out an empty Where or Prefix.
func (s *chainStmt) add(name, part string) {
	if part == "" {
		return
	}
	switch name {
	case "Where":
		s.Wheres = chainAppend(s.Wheres, part)
	case "Having":
		s.Havings = chainAppend(s.Havings, part)
	case "Prefix", "PrefixExpr":
		s.Prefixes = chainAppend(s.Prefixes, part)
	case "Suffix", "SuffixExpr":
		s.Suffixes = chainAppend(s.Suffixes, part)
	}
}

// apply returns s after the method name of the builder type recv, called
// by call.
func (ev sqLib) apply(s chainStmt, recv, name string, call *ast.CallExpr) (chainStmt, bool) {
	args, spread := call.Args, call.Ellipsis.IsValid()
	arg := func(i int) ast.Expr { return argAt(args, i) }
	var ok bool
	switch name {
	case "PlaceholderFormat", "RunWith":
		return s, true
	case "Where", "Having":
		if recv == "InsertBuilder" || recv == "StatementBuilderType" && name == "Having" {
			return s, false
		}
		var w string
		if w, ok = ev.pred(arg(0), args[1:], spread); ok {
			s.add(name, w)
		}
		return s, ok
	}
	if recv == "StatementBuilderType" {
		switch name {
		case "Select":
			s.Kind = "select"
			var cols []string
			cols, ok = ev.constStrings(args, spread)
			s.Columns = chainAppend(s.Columns, cols...)
		case "Insert", "Replace":
			s.Kind, s.Keyword = "insert", strings.ToUpper(name)
			s.Table, ok = ev.constString(arg(0))
		case "Update":
			s.Kind = "update"
			s.Table, ok = ev.constString(arg(0))
		case "Delete":
			s.Kind = "delete"
			s.Table, ok = ev.constString(arg(0))
		}
		return s, ok
	}
	// Methods that every statement builder has.
	switch name {
	case "Prefix", "Suffix":
		var p string
		if p, ok = ev.expand(arg(0), args[1:], spread); ok {
			s.add(name, p)
		}
		return s, ok
	case "PrefixExpr", "SuffixExpr":
		var p string
		if p, ok = ev.sqlizer(arg(0)); ok {
			s.add(name, p)
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
				s.OrderBys = chainAppend(s.OrderBys, o)
			}
			return s, true
		}
	case "Limit", "RemoveLimit", "Offset", "RemoveOffset":
		if recv != "InsertBuilder" {
			switch name {
			case "Limit", "RemoveLimit":
				s.Limit = name == "Limit"
			default:
				s.Offset = name == "Offset"
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
			s.Table, ok = ev.constString(arg(0))
			return s, ok
		case "From":
			s.From, ok = ev.constString(arg(0))
			return s, ok
		case "FromSelect":
			s.From, ok = ev.fromSelect(arg(0), arg(1))
			return s, ok
		case "Set":
			var col, val string
			if col, ok = ev.constString(arg(0)); ok {
				val, ok = ev.value(arg(1), true)
			}
			s.Sets = chainAppend(s.Sets, col+" = "+val)
			return s, ok
		case "SetMap":
			var keys, vals []string
			keys, vals, ok = ev.mapLit(arg(0))
			for i := range keys {
				s.Sets = chainAppend(s.Sets, keys[i]+" = "+vals[i])
			}
			return s, ok
		}
	case "DeleteBuilder":
		if name == "From" {
			s.Table, ok = ev.constString(arg(0))
			return s, ok
		}
	case "InsertBuilder":
		switch name {
		case "Into":
			s.Table, ok = ev.constString(arg(0))
			return s, ok
		case "Options":
			var opts []string
			opts, ok = ev.constStrings(args, spread)
			s.Options = chainAppend(s.Options, opts...)
			return s, ok
		case "Columns":
			var cols []string
			cols, ok = ev.constStrings(args, spread)
			s.Columns = chainAppend(s.Columns, cols...)
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
			s.Rows = append(slices.Clip(s.Rows), chainRow{Values: row, Spread: spread})
			return s, true
		case "SetMap":
			var keys, vals []string
			keys, vals, ok = ev.mapLit(arg(0))
			s.Columns, s.Rows = keys, []chainRow{{Values: vals}}
			return s, ok
		case "Select":
			s.Selects, ok = ev.sqlizer(arg(0))
			return s, ok
		}
	}
	return s, false
}

func (ev sqLib) applySelect(s chainStmt, name string, args []ast.Expr, spread bool) (chainStmt, bool) {
	var ok bool
	var p string
	switch name {
	case "Distinct":
		s.Options = chainAppend(s.Options, "DISTINCT")
		return s, true
	case "Options", "Columns", "GroupBy":
		var list []string
		if list, ok = ev.constStrings(args, spread); ok {
			switch name {
			case "Options":
				s.Options = chainAppend(s.Options, list...)
			case "Columns":
				s.Columns = chainAppend(s.Columns, list...)
			default:
				s.GroupBys = chainAppend(s.GroupBys, list...)
			}
		}
		return s, ok
	case "RemoveColumns":
		s.Columns = nil
		return s, true
	case "Column":
		if len(args) > 0 {
			if p, ok = ev.part(args[0], args[1:], spread); ok && p != "" {
				s.Columns = chainAppend(s.Columns, p)
			}
		}
		return s, ok
	case "From":
		if len(args) == 1 {
			s.From, ok = ev.constString(args[0])
		}
		return s, ok
	case "FromSelect":
		if len(args) == 2 {
			s.From, ok = ev.fromSelect(args[0], args[1])
		}
		return s, ok
	case "JoinClause", "OrderByClause":
		if len(args) > 0 {
			if p, ok = ev.part(args[0], args[1:], spread); ok && p != "" {
				if name == "JoinClause" {
					s.Joins = chainAppend(s.Joins, p)
				} else {
					s.OrderBys = chainAppend(s.OrderBys, p)
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
				s.Joins = chainAppend(s.Joins, p)
			}
		}
		return s, ok
	}
	return s, false
}

// fromSelect renders FromSelect(sub, alias).
func (ev sqLib) fromSelect(sub, alias ast.Expr) (string, bool) {
	a, ok := ev.constString(alias)
	if !ok {
		return "", false
	}
	s, ok := ev.sqlizer(sub)
	return "(" + s + ") AS " + a, ok
}
