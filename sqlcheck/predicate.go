package sqlcheck

import (
	"fmt"
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
				if r.tenant == "" || r.scoped {
					continue
				}
				if v := binds(q.expr, blk, r); v.one {
					r.scoped, r.value = true, v.id
					changed = true
				}
			}
		}
	}
}

// tenantValue is what the checker knows of a value: whether it names one
// tenant in every row, and which one, as an identity that two values share
// when they surely name the same tenant ("$1", "current_setting('app.t')"),
// or "" when it cannot tell.
type tenantValue struct {
	one bool
	id  string
}

var notTenant = tenantValue{}

// sameTenant combines values that must all name the same tenant: it fails
// when any does not name one, or when two name tenants that differ. An
// unknown identity is taken for the same: the checker stays silent when it
// cannot tell.
func sameTenant(vs []tenantValue) tenantValue {
	out := tenantValue{one: len(vs) > 0}
	for _, v := range vs {
		switch {
		case !v.one:
			return notTenant
		case out.id == "":
			out.id = v.id
		case v.id != "" && v.id != out.id:
			return notTenant
		}
	}
	return out
}

// binds reports whether e, a clause evaluated in blk, keeps only rows of r
// that belong to one tenant, and which. Only top-level conjuncts count: a
// predicate under NOT or CASE does not, and one under OR counts only when
// every arm binds r to the same tenant, because any arm alone admits rows.
func binds(e *node, blk *block, r *relation) tenantValue {
	switch x := e.GetNode().(type) {
	case *nodeBoolExpr:
		args := x.BoolExpr.Args
		switch x.BoolExpr.Boolop {
		case boolAnd:
			for _, a := range args {
				if v := binds(a, blk, r); v.one {
					return v
				}
			}
		case boolOr:
			vs := make([]tenantValue, len(args))
			for i, a := range args {
				vs[i] = binds(a, blk, r)
			}
			return sameTenant(vs)
		}
	case *nodeAExpr:
		l, rhs, ok := equality(x.AExpr)
		if !ok {
			return notTenant
		}
		// (tenant_id, id) = ($1, $2) is tenant_id = $1 AND id = $2.
		if lr, rr := l.GetRowExpr(), rhs.GetRowExpr(); lr != nil && rr != nil && len(lr.Args) == len(rr.Args) {
			for i := range lr.Args {
				if v := bindsPair(lr.Args[i], rr.Args[i], blk, r); v.one {
					return v
				}
			}
			return notTenant
		}
		return bindsPair(l, rhs, blk, r)
	case *nodeSubLink:
		return bindsIn(x.SubLink, blk, r)
	}
	return notTenant
}

// bindsIn reports whether (…, r.tc, …) IN (SELECT …, v, …) binds r: the
// subquery's matching output column must carry a tenant value in every row.
func bindsIn(sl *subLink, blk *block, r *relation) tenantValue {
	sub := blk.sublinks[sl]
	if sl.SubLinkType != sublinkAny || sub == nil || sub.state != judged {
		return notTenant
	}
	if op := sl.OperName; len(op) > 0 && (len(op) != 1 || op[0].GetString_().GetSval() != "=") {
		return notTenant
	}
	cols := []*node{sl.Testexpr}
	if row := sl.Testexpr.GetRowExpr(); row != nil {
		cols = row.Args
	}
	for i, c := range cols {
		if isTenantColumn(c, blk, r) {
			if v, known := sub.outputAt(i); v.one && known {
				return v
			}
		}
	}
	return notTenant
}

