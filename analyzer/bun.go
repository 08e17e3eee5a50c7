package analyzer

import (
	"go/ast"
	"go/constant"
	"go/types"
	"strings"
)

// bun (github.com/uptrace/bun) builds a statement on a query builder that
// a connection starts, and runs it at Scan, Exec, Count, ScanAndCount or
// Exists:
//
//	db.NewSelect().Model(&rules).Where("org_id = ?", orgID).Scan(ctx)
//	// SELECT "rule"."id", "rule"."org_id" FROM "rules" AS "rule" WHERE (org_id = ?)
//
// The table and alias are the model's: its bun.BaseModel tag's table: and
// alias:, else the plural (bunPlural) of the underscored type name and that name; a
// column is its field's tag name, else the underscored field name. bun
// fills in ?TableName, ?TableAlias, ?PKs and the like from the model
// when it writes the SQL, which may be set after the clause that uses them,
// so the chain is kept as a record of its calls (chainStmt.Calls) and
// rendered at the end, as bun renders PostgreSQL: every clause of Where
// in parentheses, joined by AND, or OR for WhereOr.
//
// An INSERT of a literal lists the fields it sets: bun writes every field,
// but one the literal leaves zero writes no tenant. Unknown, and so
// silent: a Relation, With, Union or Bulk; a condition or table that is
// not a constant; a QueryAppender of the user's; a model with a hook that
// gets the query (BeforeSelect and the like) or, for an INSERT, sets its
// fields (then every field counts as set). A query hook (bun.QueryHook) on
// the connection cannot be seen: its queries are checked as written.
type bunLib struct{ *chainEval }

func newBun(ev *chainEval) builderLib { return bunLib{ev} }

const bunPath = "github.com/uptrace/bun"

// bunQueries are the query builders, with the statement each makes.
var bunQueries = map[string]string{
	"SelectQuery": "select", "UpdateQuery": "update", "DeleteQuery": "delete", "InsertQuery": "insert", "RawQuery": "raw",
}

// bunHandles are the connections, which hold no clause.
var bunHandles = map[string]bool{"DB": true, "Tx": true, "Conn": true, "IDB": true, "IConn": true}

var bunTerminals = map[string]bool{
	"Scan": true, "Exec": true, "Count": true, "ScanAndCount": true, "Exists": true, "Rows": true,
}

// bunNarrows only narrow, order or shape the result.
var bunNarrows = map[string]bool{
	"Where": true, "WherePK": true, "WhereDeleted": true, "Column": true, "ColumnExpr": true, "ExcludeColumn": true,
	"Order": true, "OrderBy": true, "OrderExpr": true, "Limit": true, "Offset": true, "Group": true, "GroupExpr": true,
	"Having": true, "Distinct": true, "DistinctOn": true, "For": true, "Returning": true, "Conn": true, "Err": true,
	"Comment": true,
}

