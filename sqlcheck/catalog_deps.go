package sqlcheck

import "slices"

// This file replays what a DROP takes with it and what a RENAME reaches.
// PostgreSQL records by OID which objects depend on a table or column; the
// replay finds the same dependents by resolving names as PostgreSQL did,
// since a dependent that outlives what it needs (a policy on a dropped
// column, a child of a dropped parent) or that keeps an old name makes the
// rules judge a schema that no database has.

// dropTable drops a relation with what PostgreSQL drops with it: its
// partitions always, and with CASCADE the tables that inherit from it, the
// views that read it, the foreign keys that reference it and the policies
// of other tables that read it.
func (c *Catalog) dropTable(q QName, cascade bool) {
	t := c.tables[q]
	if t == nil {
		return
	}
	delete(c.tables, q)
	for _, other := range c.tables {
		switch {
		case slices.Contains(other.parents, t) && (other.partition || cascade):
			c.dropTable(other.Name, cascade)
		case cascade && other.View && slices.Contains(other.Reads, q):
			c.dropTable(other.Name, true)
		}
	}
	if !cascade {
		return
	}
	for _, other := range c.tables {
		other.ForeignKeys = slices.DeleteFunc(other.ForeignKeys, func(fk *ForeignKey) bool { return fk.Ref == q })
		other.dropPolicies(c.at, func(p *Policy) bool { return policyReadsTable(p, q) })
	}
}

// dropColumn drops a column with its indexes and keys, the children's
// copies that nothing else keeps (dropFromChildren), and with CASCADE the
// policies that use it, on its table or, through a subquery, on another.
func (c *Catalog) dropColumn(t *Table, name string, cascade, only bool) {
	if t.Column(name) == nil {
		return
	}
	c.dropFromChildren(t, name, cascade, only)
	t.Indexes = slices.DeleteFunc(t.Indexes, func(i *Index) bool { return slices.Contains(i.Columns, name) })
	t.ForeignKeys = slices.DeleteFunc(t.ForeignKeys, func(fk *ForeignKey) bool { return slices.Contains(fk.Columns, name) })
	if cascade {
		used := map[*Policy]bool{}
		c.columnUses(t, name, func(p *Policy, _ *columnRef) { used[p] = true })
		for _, owner := range c.tables {
			owner.dropPolicies(c.at, func(p *Policy) bool { return used[p] })
		}
	}
	t.Columns = slices.DeleteFunc(t.Columns, func(col *Column) bool { return col.Name == name })
}

// renameColumn renames a column of t and what refers to it: keys, indexes,
// foreign keys that reference it, and the policies that use it, on t or
// through a subquery.
func (c *Catalog) renameColumn(t *Table, from, to string) {
	col := t.Column(from)
	if col == nil {
		return
	}
	// References resolve by the old name, so they are found first.
	var refs []*columnRef
	c.columnUses(t, from, func(_ *Policy, ref *columnRef) { refs = append(refs, ref) })
	for _, ref := range refs {
		ref.Fields[len(ref.Fields)-1].GetString_().Sval = to
	}
	col.Name = to
	for _, i := range t.Indexes {
		replaceAll(i.Columns, from, to)
	}
	for _, fk := range t.ForeignKeys {
		replaceAll(fk.Columns, from, to)
	}
	for _, other := range c.tables {
		for _, fk := range other.ForeignKeys {
			if fk.Ref == t.Name {
				replaceAll(fk.RefColumns, from, to)
			}
		}
	}
}

// columnUses calls f for each reference, in a policy of any table, that
// resolves to column name of t.
func (c *Catalog) columnUses(t *Table, name string, f func(*Policy, *columnRef)) {
	for _, owner := range c.tables {
		for _, p := range owner.Policies {
			c.policyRefs(owner, p, func(ref *columnRef, item *scopeItem) {
				if item.table == t && lastName(ref) == name {
					f(p, ref)
				}
			})
		}
	}
}

// replaceAll replaces every from in s with to.
func replaceAll[T comparable](s []T, from, to T) {
	for i, v := range s {
		if v == from {
			s[i] = to
		}
	}
}

// move renames a relation or moves it to another schema, and renames it
// where it is named: in the policies that read it or qualify columns with
// its name, in views and in foreign keys.
func (c *Catalog) move(t *Table, to QName) {
	from := t.Name
	type qualifier struct {
		ref   *columnRef
		parts int
	}
	var quals []qualifier
	var rvs []*rangeVar
	for _, owner := range c.tables {
		for _, p := range owner.Policies {
			c.policyRefs(owner, p, func(ref *columnRef, item *scopeItem) {
				if item.table == t && !item.aliased && len(ref.Fields) >= 2 {
					quals = append(quals, qualifier{ref, len(ref.Fields)})
				}
			})
			for _, e := range []*node{p.using, p.check} {
				inspect(e, func(n *node) bool {
					if rv := n.GetRangeVar(); rv != nil && rangeName(rv) == from {
						rvs = append(rvs, rv)
					}
					return true
				})
			}
		}
	}
	for _, q := range quals {
		q.ref.Fields[q.parts-2].GetString_().Sval = to.Name
		if q.parts >= 3 {
			q.ref.Fields[q.parts-3].GetString_().Sval = to.Schema
		}
	}
	for _, rv := range rvs {
		if rv.Schemaname != "" {
			rv.Schemaname = to.Schema
		}
		rv.Relname = to.Name
	}
	for _, other := range c.tables {
		replaceAll(other.Reads, from, to)
		for _, fk := range other.ForeignKeys {
			if fk.Ref == from {
				fk.Ref = to
			}
		}
	}
	delete(c.tables, from)
	t.Name = to
	c.tables[to] = t
}

