package analyzer

import (
	"go/ast"
	"go/types"
	"regexp"
	"slices"
	"strings"
)

// pop (github.com/gobuffalo/pop/v6, and ory's fork github.com/ory/pop/v6,
// which kratos uses) chains methods of *pop.Query, started from a
// *pop.Connection, and runs the statement at a finder or executor:
//
//	c.Where("nid = ?", nid).Order("id DESC").All(&identities)
//	c.Find(&identity, id) // SELECT … FROM identities AS identities WHERE identities.id = ? LIMIT 1
//
// A *pop.Connection holds no clause, wherever it comes from. The table is
// the model's: its TableName method, with or without a context, when that
// returns a constant, else pop's naming, the snake-case plural of the type
// name. A struct's columns are its `db` tags, or its field names where a
// field has no pop tag at all; `db:"-"` is none, and `rw:"r"`, `rw:"w"`
// and `select:"…"` say whether pop reads or writes one.
//
// pop joins Where fragments with AND and adds no parentheses, so
// Where("nid = ?").Where("a > ? OR b > ?") reads every tenant's rows where
// b > ?: the rebuilt SQL keeps that shape for the checker to report.
//
// pop writes every column of the model. Update, UpdateColumns, Destroy and
// Reload name the row by its id alone, so their SQL is known from the type
// and has no tenant predicate; Update also sets the tenant column to the
// value's. Create writes the tenant column even when
// the value leaves it zero, which is no tenant: a struct literal's INSERT
// lists the columns the literal gives a value (and those pop fills
// itself: the key, created_at, updated_at), so that one without the tenant
// is reported. RawQuery is a query site of its own.
//
// Unknown, and so silent: Create and Save of anything but a literal, a
// model with a hook that may set fields first (BeforeCreate, BeforeSave,
// BeforeValidate) or a literal that sets an association, a model that is
// an interface or a string, BelongsTo and BelongsToThrough, Where, Join or
// Select text that is not constant. Eager and EagerPreload pass through:
// the statement is the same, and the association loads that pop runs after
// it, by foreign key alone, are not seen.
type popLib struct{ *chainEval }

func newPop(ev *chainEval) builderLib { return popLib{ev} }

// popRuns run a statement; the rest of the methods modelled chain.
var popRuns = map[string]bool{
	"Find": true, "First": true, "Last": true, "All": true, "Count": true, "CountByField": true,
	"Exists": true, "Delete": true, "UpdateQuery": true, "Exec": true, "ExecWithCount": true,
	"Reload": true, "Create": true, "ValidateAndCreate": true, "Update": true, "ValidateAndUpdate": true,
	"UpdateColumns": true, "Destroy": true, "Save": true, "ValidateAndSave": true,
}

// popNarrows only narrow, order or shape the result.
var popNarrows = map[string]bool{
	"Where": true, "Order": true, "Limit": true, "Paginate": true, "PaginateFromParams": true,
	"Select": true, "GroupBy": true, "Having": true, "Eager": true, "EagerPreload": true, "BelongsToAs": true,
}

// popJoins are the join methods, with the keyword each writes.
var popJoins = map[string]string{
	"Join": "JOIN", "LeftJoin": "LEFT JOIN", "RightJoin": "RIGHT JOIN", "LeftOuterJoin": "LEFT OUTER JOIN",
	"RightOuterJoin": "RIGHT OUTER JOIN", "InnerJoin": "INNER JOIN",
}

// popIn is what pop's Where expands into one placeholder an argument, and
// what sqlx.In expands a slice in: "in (?)", in any case, also at the end
// of a longer word, as pop's own pattern matches.
var popIn = regexp.MustCompile(`(?i)in\s*\(\s*\?\s*\)`)

func (ev popLib) run(fn *types.Func, call *ast.CallExpr) (string, bool, bool) {
	recv := recvType(fn.Signature())
	if recv == nil || !popRuns[fn.Name()] || recv.Name() != "Connection" && recv.Name() != "Query" {
		return "", false, false
	}
	s, ok := ev.builder(call)
	if s.Kind == "raw" {
		return "", false, false // checked where RawQuery is called
	}
	if ok && s.Kind == "" {
		return "", false, false // Exec of a built query: pop refuses to send it
	}
	if !ok {
		return "", false, true
	}
	sql, ok := s.render()
	if !ok {
		return "", false, true
	}
	switch fn.Name() {
	case "Count", "CountByField":
		field := "*"
		if fn.Name() == "CountByField" {
			if field, ok = ev.constString(call.Args[1]); !ok {
				return "", false, true
			}
		}
		sql = "SELECT COUNT(" + field + ") AS row_count FROM (" + sql + ") a"
	case "Exists":
		sql = "SELECT EXISTS (" + sql + ")"
	}
	return sql, true, true
}