func (ev bunLib) run(fn *types.Func, call *ast.CallExpr) (string, bool, bool) {
	recv := recvType(fn.Signature())
	if recv == nil || !bunTerminals[fn.Name()] {
		return "", false, false
	}
	// A raw query's SQL is checked where NewRaw is called.
	if kind := bunQueries[recv.Name()]; kind == "" || kind == "raw" {
		return "", false, false
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || ev.info.Selections[sel] == nil || ev.info.Selections[sel].Kind() != types.MethodVal {
		return "", false, true
	}
	s, ok := ev.builder(sel.X)
	if !ok {
		return "", false, true
	}
	sql, ok := ev.render(s, fn.Name())
	return sql, ok, true
}

// start reads bun.NewSelectQuery(db) and its kin, which the connections'
// methods call.
func (ev bunLib) start(obj types.Object, call *ast.CallExpr) (chainStmt, bool) {
	if call == nil || !strings.HasPrefix(obj.Name(), "New") || !strings.HasSuffix(obj.Name(), "Query") {
		return chainStmt{}, false
	}
	kind := bunQueries[strings.TrimPrefix(obj.Name(), "New")]
	if kind == "raw" {
		return ev.raw(call.Args[min(1, len(call.Args)):], call.Ellipsis.IsValid())
	}
	return chainStmt{Kind: kind}, kind != ""
}

func (ev bunLib) method(s chainStmt, recv, name string, call *ast.CallExpr) (chainStmt, bool) {
	if bunHandles[recv] {
		switch name {
		case "NewSelect", "NewInsert", "NewUpdate", "NewDelete":
			return chainStmt{Kind: strings.ToLower(strings.TrimPrefix(name, "New"))}, true
		case "NewRaw":
			return ev.raw(call.Args, call.Ellipsis.IsValid())
		}
		return s, false
	}
	kind := bunQueries[recv]
	switch {
	case kind == "":
		return s, false
	case kind == "raw":
		return s, name == "Conn" || name == "Err" || name == "Comment"
	case (kind == "update" || kind == "delete") && (name == "Order" || name == "OrderExpr" || name == "Limit"):
		return s, false // PostgreSQL has no ORDER BY or LIMIT there, and bun refuses them
	case kind == "insert" && name == "Replace":
		return s, false // REPLACE is MySQL's
	}
	return ev.apply(s, name, call)
}

// raw records NewRaw's query, for a raw query used as another's argument.
func (ev bunLib) raw(args []ast.Expr, spread bool) (chainStmt, bool) {
	if len(args) == 0 {
		return chainStmt{}, false
	}
	q, ok := ev.constString(args[0])
	if !ok {
		return chainStmt{Kind: "raw"}, false
	}
	text, ok := ev.format(q, args[1:], spread)
	return chainStmt{Kind: "raw", Calls: []string{text}}, ok
}

// bunCall encodes one call of the record: an operation and its parts.
func bunCall(op string, parts ...string) string {
	return strings.Join(append([]string{op}, parts...), "\x1f")
}

func bunCallParts(c string) (string, []string) {
	parts := strings.Split(c, "\x1f")
	return parts[0], parts[1:]
}

// bunTextOps are the methods of a query and its arguments, with the call
// of the record that each makes.
var bunTextOps = map[string]string{
	"TableExpr": "table", "ModelTableExpr": "modeltable", "ColumnExpr": "columnexpr", "GroupExpr": "group",
	"Where": "where", "WhereOr": "where", "Join": "join", "JoinOn": "joinon", "JoinOnOr": "joinon",
	"Set": "set", "OrderExpr": "order", "Having": "having", "DistinctOn": "distincton", "For": "for",
	"Returning": "returning", "On": "on",
}

// apply returns s after the builder method name, called by call.
func (ev bunLib) apply(s chainStmt, name string, call *ast.CallExpr) (chainStmt, bool) {
	args, spread := call.Args, call.Ellipsis.IsValid()
	arg := func(i int) ast.Expr { return argAt(args, i) }
	add := func(op string, parts ...string) {
		s.Calls = chainAppend(s.Calls, bunCall(op, parts...))
	}
	// text is the query at index i, formatted with the arguments after it,
	// the shape of most methods.
	text := func(i int) (string, bool) {
		q, ok := ev.constString(arg(i))
		if !ok {
			return "", false
		}
		return ev.format(q, args[min(i+1, len(args)):], spread)
	}
	switch name {
	case "Conn", "Err", "Comment":
		return s, true
	case "Model":
		m, ok := ev.model(arg(0))
		if ok {
			add("model", m.encode())
		}
		return s, ok
	case "Table", "Column", "Group", "ExcludeColumn", "WherePK":
		names, ok := ev.constStrings(args, spread)
		if !ok {
			return s, false
		}
		switch name {
		case "ExcludeColumn", "WherePK":
			add(strings.ToLower(name), names...)
		case "Column":
			for _, n := range names {
				add("column", n) // the model's column or not, told when the model is known
			}
		default:
			for _, n := range names {
				add(strings.ToLower(name), bunIdent(n))
			}
		}
		return s, true
	case "Order":
		for _, a := range args {
			// A sort column chosen at run time changes no row's tenant,
			// so it stands in as a constant.
			switch o, isConst := ev.constString(a); {
			case !isConst || spread:
				add("order", "1")
			case o != "":
				add("order", bunOrder(o))
			}
		}
		return s, true
	case "OrderBy":
		order := "1"
		if col, isConst := ev.constString(arg(0)); isConst {
			dir, _ := ev.constString(arg(1))
			order = bunOrder(col + " " + dir)
		}
		add("order", order)
		return s, true
	case "WhereDeleted", "WhereAllWithDeleted", "ForceDelete", "OmitZero", "Distinct":
		add(strings.ToLower(name))
		return s, true
	case "Ignore":
		add("on", "CONFLICT DO NOTHING")
		return s, true
	case "Limit", "Offset":
		n := "1"
		if tv := ev.info.Types[arg(0)]; tv.Value != nil {
			n = tv.Value.ExactString()
			if constant.Sign(tv.Value) <= 0 {
				n = ""
			}
		}
		add(strings.ToLower(name), n)
		return s, true
	case "Apply":
		if spread {
			return s, false
		}
		for _, a := range args {
			if ev.info.Types[a].IsNil() {
				continue
			}
			d, ok := ev.scope(a)
			if !ok {
				return s, false
			}
			s = s.extend(d)
		}
		return s, true
	case "WhereGroup":
		return ev.whereGroup(s, arg(0), arg(1))
	case "SetColumn", "Value":
		col, ok := ev.constString(arg(0))
		t, tok := text(1)
		if !ok || !tok {
			return s, false
		}
		if name == "Value" {
			add("value", col, t)
		} else {
			add("set", col+" = "+t)
		}
		return s, true
	}
	op := bunTextOps[name]
	if op == "" {
		return s, false // Relation, With, Union, Bulk, the index hints: not followed
	}
	t, ok := text(0)
	if !ok {
		return s, false
	}
	switch name {
	case "Where", "JoinOn":
		if t == "" {
			return s, false // bun writes an empty clause as a bare separator
		}
		add(op, " AND ", t)
	case "WhereOr", "JoinOnOr":
		if t == "" {
			return s, false
		}
		add(op, " OR ", t)
	case "Returning":
		bare := "0"
		if len(args) == 1 {
			bare = "1"
		}
		add(op, t, bare)
	default:
		add(op, t)
	}
	return s, true
}

// whereGroup adds the Where clauses that fn adds as one parenthesized
// group, joined to the others by sep; what else fn does stays.
func (ev bunLib) whereGroup(s chainStmt, sep, fn ast.Expr) (chainStmt, bool) {
	text, ok := ev.constString(sep)
	if !ok {
		return s, false
	}
	d, ok := ev.scope(fn)
	if !ok {
		return s, false
	}
	var group []string
	for _, c := range d.Calls {
		if op, parts := bunCallParts(c); op == "where" {
			if len(group) == 0 {
				parts[0] = ""
			}
			group = append(group, bunCall(op, parts...))
		} else {
			s.Calls = chainAppend(s.Calls, c)
		}
	}
	if len(group) > 0 {
		s.Calls = chainAppend(s.Calls, bunCall("where", text, ""), bunCall("where", "(", ""))
		s.Calls = chainAppend(s.Calls, group...)
		s.Calls = chainAppend(s.Calls, bunCall("where", ")", ""))
	}
	return s, true
}

// bunOrder renders an Order argument: a column, and a direction after a
// space.
func bunOrder(o string) string {
	col, dir, ok := strings.Cut(o, " ")
	if !ok {
		return bunIdent(o)
	}
	switch dir = strings.ToUpper(dir); dir {
	case "ASC", "DESC", "ASC NULLS FIRST", "ASC NULLS LAST", "DESC NULLS FIRST", "DESC NULLS LAST":
	default:
		dir = "" // bun writes no direction it does not know
	}
	return bunIdent(col) + " " + dir
}

// bunIdent quotes an identifier as bun does for PostgreSQL: each part
// between dots, with * left bare.
func bunIdent(s string) string {
	var b strings.Builder
	quoted := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '*' && !quoted:
			b.WriteByte('*')
			continue
		case c == '.':
			if quoted {
				b.WriteByte('"')
				quoted = false
			}
			b.WriteByte('.')
			continue
		}
		if !quoted {
			b.WriteByte('"')
			quoted = true
		}
		if s[i] == '"' {
			b.WriteByte('"')
		}
		b.WriteByte(s[i])
	}
	if quoted {
		b.WriteByte('"')
	}
	return b.String()
}

