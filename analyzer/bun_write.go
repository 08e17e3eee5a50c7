package analyzer

import (
	"strings"
)

// This file writes the statements of a replayed bun builder, clause by
// clause in bun's order and spelling for PostgreSQL, whose dialect writes
// the model's alias after the table in UPDATE and DELETE as in SELECT.

func (q *bunQuery) selectSQL(count bool) (string, bool) {
	distinct := q.flags["distinct"] || len(q.distinctOn) > 0
	wrap := count && (len(q.groups) > 0 || distinct) // bun counts the rows of a grouped query in a CTE
	var b strings.Builder
	if wrap {
		b.WriteString("WITH _count_wrapper AS (")
	}
	b.WriteString("SELECT ")
	if len(q.distinctOn) > 0 {
		b.WriteString("DISTINCT ON (" + strings.Join(q.distinctOn, ", ") + ") ")
	} else if q.flags["distinct"] {
		b.WriteString("DISTINCT ")
	}
	if count && !wrap {
		b.WriteString("count(*)")
	} else {
		cols := q.selectColumns()
		if cols == "" {
			return "", false
		}
		b.WriteString(cols)
	}
	var from []string
	if name, ok := q.modelName(); ok {
		from = append(from, name)
	}
	from = append(from, q.tables...)
	if len(from) > 0 {
		b.WriteString(" FROM " + strings.Join(from, ", "))
	}
	b.WriteString(q.joinSQL())
	where, ok := q.where(false)
	if !ok {
		return "", false
	}
	b.WriteString(where)
	if len(q.groups) > 0 {
		b.WriteString(" GROUP BY " + strings.Join(q.groups, ", "))
	}
	if len(q.havings) > 0 {
		b.WriteString(" HAVING (" + strings.Join(q.havings, ") AND (") + ")")
	}
	if !count {
		if len(q.orders) > 0 {
			b.WriteString(" ORDER BY " + strings.Join(q.orders, ", "))
		}
		if q.limit != "" {
			b.WriteString(" LIMIT " + q.limit)
		}
		if q.offset != "" {
			b.WriteString(" OFFSET " + q.offset)
		}
		if q.lock != "" {
			b.WriteString(" FOR " + q.lock)
		}
	}
	if wrap {
		b.WriteString(") SELECT count(*) FROM _count_wrapper")
	}
	return b.String(), true
}

// selectColumns returns the columns that Column, ColumnExpr and
// ExcludeColumn chose, else the model's, else *.
func (q *bunQuery) selectColumns() string {
	m := q.model
	if q.columns == nil {
		if !m.hasTable() {
			return "*"
		}
		return bunColumns(m.Fields, bunIdent(m.Alias))
	}
	cols := make([]string, len(q.columns))
	for i, c := range q.columns {
		switch f, isField := m.field(c.text); {
		case !c.ident:
			cols[i] = c.text
		case isField && m.hasTable():
			cols[i] = bunIdent(m.Alias) + "." + bunIdent(f.Name)
		default:
			cols[i] = bunIdent(c.text)
		}
	}
	return strings.Join(cols, ", ")
}

func bunColumns(fields []bunField, alias string) string {
	cols := make([]string, len(fields))
	for i, f := range fields {
		cols[i] = bunIdent(f.Name)
		if alias != "" {
			cols[i] = alias + "." + cols[i]
		}
	}
	return strings.Join(cols, ", ")
}

// modelName is the model's table as SELECT names it: ModelTableExpr's,
// else the table with its alias when they differ.
func (q *bunQuery) modelName() (string, bool) {
	if q.modelTable != nil {
		return *q.modelTable, *q.modelTable != ""
	}
	m := q.model
	if !m.hasTable() {
		return "", false
	}
	name := bunIdent(m.Table)
	if m.Select != "" {
		name = m.Select
		if !strings.ContainsAny(name, "?()") {
			name = bunIdent(name)
		}
	}
	if alias := bunIdent(m.Alias); alias != name {
		name += " AS " + alias
	}
	return name, true
}

// firstTable is the table that UPDATE, DELETE and INSERT write: the
// model's, with its alias when withAlias, else the first of Table's.
func (q *bunQuery) firstTable(withAlias bool) (string, bool) {
	if q.modelTable != nil {
		return *q.modelTable, *q.modelTable != ""
	}
	if m := q.model; m.hasTable() {
		if withAlias {
			return bunIdent(m.Table) + " AS " + bunIdent(m.Alias), true
		}
		return bunIdent(m.Table), true
	}
	if len(q.tables) > 0 {
		return q.tables[0], true
	}
	return "", false
}

