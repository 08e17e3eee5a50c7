package sqlcheck

import (
	"slices"
	"strconv"
	"strings"

	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// This file compares policy expressions as parse trees. The drift checks
// (drift.go) compare a policy as the migrations wrote it with the same
// policy as the live database prints it, and pg_get_expr prints what the
// analyser made of the expression, not what was written:
//
//	tenant_id = current_setting('app.tenant_id')::uuid
//
// comes back as
//
//	(tenant_id = (current_setting('app.tenant_id'::text))::uuid)
//
// Parentheses leave no trace in a parse tree; the rest is undone here, on
// both sides alike, so that a policy applied unchanged compares equal. The
// normal form is lossy on purpose (a cast that someone changed by hand
// goes unseen), because a false drift on every policy of a database would
// bury the real one; a changed column, operator, function, constant or
// subquery still shows.

// sameExpr reports whether a, a policy expression on table ta of catalog
// ca, means what b on tb of cb means, up to what PostgreSQL's printing
// changes.
func sameExpr(ca *Catalog, ta *Table, a *node, cb *Catalog, tb *Table, b *node) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return proto.Equal(normalExpr(ca, ta, a), normalExpr(cb, tb, b))
}

// normalExpr returns a normalised copy of e, a policy expression on owner:
//
//   - column references that resolve through the catalog name the FROM
//     item by its place (canonicalRefs), whatever alias it has;
//   - casts are dropped, PostgreSQL adds them to constants, to function
//     results and to columns that an operator coerces;
//   - constants become the string constant of their text, a number's in
//     one decimal form (constAsText);
//   - x IN (a, b) becomes x = ANY (ARRAY[a, b]), and x IN (a) becomes
//     x = a, as the analyser rewrites them (normalIn); NOT IN likewise
//     with <> ALL; x IN (subquery) is = ANY (subquery);
//   - LIKE, ILIKE and SIMILAR TO become the operators ~~, ~~* and ~ they
//     are, and IS NOT DISTINCT FROM becomes NOT (… IS DISTINCT FROM …);
//   - BETWEEN [SYMMETRIC] becomes the comparisons it stands for, and a
//     comparison of rows with = or <> one of their columns;
//   - nested AND and OR are flattened;
//   - the schema public (and pg_catalog for functions) is dropped from
//     names, which pg_get_expr leaves out for what the search path finds;
//   - the output names of a subquery's targets are dropped, which
//     PostgreSQL adds (and keeps after a column is renamed);
//   - locations, and how a function call or row was spelt, are zeroed.
func normalExpr(c *Catalog, owner *Table, e *node) *node {
	e = proto.Clone(e).(*node)
	c.canonicalRefs(e, []scopeLevel{{{ref: owner.Name.Name, table: owner}}})
	return rewriteNode(e, normalNode)
}

// canonicalRefs rewrites each column reference in e that resolves to a FROM
// item of a known relation as the item's place in scope and the column:
// the policy's own table is level 0, item 0. Names by place survive what
// PostgreSQL does to names: it leaves the policy's own columns bare,
// qualifies every column inside a subquery, and gives a subquery's FROM
// item for the policy's own table an alias of its own (orders orders_1).
// The aliases of those FROM items are dropped once their references are
// rewritten. References that name nothing known are left as written.
func (c *Catalog) canonicalRefs(e *node, scope []scopeLevel) {
	inspect(e, func(n *node) bool {
		switch {
		case n.GetSelectStmt() != nil:
			c.canonicalSelect(n.GetSelectStmt(), scope)
		case n.GetColumnRef() != nil:
			ref := n.GetColumnRef()
			if item := resolveColumn(ref, scope); item != nil && item.table != nil {
				ref.Fields = []*node{strNode(scopePlace(scope, item)), strNode(lastName(ref))}
			}
		default:
			return true
		}
		return false
	})
}

// canonicalSelect is canonicalRefs for one SELECT, as selectRefs walks it.
func (c *Catalog) canonicalSelect(s *selectStmt, scope []scopeLevel) {
	if s == nil {
		return
	}
	if s.Op != setopNone {
		c.canonicalSelect(s.Larg, scope)
		c.canonicalSelect(s.Rarg, scope)
		return
	}
	var level scopeLevel
	var known []*rangeVar
	for _, from := range s.FromClause {
		for _, rv := range rangeVars(from) {
			item := scopeItem{refName(rv), rv.Alias != nil, c.Table(rangeName(rv))}
			level = append(level, item)
			if item.table != nil {
				known = append(known, rv)
			}
		}
	}
	inner := append(slices.Clip(scope), level)
	for _, list := range [][]*node{s.TargetList, s.FromClause, s.GroupClause, {s.WhereClause, s.HavingClause}} {
		for _, e := range list {
			c.canonicalRefs(e, inner)
		}
	}
	for _, rv := range known {
		switch {
		case rv.Alias == nil:
		case len(rv.Alias.Colnames) == 0:
			rv.Alias = nil
		default:
			rv.Alias.Aliasname = ""
		}
	}
}

