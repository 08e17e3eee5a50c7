package sqlcheck

import "slices"

// This file builds the model that the rules judge: one block per query
// level, holding the relations it reads and the clauses that may scope them.
// It decides nothing about tenancy; predicate.go and rules.go do.

type relKind uint8

const (
	relTable    relKind = iota // a table or view of the schema
	relCTE                     // a WITH query
	relDerived                 // a subquery in FROM
	relFunction                // a function in FROM
)

// role is what a statement does with a relation. It only words findings.
type role uint8

const (
	roleSelect role = iota
	roleUpdate
	roleUpdateFrom
	roleDelete
	roleDeleteUsing
	roleMerge
	roleMergeUsing
	roleCopy
	roleInsert
)

// relation is one reference to a relation in a FROM list or a DML target.
type relation struct {
	kind     relKind
	name     QName  // for tables
	ref      string // the name the query uses: its alias, else its name
	aliased  bool
	pos, end int      // span of its name in the SQL
	tenant   string   // tenant column; empty unless a tenant table
	cols     []string // known columns; nil when unknown
	query    *cte     // the query of a CTE or derived table
	role     role
	scoped   bool     // set by the judgement
	value    string   // the tenant it is bound to, as tenantValue.id
	calls    []fnCall // for a function in FROM: the functions it calls (ROWS FROM has several)
}

// fnCall is a call of a function in FROM, with the span of its name.
type fnCall struct {
	name     QName
	pos, end int
}

// has tells whether r has column col: yes, no, or "cannot tell" (ok false).
func (r *relation) has(col string) (has, ok bool) {
	if r.tenant != "" && col == r.tenant {
		return true, true
	}
	if r.cols == nil {
		return false, false
	}
	return slices.Contains(r.cols, col), true
}

// qual is a clause whose top-level conjuncts may scope relations: a WHERE,
// or the ON of a join. For an outer join, only the nullable side is scoped
// by its ON, so rels lists the relations the clause may scope; nil means
// every relation of the block.
type qual struct {
	expr *node
	rels []*relation
}

// commonColumns returns the columns that a NATURAL JOIN merges: those
// that both sides surely have. A side of unknown columns merges only what
// it is known to have, such as a tenant table's tenant column.
func commonColumns(left, right []*relation) []string {
	var cols []string
	for _, l := range left {
		for _, c := range append(slices.Clip(l.cols), l.tenant) {
			if c == "" || slices.Contains(cols, c) {
				continue
			}
			if slices.ContainsFunc(right, func(r *relation) bool { has, ok := r.has(c); return has && ok }) {
				cols = append(cols, c)
			}
		}
	}
	return cols
}

// block is one query level: a SELECT, or the body of an UPDATE, DELETE or
// MERGE. Column references resolve in the block first, then outwards.
type block struct {
	parent  *block
	rels    []*relation
	quals   []qual
	targets []*node   // the output columns (ResTargets), for CTEs and derived tables
	rows    [][]*node // the rows of a VALUES list, its output instead
	arms    []*block  // the branches of UNION, INTERSECT and EXCEPT
	// before holds blocks that this one reads from and that do not see it:
	// CTE bodies and plain derived tables. after holds those that see it:
	// sublinks and LATERAL subqueries, which may bind to its scoped rows.
	before, after []*block
	// merged are the columns that JOIN … USING merged into one, which an
	// unqualified name may then name without ambiguity.
	merged []string
	// fullJoins are the block's FULL JOINs, which only a COALESCE of both
	// sides' tenant columns can scope (coalescedTenant).
	fullJoins []fullJoin
	// sublinks maps each subquery in the block's expressions to its block,
	// for predicates such as tenant_id IN (SELECT …) that bind through one.
	sublinks  map[*subLink]*block
	recursive bool // the body of a WITH RECURSIVE query
	values    *valueRule
	state     judgeState
}

// fullJoin is a FULL JOIN of two sides, with its ON clause.
type fullJoin struct {
	left, right []*relation
	on          *node
}