// otherTables are the tables after the first: UPDATE's FROM, DELETE's
// USING, the source of an INSERT … SELECT.
func (q *bunQuery) otherTables() []string {
	if _, ok := q.modelName(); ok || len(q.tables) == 0 {
		return q.tables
	}
	return q.tables[1:]
}

func (q *bunQuery) joinSQL() string {
	var b strings.Builder
	for _, j := range q.joins {
		b.WriteString(" " + j.text)
		if len(j.on) > 0 {
			b.WriteString(" ON " + bunWhereList(j.on))
		}
	}
	return b.String()
}

// bunWhereList joins clauses by their separators, each in parentheses;
// an empty one is a group's bracket or separator.
func bunWhereList(ws []bunWhere) string {
	var b strings.Builder
	for i, w := range ws {
		if i > 0 {
			b.WriteString(w.sep)
		}
		if w.text != "" {
			b.WriteString("(" + w.text + ")")
		}
	}
	return b.String()
}

// softDelete reports whether bun adds the soft-delete condition.
func (q *bunQuery) softDelete() (bunField, bool) {
	f, ok := q.model.soft()
	return f, ok && !q.flags["whereallwithdeleted"] && (!q.flags["forcedelete"] || q.flags["wheredeleted"])
}

// where writes the WHERE clause: the clauses of Where and its kin, the
// soft-delete condition and WherePK's keys. An UPDATE or DELETE must have
// one (must), or bun refuses it.
func (q *bunQuery) where(must bool) (string, bool) {
	soft, isSoft := q.softDelete()
	if must && len(q.wheres) == 0 && !q.hasPK && !q.flags["wheredeleted"] {
		return "", false
	}
	if len(q.wheres) == 0 && !q.hasPK && !isSoft {
		return "", true
	}
	var parts []string
	if len(q.wheres) > 0 {
		w := bunWhereList(q.wheres)
		if (isSoft || q.hasPK) && q.whereHasOr() {
			w = "(" + w + ")"
		}
		parts = append(parts, w)
	}
	var alias string
	if q.model != nil {
		alias = bunIdent(q.model.Alias)
	}
	if isSoft {
		cond := alias + "." + bunIdent(soft.Name)
		switch deleted := q.flags["wheredeleted"]; {
		case soft.SoftNull && deleted:
			cond += " IS NOT NULL"
		case soft.SoftNull:
			cond += " IS NULL"
		case deleted:
			cond += " != '0001-01-01 00:00:00+00:00'"
		default:
			cond += " = '0001-01-01 00:00:00+00:00'"
		}
		parts = append(parts, cond)
	}
	if q.hasPK {
		cond, ok := q.pkCond(alias)
		if !ok {
			return "", false
		}
		parts = append(parts, cond)
	}
	return " WHERE " + strings.Join(parts, " AND "), true
}

// whereHasOr reports whether a clause outside any group is joined by OR,
// when bun puts them all in parentheses before the conditions it adds.
func (q *bunQuery) whereHasOr() bool {
	depth := 0
	for _, w := range q.wheres {
		switch {
		case w.text == "" && w.sep == "(":
			depth++
		case w.text == "" && w.sep == ")":
			depth--
		case depth == 0 && strings.Contains(strings.ToUpper(w.sep), "OR"):
			return true
		}
	}
	return false
}

// pkCond is WherePK's condition: the key of a struct, or the keys of a
// slice's elements.
func (q *bunQuery) pkCond(alias string) (string, bool) {
	cols := make([]string, len(q.pk))
	for i, f := range q.pk {
		cols[i] = alias + "." + bunIdent(f.Name)
	}
	switch q.model.Kind {
	case "struct":
		return "(" + strings.Join(cols, " = ? AND ") + " = ?)", true
	case "slice":
		if q.model.Rows == 0 {
			return "", false
		}
		one, list := "?", strings.Join(cols, ", ")
		if len(cols) > 1 {
			one = "(" + strings.TrimSuffix(strings.Repeat("?, ", len(cols)), ", ") + ")"
			list = "(" + list + ")"
		}
		return list + " IN (" + strings.TrimSuffix(strings.Repeat(one+", ", q.model.Rows), ", ") + ")", true
	}
	return "", false // a nil struct has no key to compare
}

