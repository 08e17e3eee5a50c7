package sqlcheck

// This file replays how columns pass from parents to children, through
// INHERITS and PARTITION OF, as PostgreSQL counts them: a child's column
// is inherited from some parents (attinhcount) and may be the child's own
// as well (attislocal), and it goes only when neither holds any more.

// inherit takes parent's columns into a table being created, merging a
// column that an earlier parent gave it.
func (t *Table) inherit(parent *Table) {
	t.parents = append(t.parents, parent)
	for _, pc := range parent.Columns {
		if col := t.Column(pc.Name); col != nil {
			col.inherited++
			col.NotNull = col.NotNull || pc.NotNull
			continue
		}
		cp := *pc
		cp.local, cp.inherited = false, 1
		t.Columns = append(t.Columns, &cp)
	}
}

// children returns the tables that inherit from t directly, partitions
// among them.
func (c *Catalog) children(t *Table) []*Table {
	var out []*Table
	for _, other := range c.tables {
		for _, p := range other.parents {
			if p == t {
				out = append(out, other)
			}
		}
	}
	return out
}

// addToChildren gives t's children the column that def added to t. A child
// that has a column of that name merges it and stops there; one that
// lacks it gets it and passes it on. A partition takes the column's
// constraints too.
func (c *Catalog) addToChildren(t *Table, def *columnDef) {
	for _, child := range c.children(t) {
		if col := child.Column(def.Colname); col != nil {
			col.inherited++
			continue
		}
		if child.partition {
			c.addColumn(child, def)
		} else {
			parent := t.Column(def.Colname)
			child.Columns = append(child.Columns, &Column{Name: def.Colname, NotNull: parent.NotNull, Pos: c.at, def: parent.def})
		}
		col := child.Column(def.Colname)
		col.local, col.inherited = false, 1
		c.addToChildren(child, def)
	}
}

// dropFromChildren is the part of t's DROP COLUMN that reaches its
// children: a copy that only t gave goes, with its own children's copies;
// any other loses t as a parent. ALTER TABLE ONLY keeps every copy, as the
// child's own.
func (c *Catalog) dropFromChildren(t *Table, name string, cascade, only bool) {
	for _, child := range c.children(t) {
		col := child.Column(name)
		switch {
		case col == nil:
		case !only && col.inherited == 1 && !col.local:
			c.dropColumn(child, name, cascade, false)
		default:
			col.inherited--
			col.local = col.local || only
		}
	}
}

// keyNotNullBelow makes the columns of t's new primary key NOT NULL in the
// tables that inherit from it, as PostgreSQL does; partitions take the key
// itself, and with it NOT NULL, from reachesChild.
func (c *Catalog) keyNotNullBelow(t *Table, key *Index) {
	if key == nil {
		return
	}
	for _, child := range c.children(t) {
		if child.partition {
			continue
		}
		for _, name := range key.Columns {
			if col := child.Column(name); col != nil {
				col.NotNull, col.Pos = true, c.at
			}
		}
		c.keyNotNullBelow(child, key)
	}
}
