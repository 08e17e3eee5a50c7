package sqlcheck

import (
	"slices"
	"strings"
)

// This file decides whether an expression binds a relation's tenant column
// to one tenant. It is the judgement half of the scoping rules in the
// README; scope.go builds what it judges.

// scope marks the tenant relations of blk that its WHERE and inner-join ON
// clauses bind to a tenant. Binding through another relation's tenant column
// needs that relation bound first, so it repeats until nothing changes.
func scope(blk *block) {
	for changed := true; changed; {
		changed = false
		for _, q := range blk.quals {
			rels := q.rels
			if rels == nil {
				rels = blk.rels
			}
			for _, r := range rels {
				if r.tenant != "" && !r.scoped && binds(q.expr, blk, r) {
					r.scoped = true
					changed = true
				}
			}
		}
	}
}

// binds reports whether e, a clause evaluated in blk, keeps only rows of r
// that belong to one tenant. Only top-level conjuncts count: a predicate
// under NOT or CASE does not, and one under OR counts only when every arm
// binds r, because any arm alone admits rows.
func binds(e *node, blk *block, r *relation) bool {
	switch x := e.GetNode().(type) {
	case *nodeBoolExpr:
		args := x.BoolExpr.Args
		switch x.BoolExpr.Boolop {
		case boolAnd:
			for _, a := range args {
				if binds(a, blk, r) {
					return true
				}
			}
		case boolOr:
			for _, a := range args {
				if !binds(a, blk, r) {
					return false
				}
			}
			return len(args) > 0
		}
	case *nodeAExpr:
		l, rhs, ok := equality(x.AExpr)
		if !ok {
			return false
		}
		// (tenant_id, id) = ($1, $2) is tenant_id = $1 AND id = $2.
		if lr, rr := l.GetRowExpr(), rhs.GetRowExpr(); lr != nil && rr != nil && len(lr.Args) == len(rr.Args) {
			for i := range lr.Args {
				if bindsPair(lr.Args[i], rr.Args[i], blk, r) {
					return true
				}
			}
			return false
		}
		return bindsPair(l, rhs, blk, r)
	case *nodeSubLink:
		return bindsIn(x.SubLink, blk, r)
	}
	return false
}

// bindsIn reports whether (…, r.tc, …) IN (SELECT …, v, …) binds r: the
// subquery's matching output column must carry a tenant value in every row.
func bindsIn(sl *subLink, blk *block, r *relation) bool {
	sub := blk.sublinks[sl]
	if sl.SubLinkType != sublinkAny || sub == nil || sub.state != judged {
		return false
	}
	if op := sl.OperName; len(op) > 0 && (len(op) != 1 || op[0].GetString_().GetSval() != "=") {
		return false
	}
	cols := []*node{sl.Testexpr}
	if row := sl.Testexpr.GetRowExpr(); row != nil {
		cols = row.Args
	}
	for i, c := range cols {
		if isTenantColumn(c, blk, r) {
			if tenant, known := sub.outputAt(i); tenant && known {
				return true
			}
		}
	}
	return false
}

// bindsPair reports whether l = rhs binds r's tenant column, either way
// round.
func bindsPair(l, rhs *node, blk *block, r *relation) bool {
	return isTenantColumn(l, blk, r) && isTenantValue(rhs, blk, r) ||
		isTenantColumn(rhs, blk, r) && isTenantValue(l, blk, r)
}

// equality returns the sides of a = b, a IS NOT DISTINCT FROM b, or a IN (b)
// with a single element. IN with more elements admits several tenants, and
// NOT IN, which PostgreSQL parses as IN with the operator <>, admits all
// tenants but one.
func equality(a *aExpr) (l, r *node, ok bool) {
	isEq := len(a.Name) == 1 && a.Name[0].GetString_().GetSval() == "="
	switch a.Kind {
	case exprOp:
		if isEq {
			return a.Lexpr, a.Rexpr, true
		}
	case exprNotDistinct:
		return a.Lexpr, a.Rexpr, true
	case exprIn:
		if items := a.Rexpr.GetList().GetItems(); isEq && len(items) == 1 {
			return a.Lexpr, items[0], true
		}
	}
	return nil, nil, false
}

// isTenantColumn reports whether e is r's tenant column. A cast on the
// column (tenant_id::text = $1) still compares the column. An unqualified
// name that more than one relation may own counts for each of them: the
// checker stays silent when it cannot tell.
func isTenantColumn(e *node, blk *block, r *relation) bool {
	e = uncast(e)
	ref := e.GetColumnRef()
	if ref == nil {
		return false
	}
	rels, col := blk.resolve(ref)
	if col != r.tenant {
		return false
	}
	for _, c := range rels {
		if c == r {
			return true
		}
	}
	return false
}

