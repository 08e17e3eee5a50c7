package sqlcheck

// This file replays column defaults: what an insert that leaves a column
// out stores in it.

// columnDefault is a column's DEFAULT, or a generated column's expression,
// which PostgreSQL keeps alike (pg_attrdef). It is replaced, never changed,
// so the copies that LIKE and inheritance make may share it.
type columnDefault struct {
	expr      *node // nil for the nextval(…) of a serial column
	generated bool
	pos       Pos // the statement that set it
}

// HasDefault reports whether the column has a default or is generated.
func (c *Column) HasDefault() bool { return c.def != nil }

// constantDefault returns the statement that gave c a default that is one
// value for every row, such as DEFAULT 1 or DEFAULT '…'::uuid.
func (c *Column) constantDefault() (Pos, bool) {
	if d := c.def; d != nil && !d.generated && isConstant(d.expr) {
		return d.pos, true
	}
	return Pos{}, false
}

// isConstant reports an expression of literals, casts and operators only:
// no function, column or setting can make it differ between inserts.
// NULL is no value at all.
func isConstant(e *node) bool {
	switch x := e.GetNode().(type) {
	case *nodeAConst:
		return !x.AConst.Isnull
	case *nodeTypeCast:
		return isConstant(x.TypeCast.Arg)
	case *nodeAExpr:
		l := x.AExpr.Lexpr
		return (l == nil || isConstant(l)) && isConstant(x.AExpr.Rexpr)
	}
	return false
}

// columnDefaultOf returns the default that a column definition gives, or
// nil: its DEFAULT or GENERATED constraint, or a serial type's sequence.
func (c *Catalog) columnDefaultOf(def *columnDef) *columnDefault {
	var d *columnDefault
	if isSerial(def) {
		d = &columnDefault{pos: c.at}
	}
	for _, n := range def.Constraints {
		switch con := n.GetConstraint(); con.GetContype() {
		case constrDefault:
			d = exprDefault(con.RawExpr, c.at)
		case constrGenerate:
			d = &columnDefault{expr: con.RawExpr, generated: true, pos: c.at}
		}
	}
	return d
}

// alterDefault applies ALTER COLUMN … SET DEFAULT, DROP DEFAULT and DROP
// EXPRESSION.
func (c *Catalog) alterDefault(t *Table, cmd *alterTableCmd) {
	col := t.Column(cmd.Name)
	switch {
	case col == nil:
	case cmd.Subtype == atDropExpression:
		if col.def != nil && col.def.generated {
			col.def = nil
		}
	default:
		col.def = exprDefault(cmd.Def, c.at)
	}
}

// exprDefault is the default that DEFAULT e sets, at pos. PostgreSQL
// stores no default for NULL, cast or not.
func exprDefault(e *node, pos Pos) *columnDefault {
	v := e
	for v.GetTypeCast() != nil {
		v = v.GetTypeCast().Arg
	}
	if v == nil || v.GetAConst().GetIsnull() {
		return nil
	}
	return &columnDefault{expr: e, pos: pos}
}

// likeDefault is what LIKE copies of a column's default: a DEFAULT with
// INCLUDING DEFAULTS, a generated expression with INCLUDING GENERATED.
func likeDefault(d *columnDefault, options uint32) *columnDefault {
	if d == nil || d.generated && options&likeGenerated == 0 || !d.generated && options&likeDefaults == 0 {
		return nil
	}
	return d
}
