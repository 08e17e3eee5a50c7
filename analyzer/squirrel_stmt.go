package analyzer

import (
	"go/ast"
	"slices"
	"strings"
)

// This file holds the builder state: the parts of a statement, what each
// builder method adds to them, and the SQL squirrel renders from them.

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