// bindsPair reports whether l = rhs binds r's tenant column, either way
// round.
func bindsPair(l, rhs *node, blk *block, r *relation) tenantValue {
	if isTenantColumn(l, blk, r) {
		if v := valueOf(rhs, blk, r); v.one {
			return v
		}
	}
	if isTenantColumn(rhs, blk, r) {
		return valueOf(l, blk, r)
	}
	return notTenant
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
	if c := e.GetCoalesceExpr(); c != nil {
		return coalescedTenant(c.Args, blk, r)
	}
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

// coalescedTenant reports whether COALESCE(args) is r's tenant column
// after a FULL JOIN: args are the tenant columns of r and of a relation on
// the join's other side, which its ON clause equates with r's. Every row
// of the join then holds that one tenant in both sides' columns, or in the
// side that is there.
func coalescedTenant(args []*node, blk *block, r *relation) bool {
	if len(args) != 2 {
		return false
	}
	for _, fj := range blk.fullJoins {
		for _, pair := range [][2][]*relation{{fj.left, fj.right}, {fj.right, fj.left}} {
			if !slices.Contains(pair[0], r) {
				continue
			}
			for _, other := range pair[1] {
				for _, a := range [][2]*node{{args[0], args[1]}, {args[1], args[0]}} {
					if isTenantColumn(a[0], blk, r) && isTenantColumn(a[1], blk, other) && equates(fj.on, blk, r, other) {
						return true
					}
				}
			}
		}
	}
	return false
}

// equates reports whether a top-level conjunct of on is r.tc = other.tc.
func equates(on *node, blk *block, r, other *relation) bool {
	return conjunctEquates(on,
		func(e *node) bool { return isTenantColumn(e, blk, r) },
		func(e *node) bool { return isTenantColumn(e, blk, other) })
}

// conjunctEquates reports whether a top-level conjunct of e is an equality
// (as equality reads one) of a side that a accepts and one that b accepts,
// either way round.
func conjunctEquates(e *node, a, b func(*node) bool) bool {
	if x := e.GetBoolExpr(); x != nil && x.Boolop == boolAnd {
		return slices.ContainsFunc(x.Args, func(c *node) bool { return conjunctEquates(c, a, b) })
	}
	x := e.GetAExpr()
	if x == nil {
		return false
	}
	l, r, ok := equality(x)
	return ok && (a(l) && b(r) || a(r) && b(l))
}

// valueOf tells whether e names one tenant: a parameter or a literal where
// the block's rule allows them, current_setting(…) or a tenant function, a
// cast or NULLIF/COALESCE of those, the tenant column of a relation other
// than self that is already bound, or, where parameters count, a scalar
// subquery that reads nothing of the enclosing row: it yields at most one
// value, which names one tenant as a parameter does.
func valueOf(e *node, blk *block, self *relation) tenantValue {
	switch x := e.GetNode().(type) {
	case *nodeParamRef:
		return tenantValue{blk.values.params, fmt.Sprintf("$%d", x.ParamRef.Number)}
	case *nodeAConst:
		return tenantValue{blk.values.params && !x.AConst.Isnull, constText(x.AConst)}
	case *nodeTypeCast:
		return valueOf(x.TypeCast.Arg, blk, self)
	case *nodeFuncCall:
		name := funcName(x.FuncCall.Funcname)
		args := x.FuncCall.Args
		if name.Name == "current_setting" && len(args) > 1 {
			args = args[:1] // missing_ok does not change which setting
		}
		id := name.String() + "("
		for _, a := range args {
			c := uncast(a).GetAConst()
			if c == nil {
				id = ""
				break
			}
			id += constText(c) + ","
		}
		if id != "" {
			id += ")"
		}
		one := name.Name == "current_setting" || slices.ContainsFunc(blk.values.functions, func(f string) bool {
			return functionNamed(f, name)
		})
		return tenantValue{one, id}
	case *nodeAExpr:
		if x.AExpr.Kind != exprNullIf {
			return notTenant
		}
		return valueOf(x.AExpr.Lexpr, blk, self)
	case *nodeCoalesce:
		// COALESCE(current_setting('app.tenant_id', true), '') falls back
		// to a constant when the setting is unset, which no row matches.
		// Any other fallback names a tenant of its own.
		var vs []tenantValue
		for i, a := range x.CoalesceExpr.Args {
			if i > 0 && isEmptyConst(a) {
				continue
			}
			vs = append(vs, valueOf(a, blk, self))
		}
		return sameTenant(vs)
	case *nodeSubLink:
		sub := blk.sublinks[x.SubLink]
		if x.SubLink.SubLinkType != sublinkExpr || sub == nil || sub.state != judged {
			return notTenant
		}
		if blk.values.params && !sub.correlated(x.SubLink.Subselect) {
			return tenantValue{one: true}
		}
		// Otherwise it names one tenant when its one output does.
		v, known := sub.outputAt(0)
		if !known {
			return notTenant
		}
		return v
	case *nodeColumnRef:
		rels, col := blk.resolve(x.ColumnRef)
		if len(rels) == 0 {
			return blk.argument(x.ColumnRef)
		}
		if len(rels) != 1 || rels[0] == self {
			return notTenant
		}
		return carriesTenant(rels[0], col)
	}
	return notTenant
}

// argument is the value of a name that no relation in scope has: a
// parameter of the SQL function being judged, which stands for the one
// tenant its caller passes, as $n does.
func (blk *block) argument(ref *columnRef) tenantValue {
	names := stringList(ref.Fields)
	if len(names) != 1 || !slices.Contains(blk.values.args, names[0]) {
		return notTenant
	}
	return tenantValue{true, "$" + names[0]}
}

// constText is a literal's identity as a tenant value.
func constText(c *aConst) string {
	switch {
	case c.GetSval() != nil:
		return "'" + c.GetSval().GetSval() + "'"
	case c.GetIval() != nil:
		return fmt.Sprint(c.GetIval().GetIval())
	case c.GetFval() != nil:
		return c.GetFval().GetFval()
	case c.GetBoolval() != nil:
		return fmt.Sprint(c.GetBoolval().GetBoolval())
	}
	return ""
}

// correlated reports whether sel, the subquery of block sub, reads a
// column of an enclosing query, so that its value may differ from row to
// row. An unqualified reference inside a query nested in sel resolves from
// sub, so one to that query's own relations counts as correlated too: the
// checker then reports rather than trust the value.
func (sub *block) correlated(sel *node) bool {
	inner := map[string]bool{}
	inspect(sel, func(n *node) bool {
		switch x := n.Node.(type) {
		case *nodeRangeVar:
			inner[refName(x.RangeVar)] = true
		case *nodeSubselect:
			if a := x.RangeSubselect.Alias; a != nil {
				inner[a.Aliasname] = true
			}
		case *nodeFunction:
			if a := x.RangeFunction.Alias; a != nil {
				inner[a.Aliasname] = true
			}
		case *nodeCTE:
			inner[x.CommonTableExpr.Ctename] = true
		}
		return true
	})
	found := false
	inspect(sel, func(n *node) bool {
		ref := n.GetColumnRef()
		switch {
		case found:
			return false
		case ref == nil:
			return true
		}
		names := stringList(ref.Fields)
		switch {
		case len(names) != len(ref.Fields): // a star
		case len(names) >= 2:
			found = !inner[names[len(names)-2]]
		default:
			rels, _ := sub.resolve(ref)
			found = slices.ContainsFunc(rels, func(r *relation) bool { return !slices.Contains(sub.rels, r) })
		}
		return false
	})
	return found
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
func carriesTenant(r *relation, col string) tenantValue {
	switch r.kind {
	case relTable:
		if r.tenant == col && r.scoped {
			return tenantValue{true, r.value}
		}
	case relCTE, relDerived:
		q := r.query
		if q.body == nil {
			return notTenant
		}
		if q.renamed {
			i := slices.Index(q.cols, col)
			if i < 0 {
				return notTenant
			}
			v, known := q.body.outputAt(i)
			if !known {
				return notTenant
			}
			return v
		}
		return q.body.outputCarriesTenant(col)
	}
	return notTenant
}

// outputCarriesTenant reports whether the output column col of blk holds a
// tenant value in every row. For a set operation every branch must.
func (blk *block) outputCarriesTenant(col string) tenantValue {
	if len(blk.arms) > 0 {
		v, _ := blk.allArms(func(a *block) (tenantValue, bool) { return a.outputCarriesTenant(col), true })
		return v
	}
	if len(blk.rows) > 0 {
		// PostgreSQL names a VALUES list's columns column1, column2, ….
		var n int
		if _, err := fmt.Sscanf(col, "column%d", &n); err != nil || fmt.Sprintf("column%d", n) != col || n < 1 {
			return notTenant
		}
		v, _ := blk.outputAt(n - 1)
		return v
	}
	for _, t := range blk.targets {
		rt := t.GetResTarget()
		if star, qual := isStar(rt.GetVal().GetColumnRef()); star {
			for _, r := range blk.rels {
				if qual == "" || qual == r.ref {
					if v := carriesTenant(r, col); v.one {
						return v
					}
				}
			}
			continue
		}
		if targetName(rt) == col {
			return valueOf(rt.Val, blk, nil)
		}
	}
	return notTenant
}

// outputAt reports whether the i-th output column of blk holds a tenant
// value in every row; known is false when a * hides which column that is.
func (blk *block) outputAt(i int) (v tenantValue, known bool) {
	if len(blk.arms) > 0 {
		return blk.allArms(func(a *block) (tenantValue, bool) { return a.outputAt(i) })
	}
	if len(blk.rows) > 0 {
		vs := make([]tenantValue, len(blk.rows))
		for j, row := range blk.rows {
			if i < len(row) {
				vs[j] = valueOf(row[i], blk, nil)
			}
		}
		return sameKnownTenant(vs), true
	}
	for j, t := range blk.targets {
		rt := t.GetResTarget()
		if star, _ := isStar(rt.GetVal().GetColumnRef()); star {
			return notTenant, false
		}
		if j == i {
			return valueOf(rt.Val, blk, nil), true
		}
	}
	return notTenant, false
}

// allArms combines f over the branches of a set operation that have been
// judged; a recursive WITH query's own reference sees only the branches
// judged so far, which is its non-recursive part, and its recursive branch
// can bind only to the tenant of the rows it recurses from. Branches that
// each name one tenant may name different ones (SELECT $1 UNION SELECT
// $2), so the branches of any other set operation count only when they
// surely name the same one.
func (blk *block) allArms(f func(*block) (tenantValue, bool)) (v tenantValue, known bool) {
	var vs []tenantValue
	known = true
	for _, a := range blk.arms {
		if a.state != judged {
			continue
		}
		av, k := f(a)
		vs, known = append(vs, av), known && k
	}
	switch {
	case len(vs) == 0:
		return notTenant, false
	case blk.recursive:
		return sameTenant(vs), known
	}
	return sameKnownTenant(vs), known
}

// sameKnownTenant is sameTenant for the rows of a set: several values whose
// identity it cannot tell may name several tenants.
func sameKnownTenant(vs []tenantValue) tenantValue {
	if len(vs) > 1 && slices.ContainsFunc(vs, func(v tenantValue) bool { return v.id == "" }) {
		return notTenant
	}
	return sameTenant(vs)
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