// scopePlace names a FROM item by its level and its index there, with a
// leading space, which no name that a policy uses unquoted has.
func scopePlace(scope []scopeLevel, item *scopeItem) string {
	for i := range scope {
		for j := range scope[i] {
			if &scope[i][j] == item {
				return " " + strconv.Itoa(i) + "." + strconv.Itoa(j)
			}
		}
	}
	return item.ref
}

// normalNode rewrites one node whose children are normalised already.
func normalNode(n *node) *node {
	switch x := n.Node.(type) {
	case *nodeTypeCast:
		if x.TypeCast.Arg != nil {
			return x.TypeCast.Arg
		}
	case *nodeAConst:
		constAsText(x.AConst)
	case *nodeAExpr:
		return normalAExpr(x.AExpr, n)
	case *nodeBoolExpr:
		b := x.BoolExpr
		if b.Boolop == boolAnd || b.Boolop == boolOr {
			var args []*node
			for _, a := range b.Args {
				if inner := a.GetBoolExpr(); inner != nil && inner.Boolop == b.Boolop {
					args = append(args, inner.Args...)
				} else {
					args = append(args, a)
				}
			}
			b.Args = args
		}
	case *nodeSubLink:
		if x.SubLink.SubLinkType == sublinkAny && len(x.SubLink.OperName) == 0 {
			x.SubLink.OperName = []*node{strNode("=")}
		}
	case *nodeFuncCall:
		f := x.FuncCall
		if names := stringList(f.Funcname); len(names) == 2 && (names[0] == "public" || names[0] == "pg_catalog") {
			f.Funcname = f.Funcname[1:]
		}
		f.Funcformat = 0
	case *nodeRowExpr:
		x.RowExpr.RowFormat = 0
	case *nodeRangeVar:
		if x.RangeVar.Schemaname == "public" {
			x.RangeVar.Schemaname = ""
		}
	case *nodeSelect:
		for _, t := range x.SelectStmt.TargetList {
			if rt := t.GetResTarget(); rt != nil {
				rt.Name = ""
			}
		}
	}
	return n
}

func normalAExpr(a *aExpr, n *node) *node {
	op := ""
	if names := stringList(a.Name); len(names) > 0 {
		op = names[len(names)-1]
	}
	x := a.Lexpr
	cmp := func(op string, l, r *node) *node { return aExprNode(exprOp, op, l, r) }
	switch a.Kind {
	case exprLike, exprILike, exprSimilar:
		// SIMILAR TO's pattern is a similar_to_escape call already.
		a.Kind = exprOp
	case exprNotDistinct:
		return boolNode(boolNot, []*node{aExprNode(exprDistinct, op, x, a.Rexpr)})
	case exprIn:
		return normalIn(op, x, a.Rexpr.GetList().GetItems())
	case exprBetween, exprNotBetween, exprBetweenSym, exprNotBetSym:
		bounds := a.Rexpr.GetList().GetItems()
		if len(bounds) != 2 {
			break
		}
		lo, hi := bounds[0], bounds[1]
		within := func(lo, hi *node) *node { return boolNode(boolAnd, []*node{cmp(">=", x, lo), cmp("<=", x, hi)}) }
		outside := func(lo, hi *node) *node { return boolNode(boolOr, []*node{cmp("<", x, lo), cmp(">", x, hi)}) }
		switch a.Kind {
		case exprBetween:
			return within(lo, hi)
		case exprNotBetween:
			return outside(lo, hi)
		case exprBetweenSym:
			return boolNode(boolOr, []*node{within(lo, hi), within(hi, lo)})
		}
		return boolNode(boolAnd, []*node{outside(lo, hi), outside(hi, lo)})
	case exprOp:
		// (a, b) = (c, d) is a = c AND b = d, and <> is OR'd likewise.
		l, r := a.Lexpr.GetRowExpr(), a.Rexpr.GetRowExpr()
		if l == nil || r == nil || len(l.Args) != len(r.Args) || op != "=" && op != "<>" {
			break
		}
		var parts []*node
		for i := range l.Args {
			parts = append(parts, cmp(op, l.Args[i], r.Args[i]))
		}
		if op == "=" {
			return boolNode(boolAnd, parts)
		}
		return boolNode(boolOr, parts)
	}
	return n
}

