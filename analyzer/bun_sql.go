package analyzer

import (
	"go/ast"
	"go/types"
	"strconv"
	"strings"
)

// This file writes bun's SQL: the arguments of a clause as bun's
// formatter binds them, and the statement from the record of calls, as bun
// writes it for PostgreSQL.

// bunToken marks a named placeholder (?TableAlias, ?name) until the model
// is known; control characters never occur in the SQL written.
func bunToken(name string) string { return "\x02" + name + "\x03" }

// format binds query's placeholders as bun's formatter does: ? takes the
// next argument, ?0 the argument of that index, and ?name a named one: a
// column of a single struct argument, or else a name that the model
// fills in when the statement is written. A ? after a backslash is a
// literal, and a ? without an argument is written as it is.
func (ev bunLib) format(query string, args []ast.Expr, spread bool) (string, bool) {
	var structCols map[string]bool
	if len(args) == 1 && !spread {
		structCols = ev.structColumns(args[0])
	}
	var b strings.Builder
	next := 0
	for {
		i := strings.IndexByte(query, '?')
		if i < 0 {
			b.WriteString(query)
			return b.String(), true
		}
		if i > 0 && query[i-1] == '\\' {
			b.WriteString(query[:i-1] + "?")
			query = query[i+1:]
			continue
		}
		b.WriteString(query[:i])
		name, numeric, n := bunArgName(query[i+1:])
		query = query[i+1+n:]
		var arg ast.Expr
		switch {
		case name == "":
			if spread {
				return "", false
			}
			if next >= len(args) {
				b.WriteByte('?')
				continue
			}
			arg = args[next]
			next++
		case numeric:
			k, err := strconv.Atoi(name)
			if spread || err != nil || k >= len(args) {
				return "", false
			}
			arg = args[k]
		case structCols[name]:
			b.WriteByte('?')
			continue
		default:
			b.WriteString(bunToken(name))
			continue
		}
		v, ok := ev.argSQL(arg)
		if !ok {
			return "", false
		}
		b.WriteString(v)
	}
}

// bunArgName reads the name after a ?, as bun's parser does: (name), or a
// run of letters, digits and underscores after a letter; numeric when it
// has no letter. n is the length read.
func bunArgName(s string) (name string, numeric bool, n int) {
	letter := func(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
	digit := func(c byte) bool { return '0' <= c && c <= '9' }
	if strings.HasPrefix(s, "(") {
		if j := strings.IndexByte(s, ')'); j > 1 {
			inner, ok, hasLetter := s[1:j], true, false
			for k := 0; k < len(inner); k++ {
				c := inner[k]
				hasLetter = hasLetter || letter(c)
				ok = ok && (letter(c) || digit(c) || c == '_' && k > 0)
			}
			if ok && hasLetter {
				return inner, false, j + 1
			}
		}
	}
	alpha := false
	n = len(s)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if digit(c) {
			continue
		}
		if letter(c) || i > 0 && alpha && c == '_' {
			alpha = true
			continue
		}
		n = i
		break
	}
	return s[:n], n > 0 && !alpha, n
}

// argSQL renders a placeholder's argument as bun appends it: bun.In or
// bun.List of a slice as a list (two values when its length is unknown,
// so that tenant_id IN (?) of a slice does not scope), bun.Ident and
// bun.Safe of a constant, a query builder as its SQL, nil as NULL, and any
// other value as a placeholder. A QueryAppender of the user's is unknown.
func (ev bunLib) argSQL(a ast.Expr) (string, bool) {
	tv := ev.info.Types[a]
	if tv.IsNil() {
		return "NULL", true
	}
	if inner := bunListCall(ev.info, a); inner != nil {
		n, ok := ev.listLen(inner)
		if !ok {
			return "", false
		}
		if n == 0 {
			return "NULL", true
		}
		return strings.TrimSuffix(strings.Repeat("?, ", n), ", "), true
	}
	if call, ok := ast.Unparen(a).(*ast.CallExpr); ok && len(call.Args) > 0 {
		if fn, _ := ev.info.Uses[calleeIdent(call)].(*types.Func); fn != nil && fn.Name() == "SafeQuery" && ev.owns(fn.Pkg()) {
			q, ok := ev.constString(call.Args[0])
			if !ok {
				return "", false
			}
			return ev.format(q, call.Args[1:], call.Ellipsis.IsValid())
		}
	}
	t := tv.Type
	switch bunNamed(t) {
	case "Ident":
		c, ok := ev.constString(a)
		return bunIdent(c), ok
	case "Safe":
		return ev.constString(a)
	case "Name":
		c, ok := ev.constString(a)
		return `"` + strings.ReplaceAll(c, `"`, `""`) + `"`, ok
	}
	if ev.isBuilder(t) {
		sub, ok := ev.builder(a)
		if !ok {
			return "", false
		}
		if sub.Kind == "raw" {
			return strings.Join(sub.Calls, ""), len(sub.Calls) == 1
		}
		return ev.render(sub, "")
	}
	if t == nil || hasMethod(t, "AppendQuery") {
		return "", false
	}
	return "?", true
}