// valueRule says what may stand for one tenant in a comparison with a
// tenant column. A query runs for one tenant at a time, so its parameters
// and literals do; a policy applies to every session, so only what names
// the session's tenant does.
type valueRule struct {
	params    bool     // $n and literals
	functions []string // tenant_functions: functions that return the session's tenant
	// args are the parameters of a SQL function whose body is judged,
	// which the body may name like columns; a column of that name wins.
	args []string
}

type judgeState uint8

const (
	unjudged judgeState = iota
	judging
	judged
)

// insert is an INSERT (or a MERGE's INSERT action, or a COPY FROM) into a
// relation, kept for the rule on tenant values.
type insert struct {
	target   *relation
	listed   bool      // whether there is a column list
	cols     []string  // the column list
	rows     [][]*node // VALUES rows, evaluated in block
	block    *block    // where rows are evaluated
	source   *block    // INSERT … SELECT
	conflict []*node   // ON CONFLICT DO UPDATE SET targets
	update   bool      // ON CONFLICT DO UPDATE
	arbiter  []string  // the ON CONFLICT (columns), or the constraint's
	known    bool      // whether arbiter is known: a column list, or a constraint the catalog has
	guard    *node     // the DO UPDATE's WHERE
}

// assignment is the SET list of an UPDATE or a MERGE's UPDATE action.
type assignment struct {
	target  *relation
	targets []*node
	verb    string
}

// model is everything the rules judge in one statement.
type model struct {
	sql       string
	tenancy   *Tenancy
	roots     []*block
	inserts   []*insert
	sets      []assignment
	truncates []*relation
}

// cteEnv holds the WITH queries visible at a point of the statement.
type cteEnv struct {
	parent *cteEnv
	ctes   map[string]*cte
}

// cte is the query behind a WITH name or a derived table.
type cte struct {
	body    *block
	cols    []string // its column names, when known
	renamed bool     // cols come from a column list, which renames by position
}

func (e *cteEnv) lookup(name string) *cte {
	for ; e != nil; e = e.parent {
		if c := e.ctes[name]; c != nil {
			return c
		}
	}
	return nil
}

// builder turns one parsed statement into a model.
type builder struct {
	sql     string
	tenancy *Tenancy
	values  *valueRule
	m       model
	// inner builds the query of a view or the body of a function for
	// their verdicts, which it must not ask for.
	inner bool
}

func (b *builder) newBlock(parent *block) *block {
	return &block{parent: parent, values: b.values}
}

func buildModel(sql string, t *Tenancy, n *node) *model {
	b := &builder{sql: sql, tenancy: t, m: model{sql: sql, tenancy: t},
		values: &valueRule{params: true, functions: t.Functions}}
	if blk := b.stmt(n, nil, nil); blk != nil {
		b.m.roots = append(b.m.roots, blk)
	}
	return &b.m
}

// stmt builds the block of a statement, which parent encloses.
func (b *builder) stmt(n *node, parent *block, env *cteEnv) *block {
	switch x := n.Node.(type) {
	case *nodeSelect:
		return b.selectStmt(x.SelectStmt, parent, env)
	case *nodeInsert:
		return b.insertStmt(x.InsertStmt, parent, env)
	case *nodeUpdate:
		s := x.UpdateStmt
		blk, env, target := b.targetBlock(s.WithClause, s.Relation, roleUpdate, parent, env)
		b.fromList(blk, s.FromClause, env, roleUpdateFrom)
		b.where(blk, s.WhereClause, env)
		b.exprs(blk, env, s.TargetList)
		b.returning(blk, env, s.ReturningList)
		b.m.sets = append(b.m.sets, assignment{target: target, targets: s.TargetList, verb: "update"})
		return blk
	case *nodeDelete:
		s := x.DeleteStmt
		blk, env, _ := b.targetBlock(s.WithClause, s.Relation, roleDelete, parent, env)
		b.fromList(blk, s.UsingClause, env, roleDeleteUsing)
		b.where(blk, s.WhereClause, env)
		b.returning(blk, env, s.ReturningList)
		return blk
	case *nodeMerge:
		return b.mergeStmt(x, parent, env)
	case *nodeTruncate:
		for _, r := range x.TruncateStmt.Relations {
			b.m.truncates = append(b.m.truncates, b.relation(r.GetRangeVar(), env, roleSelect))
		}
		return nil
	case *nodeCopy:
		return b.copyStmt(x, parent, env)
	}
	// EXPLAIN, CREATE VIEW … AS, DECLARE, PREPARE and the like hold whole
	// statements; check those as if they stood alone.
	blk := b.newBlock(parent)
	inspect(n, func(c *node) bool {
		if c == n {
			return true
		}
		switch c.Node.(type) {
		case *nodeSelect, *nodeInsert, *nodeUpdate, *nodeDelete, *nodeMerge:
			if sub := b.stmt(c, parent, env); sub != nil {
				blk.after = append(blk.after, sub)
			}
			return false
		}
		return true
	})
	return blk
}

