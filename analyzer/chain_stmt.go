package analyzer

import (
	"slices"
	"strings"
)

// This file holds the builder state: the parts of a statement, and the SQL
// rendered from them. Each library fills the parts in its own words; the
// rendering is shared.

// chainStmt is what a builder holds: the parts of one statement, rendered.
// Its slices are shared between builders, so they are only ever extended
// through chainAppend, which copies.
type chainStmt struct {
	Kind     string   // "select", "insert", "update", "delete"; "" until a library says
	Keyword  string   // INSERT (the default) or REPLACE
	Table    string   // UPDATE's table, INSERT's INTO, DELETE's FROM
	From     string   // SELECT's and UPDATE's FROM
	Model    string   // the table a model names, where no Table or From is given
	Keys     []string // the conditions by which a model value names its row in a write
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
	Sets     []string   // UPDATE's "col = value"
	Rows     []chainRow // INSERT's VALUES
	Selects  string     // INSERT … SELECT
	// Calls is a library's own record of the calls that built the
	// statement, for one whose clauses depend on one another in ways the
	// parts above cannot hold (bun's ?TableAlias, which a model set later
	// fills in), and which it renders itself; render ignores it.
	Calls []string
}

// chainRow is one row of INSERT's VALUES. Spread marks Values(vals...), whose
// values cannot be counted. It is a field of its own, not a nil Values,
// since gob, which encodes facts, does not tell nil from empty.
type chainRow struct {
	Values []string
	Spread bool
}

func chainAppend(list []string, items ...string) []string {
	return append(slices.Clip(list), items...)
}

// render returns the statement's SQL, or false when the library would
// refuse to build it.
func (s chainStmt) render() (string, bool) {
	var b strings.Builder
	if s.Table == "" {
		s.Table = s.Model
	}
	if s.From == "" && s.Kind == "select" {
		s.From = s.Table
	}
	if s.Keyword == "" {
		s.Keyword = "INSERT"
	}
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

// extend returns s with the parts that d, the statement a scope built from
// an empty one, adds: d's clauses after s's, and d's table, columns or rows
// where d names them.
func (s chainStmt) extend(d chainStmt) chainStmt {
	for _, f := range []struct {
		to   *string
		from string
	}{
		{&s.Kind, d.Kind}, {&s.Keyword, d.Keyword}, {&s.Table, d.Table}, {&s.From, d.From},
		{&s.Model, d.Model}, {&s.Selects, d.Selects},
	} {
		if f.from != "" {
			*f.to = f.from
		}
	}
	for _, f := range []struct {
		to   *[]string
		from []string
	}{
		{&s.Prefixes, d.Prefixes}, {&s.Options, d.Options}, {&s.Columns, d.Columns}, {&s.Joins, d.Joins},
		{&s.Wheres, d.Wheres}, {&s.GroupBys, d.GroupBys}, {&s.Havings, d.Havings}, {&s.OrderBys, d.OrderBys},
		{&s.Suffixes, d.Suffixes}, {&s.Sets, d.Sets}, {&s.Keys, d.Keys}, {&s.Calls, d.Calls},
	} {
		*f.to = chainAppend(*f.to, f.from...)
	}
	if len(d.Rows) > 0 {
		s.Rows = d.Rows
	}
	s.Limit = s.Limit || d.Limit
	s.Offset = s.Offset || d.Offset
	return s
}