// start reads pop.Q(c), which starts an empty query on any connection.
func (popLib) start(obj types.Object, call *ast.CallExpr) (chainStmt, bool) {
	return chainStmt{}, call != nil && obj.Name() == "Q"
}

func (ev popLib) method(s chainStmt, recv, name string, call *ast.CallExpr) (chainStmt, bool) {
	if recv != "Connection" && recv != "Query" {
		return s, false
	}
	if name == "RawQuery" {
		return chainStmt{Kind: "raw"}, true
	}
	if s.Kind == "raw" {
		return s, true // pop ignores the clauses of a raw query: the SQL is RawQuery's
	}
	args, spread := call.Args, call.Ellipsis.IsValid()
	arg := func(i int) ast.Expr { return argAt(args, i) }
	var ok bool
	switch name {
	case "Q", "Eager", "EagerPreload":
		return s, true
	case "Where":
		var w string
		w, ok = ev.where(arg(0), args[1:], spread)
		s.Wheres = chainAppend(s.Wheres, w)
		return s, ok
	case "BelongsToAs":
		var as string
		as, ok = ev.constString(arg(1))
		s.Wheres = chainAppend(s.Wheres, as+" = ?")
		return s, ok
	case "Order":
		// A sort column chosen at run time is common and changes no row's
		// tenant, so it stands in as a constant.
		o, isConst := ev.constString(arg(0))
		if !isConst {
			o = "1"
		}
		s.OrderBys = chainAppend(s.OrderBys, o)
		return s, true
	case "Limit":
		s.Limit = true
		return s, true
	case "Paginate", "PaginateFromParams":
		s.Limit, s.Offset = true, true
		return s, true
	case "Select":
		var cols []string
		if cols, ok = ev.constStrings(args, spread); ok {
			for _, c := range cols {
				if strings.TrimSpace(c) != "" {
					s.Columns = chainAppend(s.Columns, c)
				}
			}
		}
		return s, ok
	case "GroupBy":
		var fields []string
		fields, ok = ev.constStrings(args, spread)
		s.GroupBys = chainAppend(s.GroupBys, fields...)
		return s, ok
	case "Having":
		var cond string
		cond, ok = ev.constString(arg(0))
		s.Havings = chainAppend(s.Havings, cond)
		return s, ok
	case "Scope":
		var d chainStmt
		d, ok = ev.scope(arg(0))
		return s.extend(d), ok
	}
	if kw, isJoin := popJoins[name]; isJoin {
		table, ok := ev.constString(arg(0))
		on, onConst := ev.constString(arg(1))
		join := kw + " " + table
		if on != "" {
			join += " ON " + on
		}
		s.Joins = chainAppend(s.Joins, join)
		return s, ok && onConst
	}
	if popRuns[name] {
		return ev.finish(s, name, args, spread)
	}
	return s, false
}

// where renders a Where fragment as pop adds it: the text as it is, with
// "in (?)" written as one placeholder for each argument, or for each
// element of the one slice that sqlx.In later expands.
func (ev popLib) where(stmt ast.Expr, args []ast.Expr, spread bool) (string, bool) {
	text, ok := ev.constString(stmt)
	if !ok || strings.TrimSpace(text) == "" {
		return "", false
	}
	if !popIn.MatchString(text) {
		return text, true
	}
	n := len(args)
	switch {
	case spread:
		n = 2 // as many as the slice holds: more than one tenant
	case n == 1:
		if k, isList := ev.listLen(args[0]); isList {
			n = max(k, 1)
		}
	case n == 0:
		return "", false
	}
	list := " IN (" + strings.TrimSuffix(strings.Repeat("?,", n), ",") + ")"
	return popIn.ReplaceAllLiteralString(text, list), true
}

