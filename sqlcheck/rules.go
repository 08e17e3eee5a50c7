package sqlcheck

import (
	"fmt"
	"slices"
	"strings"
)

// This file holds the query rules TV101–TV106: it walks a model that
// scope.go built and reports what predicate.go does not find bound.

type judge struct {
	sql      string
	tenancy  *Tenancy
	findings []Finding
	// inner is set while the query of a view or the body of a function is
	// judged, which must not ask for the verdicts being computed. Its
	// reads count on row-level security only when it runs with the
	// caller's rights; otherwise ownerRights says why not. unbound
	// collects the tenant tables it leaves unscoped.
	inner       bool
	ownerRights string
	unbound     []QName
	// trusted are the findings that row-level security stood in for under
	// TrustRLS, which the tenant-context checks weigh.
	trusted []Finding
}

// judgeModel applies the query rules to one statement's model, and returns
// the findings and those that trust_rls let stand down.
func judgeModel(m *model) (findings, trusted []Finding) {
	j := &judge{sql: m.sql, tenancy: m.tenancy}
	for _, b := range m.roots {
		j.block(b)
	}
	for _, ins := range m.inserts {
		j.insert(ins)
	}
	for _, a := range m.sets {
		j.assignment(a)
	}
	for _, r := range m.truncates {
		if r.tenant != "" {
			j.report(TruncateTenants, r.pos, r.end, r, "truncate %q removes every tenant's rows; delete with %s = $n instead",
				r.name.String(), qualified(r))
		}
	}
	return j.findings, j.trusted
}

// block judges blk in dependency order: the queries it reads from, then
// its own relations, then the subqueries that may bind to its rows.
func (j *judge) block(blk *block) {
	if blk == nil || blk.state != unjudged {
		return
	}
	blk.state = judging
	for _, s := range blk.before {
		j.block(s)
	}
	for _, a := range blk.arms {
		j.block(a)
	}
	scope(blk)
	// Subqueries see the rows bound so far; once they are judged, a
	// predicate that binds through one (tenant_id IN (SELECT …)) can count.
	blk.state = judged
	for _, s := range blk.after {
		j.block(s)
	}
	if len(blk.sublinks) > 0 {
		scope(blk)
	}
	for _, r := range blk.rels {
		if r.kind == relFunction {
			j.function(r)
			continue
		}
		if r.tenant != "" && !r.scoped {
			j.report(Unscoped, r.pos, r.end, r, "%s %q has no %s predicate; add %s = $n",
				verbs[r.role], r.name.String(), quoteIdent(r.tenant), qualified(r))
		}
		if j.tenancy == nil || j.inner {
			continue
		}
		if r.tenant == "" && r.kind == relTable {
			if src, ok := j.tenancy.viewGaps()[r.name]; ok {
				col, _ := j.tenancy.TenantColumn(src)
				j.report(UnscopableView, r.pos, r.end, r, "%s %q reads every tenant's rows of %q and has no %s column to scope it by; add %s to the view, or bind it inside with current_setting(…)",
					verbs[r.role], r.name.String(), src.String(), quoteIdent(col), quoteIdent(col))
			}
		}
	}
}

// function reports a function in FROM whose body reads every tenant's rows,
// unless it returns the tenant column and the query scopes that. The
// verdict on the body already weighed row-level security.
func (j *judge) function(r *relation) {
	if j.tenancy == nil || j.inner || r.tenant != "" && r.scoped {
		return
	}
	for _, call := range r.calls {
		fn := call.name
		gap, ok := j.tenancy.funcGaps()[fn]
		if !ok {
			continue
		}
		col, _ := j.tenancy.TenantColumn(gap.Source)
		fix := "bind " + sqlName(gap.Source) + "." + quoteIdent(col) + " in its body to a parameter or to current_setting(…)"
		if r.tenant != "" {
			fix = "add " + qualified(r) + " = $n, or " + fix
		}
		j.findings = append(j.findings, newFinding(UnscopedFunction, call.pos, call.end, fn.String(),
			"function %q in FROM reads every tenant's rows of %q; %s", fn.String(), gap.Source.String(), fix))
	}
}

// report records a finding unless trust_rls lets the table's row-level
// security stand in for it. TRUNCATE ignores row-level security, so its
// findings always stand.
func (j *judge) report(id string, pos, end int, r *relation, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if j.tenancy != nil && j.tenancy.TrustRLS && id != TruncateTenants {
		gap := j.tenancy.rlsGap(r.name)
		if gap == "" {
			// A view or function that reads with its owner's rights is
			// not bound by its tables' policies when the owner bypasses
			// them.
			gap = j.ownerRights
		}
		if gap == "" {
			j.trusted = append(j.trusted, newFinding(id, pos, end, r.name.String(), "%s", msg))
			return
		}
		msg += " (row-level security does not count: " + gap + ")"
	}
	if id == Unscoped {
		j.unbound = append(j.unbound, r.name)
	}
	j.findings = append(j.findings, newFinding(id, pos, end, r.name.String(), "%s", msg))
}

var verbs = [...]string{
	roleSelect:      "select from",
	roleUpdate:      "update of",
	roleUpdateFrom:  "update … from",
	roleDelete:      "delete from",
	roleDeleteUsing: "delete … using",
	roleMerge:       "merge into",
	roleMergeUsing:  "merge … using",
	roleCopy:        "copy of",
	roleInsert:      "insert into",
}