// isTenantValue reports whether e names one tenant: a parameter or a
// literal where the block's rule allows them, current_setting(…) or a
// tenant function, a cast or NULLIF/COALESCE of those, or the tenant column
// of a relation other than self that is already bound.
func isTenantValue(e *node, blk *block, self *relation) bool {
	switch x := e.GetNode().(type) {
	case *nodeParamRef:
		return blk.values.params
	case *nodeAConst:
		return blk.values.params && !x.AConst.Isnull
	case *nodeTypeCast:
		return isTenantValue(x.TypeCast.Arg, blk, self)
	case *nodeFuncCall:
		name := funcName(x.FuncCall.Funcname)
		return name.Name == "current_setting" || slices.ContainsFunc(blk.values.functions, func(f string) bool {
			return functionNamed(f, name)
		})
	case *nodeAExpr:
		return x.AExpr.Kind == exprNullIf && isTenantValue(x.AExpr.Lexpr, blk, self)
	case *nodeCoalesce:
		// COALESCE(current_setting('app.tenant_id', true), '') falls back
		// to a constant when the setting is unset, which no row matches.
		// Any other fallback constant names a tenant of its own.
		args := x.CoalesceExpr.Args
		for i, a := range args {
			if !isTenantValue(a, blk, self) && (i == 0 || !isEmptyConst(a)) {
				return false
			}
		}
		return len(args) > 0
	case *nodeSubLink:
		// A scalar subquery names one tenant when its one output does.
		sub := blk.sublinks[x.SubLink]
		if x.SubLink.SubLinkType != sublinkExpr || sub == nil || sub.state != judged {
			return false
		}
		tenant, known := sub.outputAt(0)
		return tenant && known
	case *nodeColumnRef:
		rels, col := blk.resolve(x.ColumnRef)
		if len(rels) != 1 || rels[0] == self {
			return false
		}
		return carriesTenant(rels[0], col)
	}
	return false
}

// functionNamed reports whether a tenant_functions entry f names the
// function called as name: an unqualified entry matches in any schema.
func functionNamed(f string, name QName) bool {
	q := ParseQName(f)
	return q == name || !strings.Contains(f, ".") && q.Name == name.Name
}

// carriesTenant reports whether column col of r always holds the tenant
// that r was bound to: the tenant column of a bound tenant table, or an
// output column of a CTE or derived table that carries one from inside.
func carriesTenant(r *relation, col string) bool {
	switch r.kind {
	case relTable:
		return r.tenant == col && r.scoped
	case relCTE, relDerived:
		q := r.query
		if q.body == nil {
			return false
		}
		if q.renamed {
			i := slices.Index(q.cols, col)
			tenant, known := q.body.outputAt(i)
			return i >= 0 && tenant && known
		}
		return q.body.outputCarriesTenant(col)
	}
	return false
}

// outputCarriesTenant reports whether the output column col of blk holds a
// tenant value in every row. For a set operation every branch must; a
// recursive WITH query's own reference sees only the branches judged so far,
// which is its non-recursive part.
func (blk *block) outputCarriesTenant(col string) bool {
	if len(blk.arms) > 0 {
		tenant, _ := blk.allArms(func(a *block) (bool, bool) { return a.outputCarriesTenant(col), true })
		return tenant
	}
	for _, t := range blk.targets {
		rt := t.GetResTarget()
		if star, qual := isStar(rt.GetVal().GetColumnRef()); star {
			for _, r := range blk.rels {
				if (qual == "" || qual == r.ref) && carriesTenant(r, col) {
					return true
				}
			}
			continue
		}
		if targetName(rt) == col {
			return isTenantValue(rt.Val, blk, nil)
		}
	}
	return false
}

// outputAt reports whether the i-th output column of blk holds a tenant
// value in every row; known is false when a * hides which column that is.
func (blk *block) outputAt(i int) (tenant, known bool) {
	if len(blk.arms) > 0 {
		return blk.allArms(func(a *block) (bool, bool) { return a.outputAt(i) })
	}
	for j, t := range blk.targets {
		rt := t.GetResTarget()
		if star, _ := isStar(rt.GetVal().GetColumnRef()); star {
			return false, false
		}
		if j == i {
			return isTenantValue(rt.Val, blk, nil), true
		}
	}
	return false, false
}

// allArms combines f over the branches of a set operation that have been
// judged; see outputCarriesTenant for why some may not have been. Branches
// that each name one tenant may name different ones (SELECT $1 UNION
// SELECT $2), so only a recursive query counts: its recursive branch can
// bind only to the tenant of the rows it recurses from.
func (blk *block) allArms(f func(*block) (tenant, known bool)) (tenant, known bool) {
	if !blk.recursive {
		return false, true
	}
	tenant, known = true, true
	n := 0
	for _, a := range blk.arms {
		if a.state != judged {
			continue
		}
		t, k := f(a)
		tenant, known = tenant && t, known && k
		n++
	}
	return tenant && n > 0, known && n > 0
}

// isEmptyConst reports NULL or ”, possibly cast.
func isEmptyConst(e *node) bool {
	c := uncast(e).GetAConst()
	return c != nil && (c.Isnull || c.GetSval() != nil && c.GetSval().GetSval() == "")
}

func uncast(e *node) *node {
	for {
		c, ok := e.GetNode().(*nodeTypeCast)
		if !ok {
			return e
		}
		e = c.TypeCast.Arg
	}
}