// targetBlock starts the block of an UPDATE, DELETE or MERGE with its WITH
// queries and its target relation.
func (b *builder) targetBlock(w *withClause, rv *rangeVar, r role, parent *block, env *cteEnv) (*block, *cteEnv, *relation) {
	blk := b.newBlock(parent)
	env = b.with(w, blk, env)
	target := b.relation(rv, env, r)
	blk.rels = append(blk.rels, target)
	return blk, env, target
}

func (b *builder) selectStmt(s *selectStmt, parent *block, env *cteEnv) *block {
	blk := b.newBlock(parent)
	env = b.with(s.WithClause, blk, env)
	if s.Op != setopNone {
		blk.arms = []*block{b.selectStmt(s.Larg, parent, env), b.selectStmt(s.Rarg, parent, env)}
		b.exprs(blk, env, s.SortClause)
		b.exprs(blk, env, []*node{s.LimitCount, s.LimitOffset})
		return blk
	}
	b.fromList(blk, s.FromClause, env, roleSelect)
	b.where(blk, s.WhereClause, env)
	blk.targets = s.TargetList
	for _, row := range s.ValuesLists {
		blk.rows = append(blk.rows, row.GetList().GetItems())
	}
	for _, list := range [][]*node{s.TargetList, s.GroupClause, s.SortClause, s.DistinctClause,
		s.WindowClause, s.ValuesLists, {s.HavingClause, s.LimitCount, s.LimitOffset}} {
		b.exprs(blk, env, list)
	}
	return blk
}

// with registers the WITH queries of a statement whose block is blk. Their
// bodies do not see blk, so they are judged before it.
func (b *builder) with(w *withClause, blk *block, env *cteEnv) *cteEnv {
	if w == nil {
		return env
	}
	inner := &cteEnv{parent: env, ctes: map[string]*cte{}}
	for _, n := range w.Ctes {
		c := n.GetCommonTableExpr()
		ct := &cte{cols: stringList(c.Aliascolnames)}
		ct.renamed = ct.cols != nil
		if w.Recursive {
			inner.ctes[c.Ctename] = ct
		}
		ct.body = b.stmt(c.Ctequery, blk.parent, inner)
		if ct.body != nil {
			ct.body.recursive = w.Recursive
		}
		if ct.cols == nil && ct.body != nil {
			ct.cols = ct.body.outputNames()
		}
		inner.ctes[c.Ctename] = ct
		if ct.body != nil {
			blk.before = append(blk.before, ct.body)
		}
	}
	return inner
}

func (b *builder) fromList(blk *block, items []*node, env *cteEnv, r role) {
	for _, item := range items {
		b.fromItem(blk, item, env, r)
	}
}