func (j *judge) insert(ins *insert) {
	t := ins.target
	if t.tenant == "" {
		return
	}
	table, col := t.name.String(), quoteIdent(t.tenant)
	if !ins.listed {
		j.report(InsertNoTenant, t.pos, t.end, t, "insert into %q has no column list; name the columns and set %s to the tenant", table, col)
		return
	}
	i := slices.Index(ins.cols, t.tenant)
	if i < 0 {
		j.report(InsertNoTenant, t.pos, t.end, t, "insert into %q does not set %s; add %s with a tenant value", table, col, col)
		return
	}
	for _, row := range ins.rows {
		if i < len(row) && !valueOf(row[i], ins.block, nil).one {
			pos := location(row[i])
			if pos < 0 {
				pos = t.pos
			}
			j.report(InsertNoTenant, pos, pos, t, "insert into %q sets %s to a value that names no single tenant; use a parameter such as $n", table, col)
		}
	}
	if ins.source != nil {
		if v, known := ins.source.outputAt(i); known && !v.one {
			j.report(InsertNoTenant, t.pos, t.end, t, "insert into %q takes %s from a select that is not bound to one tenant; select a parameter or a scoped %s", table, col, col)
		}
	}
	if ins.update && ins.known && !slices.Contains(ins.arbiter, t.tenant) && !guardsTenant(ins, ins.guard) {
		j.report(UpsertAcross, t.pos, t.end, t,
			"insert into %q … on conflict (%s) do update can rewrite another tenant's row, since the key leaves out %s; make the conflict target (%s)",
			table, quoteIdents(ins.arbiter), col, quoteIdents(append([]string{t.tenant}, ins.arbiter...)))
	}
	for _, n := range ins.conflict {
		if rt := n.GetResTarget(); rt.GetName() == t.tenant && !keepsTenant(ins, rt) {
			j.report(TenantMoved, int(rt.Location), identEnd(j.sql, int(rt.Location)), t,
				"insert into %q … on conflict do update sets %s, which moves rows between tenants; remove %s from the update", table, col, col)
		}
	}
}

// guardsTenant reports whether e, the WHERE of an upsert's DO UPDATE, has a
// top-level conjunct that keeps the update to the inserting tenant's rows:
// target.tc = EXCLUDED.tc, or target.tc compared with a tenant value.
func guardsTenant(ins *insert, e *node) bool {
	return conjunctEquates(e,
		func(e *node) bool { return isTargetTenant(ins, e) },
		func(e *node) bool { return guardValue(ins, e) })
}

// isTargetTenant reports whether e is the upsert target's tenant column.
func isTargetTenant(ins *insert, e *node) bool {
	names := stringList(uncast(e).GetColumnRef().GetFields())
	n := len(names)
	return n > 0 && names[n-1] == ins.target.tenant && (n == 1 || names[n-2] == ins.target.ref)
}

// guardValue reports whether e names the inserting tenant: EXCLUDED.tc or a
// tenant value.
func guardValue(ins *insert, e *node) bool {
	names := stringList(uncast(e).GetColumnRef().GetFields())
	if len(names) == 2 && names[0] == "excluded" && names[1] == ins.target.tenant {
		return true
	}
	return valueOf(e, ins.block, nil).one
}

// keepsTenant reports whether SET tc = EXCLUDED.tc in an upsert whose
// conflict columns include tc, which rewrites the value it already has.
func keepsTenant(ins *insert, set *resTarget) bool {
	f := set.GetVal().GetColumnRef().GetFields()
	return slices.Contains(ins.arbiter, ins.target.tenant) && len(f) == 2 &&
		f[0].GetString_().GetSval() == "excluded" && f[1].GetString_().GetSval() == ins.target.tenant
}

func (j *judge) assignment(a assignment) {
	t := a.target
	if t.tenant == "" {
		return
	}
	for _, n := range a.targets {
		if rt := n.GetResTarget(); rt.GetName() == t.tenant {
			j.report(TenantMoved, int(rt.Location), identEnd(j.sql, int(rt.Location)), t,
				"%s %q sets %s, which moves rows between tenants; remove %s from SET", a.verb, t.name.String(), quoteIdent(t.tenant), quoteIdent(t.tenant))
		}
	}
}

// qualified is the tenant column as the query would name it: "o.tenant_id".
func qualified(r *relation) string {
	return quoteIdent(r.ref) + "." + quoteIdent(r.tenant)
}

// quoteIdent quotes an identifier the way it must be written in SQL.
func quoteIdent(s string) string {
	plain := s != ""
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c == '_' || 'a' <= c && c <= 'z' || i > 0 && ('0' <= c && c <= '9' || c == '$')) {
			plain = false
			break
		}
	}
	if plain {
		return s
	}
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}

// location returns the byte offset at which an expression starts, or -1.
func location(n *node) int {
	switch x := n.GetNode().(type) {
	case *nodeAConst:
		return int(x.AConst.Location)
	case *nodeColumnRef:
		return int(x.ColumnRef.Location)
	case *nodeParamRef:
		return int(x.ParamRef.Location)
	case *nodeTypeCast:
		if l := location(x.TypeCast.Arg); l >= 0 {
			return l
		}
		return int(x.TypeCast.Location)
	case *nodeFuncCall:
		return int(x.FuncCall.Location)
	case *nodeDefault:
		return int(x.SetToDefault.Location)
	case *nodeAExpr:
		return int(x.AExpr.Location)
	case *nodeSubLink:
		return int(x.SubLink.Location)
	}
	return -1
}