// finish returns the statement that the finder or executor name runs on s,
// for the model in args[0].
func (ev popLib) finish(s chainStmt, name string, args []ast.Expr, spread bool) (chainStmt, bool) {
	if len(args) == 0 {
		return chainStmt{}, true // Exec or ExecWithCount: no statement unless raw
	}
	m, ok := ev.model(args[0])
	if !ok {
		return s, false
	}
	// The column names that a write takes after the model.
	var names []string
	switch name {
	case "UpdateQuery", "Update", "ValidateAndUpdate", "UpdateColumns", "Create", "ValidateAndCreate", "Save", "ValidateAndSave":
		if names, ok = ev.constStrings(args[1:], spread); !ok {
			return s, false
		}
	}
	switch name {
	case "Find", "Reload":
		s.Wheres = chainAppend(s.Wheres, m.whereID())
		s.Limit = true
	case "First":
		s.Limit = true
	case "Last":
		s.Limit = true
		s.OrderBys = chainAppend(s.OrderBys, "created_at DESC, id DESC")
	case "All":
	case "Count", "CountByField", "Exists":
		// pop counts or tests the query without its order, limit or page.
		s.OrderBys, s.Limit, s.Offset = nil, false, false
	case "Delete":
		return chainStmt{Kind: "delete", Table: m.table + " AS " + m.alias, Wheres: s.Wheres}, true
	case "Destroy":
		return chainStmt{Kind: "delete", Table: popQuote(m.table) + " AS " + m.alias, Wheres: []string{m.whereID()}}, true
	case "UpdateQuery":
		if m.slice {
			return s, false
		}
		cols := m.named(names)
		if m.field("UpdatedAt") != nil {
			cols = cols.add(parsePopColumn("updated_at", m.alias, m.id))
		}
		return m.update(cols.remove(m.id, "created_at"), s.Wheres), true
	case "Update", "ValidateAndUpdate":
		return m.update(m.cols.remove(m.id, "created_at").remove(names...), []string{m.whereID()}), true
	case "UpdateColumns":
		cols := m.cols
		if len(names) > 0 {
			cols = m.named(names)
		}
		return m.update(cols.remove("id", "created_at"), []string{m.whereID()}), true
	case "Create", "ValidateAndCreate", "Save", "ValidateAndSave":
		return ev.create(m, name, args[0], names)
	}
	s.Kind = "select"
	// The columns Select names, else the model's, sorted as pop writes
	// them.
	cols := m.cols
	if len(s.Columns) > 0 {
		cols = nil
		for _, c := range s.Columns {
			cols = cols.add(parsePopColumn(c, "", m.id))
		}
	}
	s.Columns = nil
	for _, c := range cols {
		if c.read {
			s.Columns = append(s.Columns, c.sel)
		}
	}
	slices.Sort(s.Columns)
	s.From = m.table + " AS " + m.alias
	if len(s.GroupBys) == 0 {
		s.Havings = nil // pop writes HAVING only after a GROUP BY
	}
	return s, true
}

// create returns the INSERT that Create writes for value, a struct literal,
// or the UPDATE that Save writes for a literal that sets the key.
func (ev popLib) create(m popModel, name string, value ast.Expr, exclude []string) (chainStmt, bool) {
	lit, ok := structLit(value)
	if !ok || m.slice {
		return chainStmt{}, false
	}
	hooks := []string{"BeforeCreate", "BeforeSave"}
	if strings.HasPrefix(name, "Validate") {
		hooks = append(hooks, "BeforeValidate")
	}
	if hasMethod(m.typ, hooks...) {
		return chainStmt{}, false // a hook may set the tenant
	}
	given, ok := ev.given(lit, m.st)
	if !ok {
		return chainStmt{}, false
	}
	if id := m.field("ID"); id != nil && given[id] && strings.HasSuffix(name, "Save") {
		return m.update(m.cols.remove(m.id, "created_at").remove(exclude...), []string{m.whereID()}), true
	}
	for _, f := range []string{"CreatedAt", "UpdatedAt"} {
		if v := m.field(f); v != nil {
			given[v] = true // pop sets them
		}
	}
	cols := m.cols.remove(exclude...)
	var suffix []string
	switch m.idType {
	case "int", "int64":
		cols = cols.remove(m.id)
		suffix = []string{"RETURNING " + m.id}
	case "UUID", "string":
		// pop writes the key, which it makes for an empty UUID.
		id := parsePopColumn(m.id, m.alias, "")
		id.field = nil
		cols = cols.remove(m.id).add(id)
	default:
		return chainStmt{}, false // pop refuses a key of another type
	}
	var names []string
	for _, c := range cols {
		if c.write && (c.field == nil || given[c.field]) {
			names = append(names, c.name)
		}
	}
	ins := chainStmt{Kind: "insert", Table: popQuote(m.table), Suffixes: suffix}
	if len(names) == 0 {
		// A literal that gives no column a value, as pop writes a model
		// with no column: the insert sets no tenant.
		ins.Selects = "DEFAULT VALUES"
		return ins, true
	}
	slices.Sort(names)
	for i, n := range names {
		names[i] = popQuote(n)
	}
	ins.Columns, ins.Rows = names, []chainRow{{Values: slices.Repeat([]string{"?"}, len(names))}}
	return ins, true
}

func (popLib) narrows(name string) bool { return popNarrows[name] }

// A query's methods change it and return it. First, Last and Find change
// it too, by a limit, an order and a key, but a later chain without them
// is only the less scoped, so the finders are not counted.
func (popLib) inPlace(name string) bool { return !popRuns[name] }

func (popLib) reads(*types.Func) bool { return false }

// A *pop.Connection holds no clause, so none of its methods leaves one
// behind for a later chain.
func (popLib) bare(string) bool { return false }

func (popLib) constantsOnly() bool { return false }

func (ev popLib) isBuilder(t types.Type) bool { return ev.named(t) == "Query" && isPointer(t) }

// A connection holds no clause: Q, Where and the rest start a new query.
func (ev popLib) handle(t types.Type) (bool, bool) {
	conn := ev.named(t) == "Connection" && isPointer(t)
	return conn, conn
}