// fromItem adds the relations of one FROM item to blk and returns them.
func (b *builder) fromItem(blk *block, n *node, env *cteEnv, r role) []*relation {
	if n == nil {
		return nil
	}
	switch x := n.Node.(type) {
	case *nodeRangeVar:
		rel := b.relation(x.RangeVar, env, r)
		blk.rels = append(blk.rels, rel)
		return []*relation{rel}
	case *nodeJoin:
		j := x.JoinExpr
		left := b.fromItem(blk, j.Larg, env, r)
		right := b.fromItem(blk, j.Rarg, env, r)
		both := append(slices.Clip(left), right...)
		var scoped []*relation // what the join condition filters
		switch j.Jointype {
		case joinInner:
			scoped = both
		case joinLeft: // an outer join filters only its nullable side
			scoped = right
		case joinRight:
			scoped = left
		case joinFull:
			blk.fullJoins = append(blk.fullJoins, fullJoin{left, right, j.Quals})
		}
		if j.Quals != nil {
			if scoped != nil {
				blk.quals = append(blk.quals, qual{expr: j.Quals, rels: scoped})
			}
			b.exprs(blk, env, []*node{j.Quals})
		}
		using := stringList(j.UsingClause)
		if j.IsNatural {
			using = commonColumns(left, right)
		}
		for _, col := range using {
			if scoped != nil {
				blk.quals = append(blk.quals, qual{expr: usingEquality(left, right, col), rels: scoped})
			}
			blk.merged = append(blk.merged, col)
		}
		return both
	case *nodeSubselect:
		s := x.RangeSubselect
		q := &cte{}
		rel := &relation{kind: relDerived, role: r, query: q}
		if s.Alias != nil {
			rel.ref = s.Alias.Aliasname
			q.cols = stringList(s.Alias.Colnames)
			q.renamed = q.cols != nil
		}
		// A plain derived table cannot see the other FROM items; a LATERAL
		// one can, and may bind to their scoped rows.
		if s.Lateral {
			q.body = b.stmt(s.Subquery, blk, env)
			blk.after = append(blk.after, q.body)
		} else {
			q.body = b.stmt(s.Subquery, blk.parent, env)
			blk.before = append(blk.before, q.body)
		}
		if q.cols == nil && q.body != nil {
			q.cols = q.body.outputNames()
		}
		rel.cols = q.cols
		blk.rels = append(blk.rels, rel)
		return []*relation{rel}
	case *nodeFunction:
		f := x.RangeFunction
		rel := &relation{kind: relFunction, role: r}
		if f.Alias != nil {
			rel.ref = f.Alias.Aliasname
			rel.cols = stringList(f.Alias.Colnames)
		}
		for _, item := range f.Functions {
			items := item.GetList().GetItems()
			if len(items) == 0 || items[0].GetFuncCall() == nil {
				continue
			}
			call := items[0].GetFuncCall()
			pos := int(call.Location)
			rel.calls = append(rel.calls, fnCall{funcName(call.Funcname), pos, identEnd(b.sql, pos)})
		}
		// A function that reads every tenant's rows but returns the tenant
		// column can still be scoped like a table.
		if gap, ok := b.functionGap(rel); ok && len(f.Functions) == 1 {
			if rel.cols == nil {
				rel.cols = gap.Columns
			}
			for _, c := range b.tenancy.Columns {
				if slices.Contains(gap.Columns, c) {
					rel.tenant = c
					break
				}
			}
		}
		b.exprs(blk, env, f.Functions)
		blk.rels = append(blk.rels, rel)
		return []*relation{rel}
	case *nodeSample:
		b.exprs(blk, env, x.RangeTableSample.Args)
		return b.fromItem(blk, x.RangeTableSample.Relation, env, r)
	}
	b.exprs(blk, env, []*node{n})
	return nil
}

// usingEquality spells JOIN … USING (col) as the equalities it implies,
// l.col = r.col for each pair of relations on the two sides that have col,
// so that the predicate logic needs no case of its own for it.
func usingEquality(left, right []*relation, col string) *node {
	var eqs []*node
	for _, l := range left {
		for _, r := range right {
			lh, _ := l.has(col)
			rh, _ := r.has(col)
			if lh && rh && l.ref != "" && r.ref != "" {
				eqs = append(eqs, equalityNode(columnNode(l.ref, col), columnNode(r.ref, col)))
			}
		}
	}
	return andNode(eqs)
}

