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
	Kind     string // "select", "insert", "update", "delete"; "" for StatementBuilder
	Keyword  string // INSERT or REPLACE
	Table    string // UPDATE's table, INSERT's INTO, DELETE's FROM
	From     string // SELECT's and UPDATE's FROM
	Prefixes []string
	Options  []string
	Columns  []string // SELECT's result columns, INSERT's column list
	Joins    []string
	Wheres   []string
	GroupBys []string
	Havings  []string
	OrderBys []string
	Limit    bool
	Offset   bool
	Suffixes []string
	Sets     []string // UPDATE's "col = value"
	Rows     []sqRow  // INSERT's VALUES
	Selects  string   // INSERT … SELECT
}

// sqRow is one row of INSERT's VALUES. Spread marks Values(vals...), whose
// values cannot be counted. It is a field of its own, not a nil Values,
// since gob, which encodes facts, does not tell nil from empty.
type sqRow struct {
	Values []string
	Spread bool
}

// add appends part to the clause that the method name adds to. An empty
// part adds nothing, as squirrel leaves out an empty Where or Prefix.
func (s *sqStmt) add(name, part string) {
	if part == "" {
		return
	}
	switch name {
	case "Where":
		s.Wheres = sqAppend(s.Wheres, part)
	case "Having":
		s.Havings = sqAppend(s.Havings, part)
	case "Prefix", "PrefixExpr":
		s.Prefixes = sqAppend(s.Prefixes, part)
	case "Suffix", "SuffixExpr":
		s.Suffixes = sqAppend(s.Suffixes, part)
	}
}

func sqAppend(list []string, items ...string) []string {
	return append(slices.Clip(list), items...)
}

// render returns the statement's SQL, or false when squirrel would refuse
// to build it.
func (s sqStmt) render() (string, bool) {
	var b strings.Builder
	if len(s.Prefixes) > 0 {
		b.WriteString(strings.Join(s.Prefixes, " ") + " ")
	}
	where := func() {
		if len(s.Wheres) > 0 {
			b.WriteString(" WHERE " + strings.Join(s.Wheres, " AND "))
		}
	}
	orderLimit := func() {
		if len(s.OrderBys) > 0 {
			b.WriteString(" ORDER BY " + strings.Join(s.OrderBys, ", "))
		}
		if s.Limit {
			b.WriteString(" LIMIT 1")
		}
		if s.Offset {
			b.WriteString(" OFFSET 1")
		}
	}
	switch s.Kind {
	case "select":
		if len(s.Columns) == 0 {
			return "", false
		}
		b.WriteString("SELECT ")
		if len(s.Options) > 0 {
			b.WriteString(strings.Join(s.Options, " ") + " ")
		}
		b.WriteString(strings.Join(s.Columns, ", "))
		if s.From != "" {
			b.WriteString(" FROM " + s.From)
		}
		if len(s.Joins) > 0 {
			b.WriteString(" " + strings.Join(s.Joins, " "))
		}
		where()
		if len(s.GroupBys) > 0 {
			b.WriteString(" GROUP BY " + strings.Join(s.GroupBys, ", "))
		}
		if len(s.Havings) > 0 {
			b.WriteString(" HAVING " + strings.Join(s.Havings, " AND "))
		}
		orderLimit()
	case "update":
		if s.Table == "" || len(s.Sets) == 0 {
			return "", false
		}
		b.WriteString("UPDATE " + s.Table + " SET " + strings.Join(s.Sets, ", "))
		if s.From != "" {
			b.WriteString(" FROM " + s.From)
		}
		where()
		orderLimit()
	case "delete":
		if s.Table == "" {
			return "", false
		}
		b.WriteString("DELETE FROM " + s.Table)
		where()
		orderLimit()
	case "insert":
		if s.Table == "" || len(s.Rows) == 0 && s.Selects == "" {
			return "", false
		}
		b.WriteString(s.Keyword + " ")
		if len(s.Options) > 0 {
			b.WriteString(strings.Join(s.Options, " ") + " ")
		}
		b.WriteString("INTO " + s.Table + " ")
		if len(s.Columns) > 0 {
			b.WriteString("(" + strings.Join(s.Columns, ",") + ") ")
		}
		if s.Selects != "" {
			b.WriteString(s.Selects)
			break
		}
		rows := make([]string, len(s.Rows))
		for i, r := range s.Rows {
			row := r.Values
			if r.Spread {
				// Values(vals...): one value a column, as far as can be seen.
				if len(s.Columns) == 0 {
					return "", false
				}
				row = slices.Repeat([]string{"?"}, len(s.Columns))
			}
			rows[i] = "(" + strings.Join(row, ",") + ")"
		}
		b.WriteString("VALUES " + strings.Join(rows, ","))
	default:
		return "", false
	}
	if len(s.Suffixes) > 0 {
		b.WriteString(" " + strings.Join(s.Suffixes, " "))
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
			cols, ok = ev.strings(args, spread)
			s.Columns = sqAppend(s.Columns, cols...)
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
				s.OrderBys = sqAppend(s.OrderBys, o)
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
			s.Sets = sqAppend(s.Sets, col+" = "+val)
			return s, ok
		case "SetMap":
			var keys, vals []string
			keys, vals, ok = ev.mapLit(arg(0))
			for i := range keys {
				s.Sets = sqAppend(s.Sets, keys[i]+" = "+vals[i])
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
			opts, ok = ev.strings(args, spread)
			s.Options = sqAppend(s.Options, opts...)
			return s, ok
		case "Columns":
			var cols []string
			cols, ok = ev.strings(args, spread)
			s.Columns = sqAppend(s.Columns, cols...)
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
			s.Rows = append(slices.Clip(s.Rows), sqRow{Values: row, Spread: spread})
			return s, true
		case "SetMap":
			var keys, vals []string
			keys, vals, ok = ev.mapLit(arg(0))
			s.Columns, s.Rows = keys, []sqRow{{Values: vals}}
			return s, ok
		case "Select":
			s.Selects, ok = ev.sqlizer(arg(0))
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
		s.Options = sqAppend(s.Options, "DISTINCT")
		return s, true
	case "Options", "Columns", "GroupBy":
		var list []string
		if list, ok = ev.strings(args, spread); ok {
			switch name {
			case "Options":
				s.Options = sqAppend(s.Options, list...)
			case "Columns":
				s.Columns = sqAppend(s.Columns, list...)
			default:
				s.GroupBys = sqAppend(s.GroupBys, list...)
			}
		}
		return s, ok
	case "RemoveColumns":
		s.Columns = nil
		return s, true
	case "Column":
		if len(args) > 0 {
			if p, ok = ev.part(args[0], args[1:], spread); ok && p != "" {
				s.Columns = sqAppend(s.Columns, p)
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
					s.Joins = sqAppend(s.Joins, p)
				} else {
					s.OrderBys = sqAppend(s.OrderBys, p)
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
				s.Joins = sqAppend(s.Joins, p)
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