func (bunLib) narrows(name string) bool { return bunNarrows[name] }

// bun's builders are pointers that every method changes and returns.
func (bunLib) inPlace(name string) bool { return !bunTerminals[name] }

// A builder passed to bun, as a subquery, is only read.
func (bunLib) reads(*types.Func) bool { return true }

func (bunLib) constantsOnly() bool { return false }

// bun's handles carry no clauses.
func (bunLib) bare(string) bool { return false }

func (ev bunLib) isBuilder(t types.Type) bool { return bunQueries[ev.named(t)] != "" && isPointer(t) }

func (ev bunLib) handle(t types.Type) (bool, bool) {
	h := bunHandles[ev.named(t)]
	return h, h
}

// bunRawLists returns the parameters of a NewRaw call that bun expands into
// lists: those whose argument is bun.In or bun.List of a slice.
func bunRawLists(info *types.Info, fn *types.Func, call *ast.CallExpr) []int {
	if fn.Name() != "NewRaw" && fn.Name() != "NewRawQuery" || fn.Pkg() == nil || fn.Pkg().Path() != bunPath {
		return nil
	}
	args := call.Args[min(1, len(call.Args)):]
	if fn.Name() == "NewRawQuery" {
		args = call.Args[min(2, len(call.Args)):]
	}
	var lists []int
	for i, a := range args {
		if bunListCall(info, a) != nil {
			lists = append(lists, i+1)
		}
	}
	return lists
}

// bunListCall returns the argument of a call of bun.In or bun.List.
func bunListCall(info *types.Info, e ast.Expr) ast.Expr {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || len(call.Args) != 1 {
		return nil
	}
	fn, _ := info.Uses[calleeIdent(call)].(*types.Func)
	if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != bunPath || fn.Name() != "In" && fn.Name() != "List" {
		return nil
	}
	return call.Args[0]
}