// dropPolicies drops the policies for which drop returns true, and
// remembers them as dropped by the statement at pos.
func (t *Table) dropPolicies(pos Pos, drop func(*Policy) bool) {
	t.Policies = slices.DeleteFunc(t.Policies, func(p *Policy) bool {
		if drop(p) {
			t.droppedPolicies = append(t.droppedPolicies, droppedPolicy{p.Command, p.Permissive, pos})
			return true
		}
		return false
	})
}

// policyReadsTable reports whether a policy's subqueries read relation q.
func policyReadsTable(p *Policy, q QName) bool {
	found := false
	for _, e := range []*node{p.using, p.check} {
		inspect(e, func(n *node) bool {
			if rv := n.GetRangeVar(); rv != nil && rangeName(rv) == q {
				found = true
			}
			return !found
		})
	}
	return found
}

// scopeLevel is the FROM items a column reference can name at one level
// of nesting.
type scopeLevel []scopeItem

// scopeItem is one FROM item, by the name a query refers to it with;
// table is nil for a relation the catalog does not know.
type scopeItem struct {
	ref     string
	aliased bool
	table   *Table
}

// policyRefs calls f for each column reference in the expressions of
// owner's policy p that resolves to a FROM item the catalog knows.
func (c *Catalog) policyRefs(owner *Table, p *Policy, f func(*columnRef, *scopeItem)) {
	scope := []scopeLevel{{{ref: owner.Name.Name, table: owner}}}
	c.columnRefs(p.using, scope, f)
	c.columnRefs(p.check, scope, f)
}

// columnRefs calls f for each column reference in e that resolves to a
// known FROM item, with scope's FROM items (innermost last). A reference
// that an unknown relation may take is left out: a policy dropped by
// mistake is a finding that PostgreSQL would not cause.
func (c *Catalog) columnRefs(e *node, scope []scopeLevel, f func(*columnRef, *scopeItem)) {
	inspect(e, func(n *node) bool {
		switch {
		case n.GetSelectStmt() != nil:
			c.selectRefs(n.GetSelectStmt(), scope, f)
		case n.GetColumnRef() != nil:
			if item := resolveColumn(n.GetColumnRef(), scope); item != nil && item.table != nil {
				f(n.GetColumnRef(), item)
			}
		default:
			return true
		}
		return false
	})
}

func (c *Catalog) selectRefs(s *selectStmt, scope []scopeLevel, f func(*columnRef, *scopeItem)) {
	if s == nil {
		return
	}
	if s.Op != setopNone {
		c.selectRefs(s.Larg, scope, f)
		c.selectRefs(s.Rarg, scope, f)
		return
	}
	var level scopeLevel
	for _, from := range s.FromClause {
		for _, rv := range rangeVars(from) {
			level = append(level, scopeItem{refName(rv), rv.Alias != nil, c.Table(rangeName(rv))})
		}
	}
	inner := append(slices.Clip(scope), level)
	for _, list := range [][]*node{s.TargetList, s.FromClause, s.GroupClause, {s.WhereClause, s.HavingClause}} {
		for _, e := range list {
			c.columnRefs(e, inner, f)
		}
	}
}

// resolveColumn returns the FROM item a column reference names, looking
// outward from the innermost level as PostgreSQL does, or nil.
func resolveColumn(ref *columnRef, scope []scopeLevel) *scopeItem {
	names := stringList(ref.Fields)
	if len(names) == 0 || len(names) != len(ref.Fields) {
		return nil // a * or an indirection
	}
	col := names[len(names)-1]
	for i := len(scope) - 1; i >= 0; i-- {
		for j := range scope[i] {
			item := &scope[i][j]
			switch {
			case len(names) == 1 && (item.table == nil || item.table.Column(col) != nil):
				return item
			case len(names) >= 2 && item.ref == names[len(names)-2]:
				return item
			}
		}
	}
	return nil
}

// lastName is the column a reference names: its last field.
func lastName(ref *columnRef) string {
	if len(ref.Fields) == 0 {
		return ""
	}
	return ref.Fields[len(ref.Fields)-1].GetString_().GetSval()
}