// relation resolves a name in FROM or a DML target: a WITH query if one of
// that name is visible, else a relation of the schema.
func (b *builder) relation(rv *rangeVar, env *cteEnv, r role) *relation {
	rel := &relation{ref: refName(rv), aliased: rv.Alias != nil, role: r, pos: int(rv.Location)}
	rel.end = identEnd(b.sql, rel.pos)
	if rv.Schemaname == "" {
		if c := env.lookup(rv.Relname); c != nil {
			// A recursive query's own reference is built before its body
			// is, so the relation keeps the cte rather than the body.
			rel.kind, rel.query, rel.cols = relCTE, c, c.cols
			return rel
		}
	}
	rel.name = rangeName(rv)
	rel.tenant, _ = b.tenancy.TenantColumn(rel.name)
	rel.cols = b.tenancy.columns(rel.name)
	return rel
}

func (b *builder) where(blk *block, where *node, env *cteEnv) {
	if where == nil {
		return
	}
	blk.quals = append(blk.quals, qual{expr: where})
	b.exprs(blk, env, []*node{where})
}

// returning makes the RETURNING list the block's output, so that a
// data-modifying WITH query can pass on the tenant of the rows it touched.
func (b *builder) returning(blk *block, env *cteEnv, list []*node) {
	blk.targets = list
	b.exprs(blk, env, list)
}

// exprs finds the subqueries in expressions evaluated in blk. Each becomes a
// block of its own that may bind to blk's scoped rows.
func (b *builder) exprs(blk *block, env *cteEnv, list []*node) {
	for _, e := range list {
		inspect(e, func(n *node) bool {
			sl, ok := n.Node.(*nodeSubLink)
			if !ok {
				return true
			}
			b.exprs(blk, env, []*node{sl.SubLink.Testexpr})
			if sub := b.stmt(sl.SubLink.Subselect, blk, env); sub != nil {
				blk.after = append(blk.after, sub)
				if blk.sublinks == nil {
					blk.sublinks = map[*subLink]*block{}
				}
				blk.sublinks[sl.SubLink] = sub
			}
			return false
		})
	}
}

// outputNames names the columns a block returns, or nil when a * hides them.
func (blk *block) outputNames() []string {
	if len(blk.arms) > 0 {
		return blk.arms[0].outputNames()
	}
	names := make([]string, 0, len(blk.targets))
	for _, t := range blk.targets {
		rt := t.GetResTarget()
		if star, _ := isStar(rt.GetVal().GetColumnRef()); star {
			return nil
		}
		names = append(names, targetName(rt))
	}
	return names
}

// resolve finds the relations that a column reference may name, and the
// column. Like PostgreSQL it searches the innermost block first. An
// unqualified name yields the relation at the first level that has the
// column, or failing that every relation whose columns are unknown, which
// the judgement counts for each of them so as to stay silent when it cannot
// tell. A name that two relations have is ambiguous, which PostgreSQL
// rejects, and names nothing.
func (blk *block) resolve(ref *columnRef) ([]*relation, string) {
	var names []string
	for _, f := range ref.GetFields() {
		s, ok := f.Node.(*nodeString)
		if !ok {
			return nil, ""
		}
		names = append(names, s.String_.Sval)
	}
	col := names[len(names)-1]
	for b := blk; b != nil; b = b.parent {
		var found, unknown []*relation
		for _, r := range b.rels {
			switch len(names) {
			case 1:
				if has, ok := r.has(col); has {
					found = append(found, r)
				} else if !ok {
					unknown = append(unknown, r)
				}
			case 2:
				if r.ref == names[0] {
					return []*relation{r}, col
				}
			case 3:
				if !r.aliased && r.name == (QName{names[0], names[1]}) {
					return []*relation{r}, col
				}
			}
		}
		if len(found) > 1 && !slices.Contains(b.merged, col) {
			return nil, col
		}
		if len(found) > 0 {
			return found, col
		}
		if len(unknown) > 0 {
			return unknown, col
		}
	}
	return nil, col
}