func (q *bunQuery) returningSQL() string {
	if len(q.returning) == 0 {
		return ""
	}
	if r := q.returning[0]; len(q.returning) == 1 && q.bareRet && (r == "" || r == "null" || r == "NULL") {
		return "" // how bun is told to return nothing
	}
	return " RETURNING " + strings.Join(q.returning, ", ")
}

func (q *bunQuery) updateSQL() (string, bool) {
	table, ok := q.firstTable(true)
	if !ok {
		return "", false
	}
	set, ok := q.updateSet()
	if !ok {
		return "", false
	}
	b := "UPDATE " + table + " SET " + set
	if others := q.otherTables(); len(others) > 0 {
		b += " FROM " + strings.Join(others, ", ")
	}
	b += q.joinSQL()
	where, ok := q.where(true)
	return b + where + q.returningSQL(), ok
}

// updateSet writes SET: a struct model's data columns (those Column
// names, or all; with OmitZero those a literal sets), unless Set is given
// and Column is not; a map literal's keys; then Set's.
func (q *bunQuery) updateSet() (string, bool) {
	var sets []string
	switch m := q.model; {
	case m == nil, m.Kind == "nil":
	case m.Kind == "struct":
		if len(q.sets) > 0 && q.columns == nil {
			break
		}
		fields, ok := q.dataFields()
		if !ok {
			return "", false
		}
		for _, f := range fields {
			v, has := q.values[f.Name]
			if f.SkipUpdate || !has && q.flags["omitzero"] && m.Lit && !f.Set {
				continue
			}
			if !has {
				v = "?"
			}
			sets = append(sets, bunIdent(f.Name)+" = "+v)
		}
		for _, e := range q.extra {
			sets = append(sets, e[0]+" = "+e[1])
		}
	case m.Kind == "slice":
		if len(q.sets) == 0 {
			return "", false // bun updates a slice only with Set, in bulk
		}
	case m.Kind == "map" && m.Lit:
		for _, k := range m.Keys {
			sets = append(sets, bunIdent(k)+" = ?")
		}
	default:
		return "", false
	}
	sets = append(sets, q.sets...)
	return strings.Join(sets, ", "), len(sets) > 0
}

// dataFields are the columns that an UPDATE of the model writes: those
// that Column names, or all, less the primary key.
func (q *bunQuery) dataFields() ([]bunField, bool) {
	fields, ok := q.fields()
	var data []bunField
	for _, f := range fields {
		if !f.PK {
			data = append(data, f)
		}
	}
	return data, ok
}

// fields are the model's columns that Column names, or all.
func (q *bunQuery) fields() ([]bunField, bool) {
	m := q.model
	if !m.hasTable() {
		return nil, false
	}
	if q.columns == nil {
		return m.Fields, true
	}
	var fields []bunField
	for _, c := range q.columns {
		if !c.ident {
			continue
		}
		f, ok := m.field(c.text)
		if !ok {
			return nil, false
		}
		fields = append(fields, f)
	}
	return fields, true
}

// deleteSQL writes DELETE, or the UPDATE that soft-deletes the rows of a
// model with a soft_delete column.
func (q *bunQuery) deleteSQL() (string, bool) {
	table, ok := q.firstTable(true)
	if !ok {
		return "", false
	}
	var b string
	if soft, isSoft := q.model.soft(); isSoft && !q.flags["forcedelete"] {
		b = "UPDATE " + table + " SET " + bunIdent(soft.Name) + " = ?"
		if others := q.otherTables(); len(others) > 0 {
			b += " FROM " + strings.Join(others, ", ")
		}
	} else {
		b = "DELETE FROM " + table
		if others := q.otherTables(); len(others) > 0 {
			b += " USING " + strings.Join(others, ", ")
		}
	}
	where, ok := q.where(true)
	return b + where + q.returningSQL(), ok
}