// bunQuery is the state of a bun query builder, replayed from the record
// of its calls.
type bunQuery struct {
	kind       string
	model      *bunModel
	modelTable *string // ModelTableExpr's, which replaces the model's table
	tables     []string
	columns    []bunColumn // nil until Column, ColumnExpr or ExcludeColumn
	wheres     []bunWhere
	pk         []bunField
	hasPK      bool
	flags      map[string]bool
	distinctOn []string
	joins      []bunJoin
	sets       []string
	values     map[string]string // Value's for the model's columns
	extra      [][2]string       // and for other columns
	orders     []string
	groups     []string
	havings    []string
	limit      string
	offset     string
	returning  []string
	bareRet    bool // the one Returning has no arguments
	on         *string
	lock       string
}

type bunColumn struct {
	text  string
	ident bool // a name, which is the model's column when it has one
}

type bunWhere struct{ sep, text string }

type bunJoin struct {
	text string
	on   []bunWhere
}

// replay rebuilds the builder from the record; false when bun would fail
// the query, as when WherePK or Value come before a model.
func replayBun(s chainStmt) (*bunQuery, bool) {
	q := &bunQuery{kind: s.Kind, flags: map[string]bool{}, values: map[string]string{}}
	for _, c := range s.Calls {
		op, p := bunCallParts(c)
		m := q.model
		switch op {
		case "model":
			var ok bool
			if q.model, ok = decodeBunModel(p[0]); !ok {
				return nil, false
			}
		case "table":
			q.tables = append(q.tables, p[0])
		case "modeltable":
			q.modelTable = &p[0]
		case "column", "columnexpr":
			q.columns = append(q.columns, bunColumn{p[0], op == "column"})
		case "excludecolumn":
			if !m.hasTable() {
				return nil, false
			}
			if q.columns == nil {
				q.columns = []bunColumn{}
				for _, f := range m.Fields {
					q.columns = append(q.columns, bunColumn{f.Name, true})
				}
			}
			for _, name := range p {
				i := -1
				for j, col := range q.columns {
					if col.ident && col.text == name {
						i = j
						break
					}
				}
				if i < 0 {
					return nil, false
				}
				q.columns = append(q.columns[:i:i], q.columns[i+1:]...)
			}
		case "where":
			q.wheres = append(q.wheres, bunWhere{p[0], p[1]})
		case "wherepk":
			if !m.hasTable() || q.hasPK {
				return nil, false
			}
			q.hasPK, q.pk = true, m.pks()
			if len(p) > 0 {
				q.pk = nil
				for _, col := range p {
					f, ok := m.field(col)
					if !ok {
						return nil, false
					}
					q.pk = append(q.pk, f)
				}
			}
			if len(q.pk) == 0 {
				return nil, false
			}
		case "wheredeleted", "whereallwithdeleted":
			if _, ok := m.soft(); !ok {
				return nil, false
			}
			q.flags["wheredeleted"] = op == "wheredeleted"
			q.flags["whereallwithdeleted"] = op != "wheredeleted"
		case "forcedelete", "omitzero", "distinct":
			q.flags[op] = true
		case "distincton":
			q.distinctOn = append(q.distinctOn, p[0])
		case "join":
			q.joins = append(q.joins, bunJoin{text: p[0]})
		case "joinon":
			if len(q.joins) == 0 {
				return nil, false
			}
			j := &q.joins[len(q.joins)-1]
			j.on = append(j.on, bunWhere{p[0], p[1]})
		case "set":
			q.sets = append(q.sets, p[0])
		case "value":
			if !m.hasTable() {
				return nil, false
			}
			if _, ok := m.field(p[0]); ok {
				q.values[p[0]] = p[1]
			} else {
				q.extra = append(q.extra, [2]string{p[0], p[1]})
			}
		case "order":
			q.orders = append(q.orders, p[0])
		case "group":
			q.groups = append(q.groups, p[0])
		case "having":
			q.havings = append(q.havings, p[0])
		case "limit":
			q.limit = p[0]
		case "offset":
			q.offset = p[0]
		case "returning":
			q.returning = append(q.returning, p[0])
			q.bareRet = len(q.returning) == 1 && p[1] == "1"
		case "on":
			q.on = &p[0]
		case "for":
			q.lock = p[0]
		default:
			return nil, false
		}
	}
	return q, true
}

// render returns the SQL that terminal (Scan, Count, …; "" for a
// subquery) runs for the builder s.
func (ev bunLib) render(s chainStmt, terminal string) (string, bool) {
	q, ok := replayBun(s)
	if !ok {
		return "", false
	}
	if m := q.model; m.hook("BeforeAppendModel") {
		// The hook may set any field, so a literal tells nothing.
		c := *m
		c.Lit = false
		q.model = &c
	}
	var sql string
	switch q.kind {
	case "select":
		if q.model.hook("BeforeSelect") {
			return "", false
		}
		sql, ok = q.selectSQL(terminal == "Count")
		if terminal == "Exists" {
			sql = "SELECT EXISTS (" + sql + ")"
		}
	case "update":
		if q.model.hook("BeforeUpdate") {
			return "", false
		}
		sql, ok = q.updateSQL()
	case "delete":
		if q.model.hook("BeforeDelete") {
			return "", false
		}
		sql, ok = q.deleteSQL()
	case "insert":
		if q.model.hook("BeforeInsert") {
			return "", false
		}
		sql, ok = q.insertSQL()
	default:
		return "", false
	}
	if !ok {
		return "", false
	}
	return q.model.resolve(sql)
}