// normalIn is x IN (items) as PostgreSQL's analyser writes it: the items
// that read no column become one x = ANY (ARRAY[…]) if there are two or
// more, and every other item an equality of its own, OR'd after it. NOT
// IN is the same with <>, ALL and AND.
func normalIn(op string, x *node, items []*node) *node {
	var vars, consts []*node
	for _, it := range items {
		if readsColumn(it) {
			vars = append(vars, it)
		} else {
			consts = append(consts, it)
		}
	}
	kind, join := exprOpAny, boolOr
	if op != "=" {
		kind, join = exprOpAll, boolAnd
	}
	var parts []*node
	rest := items
	if len(consts) > 1 {
		parts, rest = []*node{aExprNode(kind, op, x, arrayNode(consts))}, vars
	}
	for _, it := range rest {
		parts = append(parts, aExprNode(exprOp, op, x, it))
	}
	if len(parts) == 1 {
		return parts[0]
	}
	return boolNode(join, parts)
}

func readsColumn(e *node) bool {
	found := false
	inspect(e, func(n *node) bool {
		found = found || n.GetColumnRef() != nil
		return !found
	})
	return found
}

// rewriteNode replaces n, after each node below it, by what f returns,
// and zeroes every location on the way. It reaches every field through
// protobuf reflection, so that no node kind keeps a cast or a location
// that would make two equal expressions differ.
func rewriteNode(n *node, f func(*node) *node) *node {
	if n == nil {
		return nil
	}
	rewriteFields(n.ProtoReflect(), f)
	m := f(n)
	if m != n {
		// A node that f built has locations of its own, -1; the nodes it
		// took from n are normal already, so f is not applied again.
		rewriteFields(m.ProtoReflect(), func(n *node) *node { return n })
	}
	return m
}

func rewriteFields(m protoreflect.Message, f func(*node) *node) {
	type set struct {
		fd protoreflect.FieldDescriptor
		v  protoreflect.Value
	}
	var sets []set // fields are set after Range, which must not see them change
	m.Range(func(fd protoreflect.FieldDescriptor, v protoreflect.Value) bool {
		switch {
		case fd.Name() == "location" && fd.Kind() == protoreflect.Int32Kind:
			sets = append(sets, set{fd, protoreflect.ValueOfInt32(0)})
		case fd.Kind() != protoreflect.MessageKind || fd.IsMap():
		case fd.IsList():
			l := v.List()
			for i := 0; i < l.Len(); i++ {
				if n, ok := l.Get(i).Message().Interface().(*node); ok {
					l.Set(i, protoreflect.ValueOfMessage(rewriteNode(n, f).ProtoReflect()))
				} else {
					rewriteFields(l.Get(i).Message(), f)
				}
			}
		default:
			if n, ok := v.Message().Interface().(*node); ok {
				sets = append(sets, set{fd, protoreflect.ValueOfMessage(rewriteNode(n, f).ProtoReflect())})
			} else {
				rewriteFields(v.Message(), f)
			}
		}
		return true
	})
	for _, s := range sets {
		m.Set(s.fd, s.v)
	}
}

// sameRoles reports whether a policy's roles in the migrations (mig) are
// those the database has (live), as sets. CURRENT_USER, SESSION_USER and
// CURRENT_ROLE stand for whoever applied the migration, which the
// database stores by name, so each may match one role that mig does not
// name otherwise.
func sameRoles(mig, live []string) bool {
	norm := func(rs []string) []string {
		out := make([]string, 0, len(rs))
		for _, r := range rs {
			if strings.EqualFold(r, "public") {
				r = "public"
			}
			if !slices.Contains(out, r) {
				out = append(out, r)
			}
		}
		return out
	}
	mig, live = norm(mig), norm(live)
	wild := 0
	for _, r := range mig {
		switch r {
		case "current_user", "session_user", "current_role":
			wild++
		default:
			if !slices.Contains(live, r) {
				return false
			}
		}
	}
	extra := 0
	for _, r := range live {
		if !slices.Contains(mig, r) {
			extra++
		}
	}
	return extra == 0 || wild > 0 && extra <= wild
}