// insertSQL writes INSERT: the columns and values of the model, ON
// CONFLICT and RETURNING. A column that a literal leaves zero is left out
// (bun writes its zero value, which is no tenant) unless bun writes
// DEFAULT for it; a model that is not a literal sets every column.
func (q *bunQuery) insertSQL() (string, bool) {
	table, ok := q.firstTable(q.on != nil)
	if !ok {
		return "", false
	}
	var b strings.Builder
	b.WriteString("INSERT INTO " + table)
	_, named := q.modelName()
	m := q.model
	switch {
	case named && len(q.tables) > 0 || !named && len(q.tables) > 1:
		var cols []string
		for _, c := range q.columns {
			if c.ident {
				c.text = bunIdent(c.text)
			}
			cols = append(cols, c.text)
		}
		sel := "*"
		if q.columns != nil {
			b.WriteString(" (" + strings.Join(cols, ", ") + ")")
			sel = strings.Join(cols, ", ")
		}
		b.WriteString(" SELECT " + sel + " FROM " + strings.Join(q.otherTables(), ", "))
	case m == nil:
		return "", false
	case m.Kind == "map":
		if !m.Lit || len(m.Keys) == 0 {
			return "", false
		}
		cols := make([]string, len(m.Keys))
		for i, k := range m.Keys {
			cols[i] = bunIdent(k)
		}
		b.WriteString(" (" + strings.Join(cols, ", ") + ") VALUES (" + strings.TrimSuffix(strings.Repeat("?, ", len(cols)), ", ") + ")")
	case m.Kind == "struct" || m.Kind == "slice":
		fields, ok := q.fields()
		if !ok {
			return "", false
		}
		var cols, vals []string
		for _, f := range fields {
			v, has := q.values[f.Name]
			switch {
			case has:
			case !m.Lit || f.Set:
				v = "?"
			case f.Default:
				v = "DEFAULT"
			default:
				continue
			}
			cols, vals = append(cols, bunIdent(f.Name)), append(vals, v)
		}
		for _, e := range q.extra {
			cols, vals = append(cols, bunIdent(e[0])), append(vals, e[1])
		}
		if len(cols) == 0 {
			b.WriteString(" DEFAULT VALUES")
			break
		}
		row := "(" + strings.Join(vals, ", ") + ")"
		rows := 1
		if m.Kind == "slice" {
			rows = max(m.Rows, 1)
		}
		b.WriteString(" (" + strings.Join(cols, ", ") + ") VALUES " + strings.TrimSuffix(strings.Repeat(row+", ", rows), ", "))
	default:
		return "", false // a nil struct or a destination that is no table
	}
	if q.on != nil {
		b.WriteString(" ON " + *q.on)
		switch {
		case len(q.sets) > 0:
			b.WriteString(" SET " + strings.Join(q.sets, ", "))
		case strings.HasSuffix(strings.ToUpper(*q.on), " DO UPDATE"):
			fields, ok := q.dataFields()
			if !ok {
				return "", false
			}
			sets := make([]string, len(fields))
			for i, f := range fields {
				sets[i] = bunIdent(f.Name) + " = EXCLUDED." + bunIdent(f.Name)
			}
			b.WriteString(" SET " + strings.Join(sets, ", "))
		}
		if len(q.wheres) > 0 {
			b.WriteString(" WHERE " + bunWhereList(q.wheres))
		}
	}
	b.WriteString(q.returningSQL())
	return b.String(), true
}

// resolve fills in the named placeholders that the model names: ?TableName,
// ?TableAlias, ?PKs, ?TablePKs, ?Columns and ?TableColumns. Any other
// name is a value: a field of the model, or a named argument of the
// connection.
func (m *bunModel) resolve(sql string) (string, bool) {
	var b strings.Builder
	for {
		i := strings.IndexByte(sql, '\x02')
		if i < 0 {
			b.WriteString(sql)
			return b.String(), true
		}
		j := i + strings.IndexByte(sql[i:], '\x03')
		name := sql[i+1 : j]
		b.WriteString(sql[:i])
		sql = sql[j+1:]
		v := "?"
		if m.hasTable() {
			alias := bunIdent(m.Alias)
			if _, isField := m.field(name); m.Kind == "struct" && isField {
				name = ""
			}
			switch name {
			case "TableName":
				v = bunIdent(m.Table)
			case "TableAlias":
				v = alias
			case "PKs":
				v = bunColumns(m.pks(), "")
			case "TablePKs":
				v = bunColumns(m.pks(), alias)
			case "Columns":
				v = bunColumns(m.Fields, "")
			case "TableColumns":
				v = bunColumns(m.Fields, alias)
			}
		} else {
			switch name {
			case "TableName", "TableAlias", "PKs", "TablePKs", "Columns", "TableColumns":
				return "", false // bun leaves them in the SQL
			}
		}
		b.WriteString(v)
	}
}
