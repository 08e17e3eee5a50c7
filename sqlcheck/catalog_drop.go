package sqlcheck

import "slices"

// This file replays what a DROP takes with it. PostgreSQL records which
// objects depend on a table or column; the replay finds the same
// dependents from the catalog, since a dependent that outlives what it
// needs (a policy on a dropped column, a child of a dropped parent) makes
// the rules judge a schema that no database has.

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

// dropColumn drops a column with its indexes and keys, and with CASCADE
// the policies that use it, on its table or, through a subquery, on
// another.
func (c *Catalog) dropColumn(t *Table, name string, cascade bool) {
	if t.Column(name) == nil {
		return
	}
	t.Indexes = slices.DeleteFunc(t.Indexes, func(i *Index) bool { return slices.Contains(i.Columns, name) })
	t.ForeignKeys = slices.DeleteFunc(t.ForeignKeys, func(fk *ForeignKey) bool { return slices.Contains(fk.Columns, name) })
	if cascade {
		for _, owner := range c.tables {
			owner.dropPolicies(c.at, func(p *Policy) bool {
				scope := []scopeLevel{{{owner.Name.Name, owner}}}
				return c.usesColumn(p.using, scope, t, name) || c.usesColumn(p.check, scope, t, name)
			})
		}
	}
	t.Columns = slices.DeleteFunc(t.Columns, func(col *Column) bool { return col.Name == name })
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

// scopeItem is one FROM item; table is nil for a relation the catalog does
// not know.
type scopeItem struct {
	ref   string
	table *Table
}

// usesColumn reports whether expression e, with scope's FROM items
// (innermost last), refers to column name of t. A reference it cannot
// resolve, because a FROM item is unknown, counts as no use: a policy
// dropped by mistake is a finding that PostgreSQL would not cause.
func (c *Catalog) usesColumn(e *node, scope []scopeLevel, t *Table, name string) bool {
	found := false
	inspect(e, func(n *node) bool {
		switch {
		case found:
		case n.GetSelectStmt() != nil:
			found = c.selectUsesColumn(n.GetSelectStmt(), scope, t, name)
		case n.GetColumnRef() != nil:
			found = resolveColumn(stringList(n.GetColumnRef().Fields), scope) == t && lastName(n.GetColumnRef()) == name
		default:
			return true
		}
		return false
	})
	return found
}

func (c *Catalog) selectUsesColumn(s *selectStmt, scope []scopeLevel, t *Table, name string) bool {
	if s == nil {
		return false
	}
	if s.Op != setopNone {
		return c.selectUsesColumn(s.Larg, scope, t, name) || c.selectUsesColumn(s.Rarg, scope, t, name)
	}
	var level scopeLevel
	for _, from := range s.FromClause {
		for _, rv := range rangeVars(from) {
			level = append(level, scopeItem{refName(rv), c.Table(rangeName(rv))})
		}
	}
	inner := append(slices.Clip(scope), level)
	for _, list := range [][]*node{s.TargetList, s.FromClause, s.GroupClause, {s.WhereClause, s.HavingClause}} {
		for _, e := range list {
			if c.usesColumn(e, inner, t, name) {
				return true
			}
		}
	}
	return false
}

// resolveColumn returns the table a column reference, as its names,
// refers to, looking outward from the innermost level as PostgreSQL does,
// or nil.
func resolveColumn(names []string, scope []scopeLevel) *Table {
	if len(names) == 0 {
		return nil
	}
	col := names[len(names)-1]
	for i := len(scope) - 1; i >= 0; i-- {
		for _, item := range scope[i] {
			switch {
			case len(names) == 1 && item.table == nil:
				return nil // the unknown relation may have the column
			case len(names) == 1 && item.table.Column(col) != nil:
				return item.table
			case len(names) >= 2 && item.ref == names[len(names)-2]:
				return item.table
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
