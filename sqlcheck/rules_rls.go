package sqlcheck

import (
	"fmt"
	"slices"
	"strings"
)

// This file holds the migration rules TV201–TV214 (and, with rules_access.go,
// TV215–TV216): they judge the final
// state of the replayed schema, and report at the statement that caused
// what they find.

var commands = []string{"select", "insert", "update", "delete"}

// migrationJudge collects the findings of the migration rules.
type migrationJudge struct {
	t        *Tenancy
	findings []Finding
}

func (j *migrationJudge) report(id string, at Pos, table, format string, args ...any) {
	f := newFinding(id, at.Offset, at.Offset, table, format, args...)
	f.File = at.File
	f.Fingerprint = fingerprint(j.t.Catalog.stmts[at])
	j.findings = append(j.findings, f)
}

// CheckMigrations applies the migration rules to the tenancy's catalog and
// returns findings whose File and offsets point into the migration files.
// Ignore directives in the files are applied.
func (t *Tenancy) CheckMigrations() []Finding {
	if t.QueriesOnly() {
		panic("sqlcheck: CheckMigrations needs the replayed catalog, not a query model")
	}
	j := &migrationJudge{t: t}
	c := t.Catalog
	if c == nil {
		return nil
	}
	for _, tab := range c.Tables() {
		col, ok := t.TenantColumn(tab.Name)
		switch {
		case tab.View:
			j.view(tab)
		case ok:
			j.rls(tab, col)
			j.table(tab, col)
			j.publicGrants(tab, col)
			j.constantTenant(tab, col)
		}
	}
	for _, f := range c.Functions() {
		j.function(f)
	}
	for _, r := range c.roles {
		attr := "BYPASSRLS"
		if r.Superuser {
			attr = "SUPERUSER"
		}
		j.report(BypassRole, r.Pos, "", "role %q gets %s, which bypasses row-level security on every tenant table; give the application role NOBYPASSRLS NOSUPERUSER", r.Name, attr)
	}
	return c.migrationDirectives(j.findings)
}

// rls applies the rules about a tenant table's row-level security: enabled,
// forced, every command covered, and every permissive policy bound to the
// session's tenant. They are the rules trust_rls relies on.
func (j *migrationJudge) rls(tab *Table, col string) {
	name, sql := tab.Name.String(), sqlName(tab.Name)
	j.switchedOn(tab, tab.RLS, tab.RLSOff, RLSDisabled,
		fmt.Sprintf("row-level security on %q is disabled here; keep ALTER TABLE %s ENABLE ROW LEVEL SECURITY", name, sql),
		fmt.Sprintf("tenant table %q does not enable row-level security; add ALTER TABLE %s ENABLE ROW LEVEL SECURITY", name, sql))
	j.switchedOn(tab, tab.ForceRLS, tab.ForceOff, RLSNotForced,
		fmt.Sprintf("NO FORCE ROW LEVEL SECURITY on %q lets the table owner bypass its policies; keep ALTER TABLE %s FORCE ROW LEVEL SECURITY", name, sql),
		fmt.Sprintf("tenant table %q does not force row-level security, so its owner bypasses the policies; add ALTER TABLE %s FORCE ROW LEVEL SECURITY", name, sql))
	if tab.RLS {
		j.coverage(tab, col)
	}
	for _, p := range tab.Policies {
		if p.Permissive {
			j.policy(tab, col, p)
		}
	}
}

// switchedOn reports a row-level security switch that the final state
// lacks: at the statement that turned it off, or else, as check id, at the
// CREATE TABLE.
func (j *migrationJudge) switchedOn(tab *Table, on bool, off Pos, id, offMsg, missingMsg string) {
	switch {
	case on:
	case off != Pos{}:
		j.report(RLSSwitchedOff, off, tab.Name.String(), "%s", offMsg)
	default:
		j.report(id, tab.Created, tab.Name.String(), "%s", missingMsg)
	}
}

// sqlName writes a relation name as SQL: billing.orders, "APIToken".
func sqlName(q QName) string {
	if q.Schema == "public" {
		return quoteIdent(q.Name)
	}
	return quoteIdent(q.Schema) + "." + quoteIdent(q.Name)
}

// coverage reports the commands that no permissive policy allows: with row
// security on, PostgreSQL then denies them silently.
func (j *migrationJudge) coverage(tab *Table, col string) {
	name := tab.Name.String()
	var missing []string
	dropped := map[Pos][]string{} // the commands each DROP POLICY left uncovered
	for _, cmd := range commands {
		if slices.ContainsFunc(tab.Policies, func(p *Policy) bool { return p.Permissive && p.covers(cmd) }) {
			continue
		}
		// The last permissive policy dropped for the command is the one that
		// left it uncovered.
		if i := lastIndexFunc(tab.droppedPolicies, func(d droppedPolicy) bool { return d.permissive && (d.command == "all" || d.command == cmd) }); i >= 0 {
			at := tab.droppedPolicies[i].pos
			dropped[at] = append(dropped[at], strings.ToUpper(cmd))
			continue
		}
		missing = append(missing, strings.ToUpper(cmd))
	}
	for _, d := range tab.droppedPolicies {
		if cmds := dropped[d.pos]; len(cmds) > 0 {
			j.report(RLSSwitchedOff, d.pos, name, "dropping this policy leaves %s on %q without a permissive policy; create one that compares %s with the session's tenant",
				strings.Join(cmds, ", "), name, quoteIdent(col))
			delete(dropped, d.pos)
		}
	}
	switch {
	case len(missing) == len(commands) && len(tab.Policies) == 0:
		j.report(PolicyMissing, tab.Created, name, "tenant table %q enables row-level security but has no policy, so every query sees no rows; add CREATE POLICY … USING (%s = NULLIF(current_setting('app.tenant_id', true), '')::uuid)", name, quoteIdent(col))
	case len(missing) > 0:
		j.report(PolicyMissing, tab.Created, name, "no permissive policy on %q allows %s, so those commands see no rows; add a policy FOR ALL, or one per command, that binds %s", name, strings.Join(missing, ", "), quoteIdent(col))
	}
}

// policy judges one permissive policy's expressions.
func (j *migrationJudge) policy(tab *Table, col string, p *Policy) {
	name := tab.Name.String()
	usingOK, checkOK := j.verdict(tab, col, p)
	// A restrictive policy that binds the tenant is a floor under every
	// permissive one, which may then grant rows freely, as the PostgreSQL
	// documentation recommends.
	if j.floored(tab, col, p) {
		return
	}
	switch {
	case p.Command != "select" && p.Command != "delete" && isTrue(p.check) && p.using != nil && usingOK:
		j.report(CheckTrue, p.Pos, name, "policy %q on %q restricts rows with USING but accepts any new row WITH CHECK (true), so a tenant can write rows into another tenant; make WITH CHECK bind %s like USING", p.Name, name, quoteIdent(col))
	case usingOK && checkOK:
	case slices.ContainsFunc(tab.Policies, func(o *Policy) bool { return o != p && o.Permissive && j.bound(tab, col, o) && sharesCommand(o, p) }):
		j.report(PolicyOpen, p.Pos, name, "permissive policy %q on %q does not bind %s, and permissive policies are OR'd, so it opens every tenant's rows; make it AS RESTRICTIVE or bind %s to the session's tenant", p.Name, name, quoteIdent(col), quoteIdent(col))
	default:
		j.report(PolicyUnbound, p.Pos, name, "policy %q on %q does not bind %s to the session's tenant; compare %s with current_setting(…) in its %s", p.Name, name, quoteIdent(col), quoteIdent(col), unboundPart(usingOK))
	}
}

func unboundPart(usingOK bool) string {
	if usingOK {
		return "WITH CHECK"
	}
	return "USING"
}

// verdict tells whether a policy's USING and WITH CHECK bind the tenant.
func (j *migrationJudge) verdict(tab *Table, col string, p *Policy) (usingOK, checkOK bool) {
	usingOK = p.using == nil || j.binds(tab, col, p.using)
	// For ALL and UPDATE, PostgreSQL checks new rows with USING when WITH
	// CHECK is absent; an INSERT policy has nothing else to check them with.
	checkOK = p.check == nil && p.Command != "insert" || p.check != nil && j.binds(tab, col, p.check)
	return usingOK, checkOK
}

func (j *migrationJudge) bound(tab *Table, col string, p *Policy) bool {
	usingOK, checkOK := j.verdict(tab, col, p)
	return usingOK && checkOK
}

// floored reports whether restrictive tenant-bound policies cover every
// command that p applies to.
func (j *migrationJudge) floored(tab *Table, col string, p *Policy) bool {
	for _, cmd := range commands {
		if !p.covers(cmd) {
			continue
		}
		if !slices.ContainsFunc(tab.Policies, func(o *Policy) bool { return !o.Permissive && o.covers(cmd) && j.bound(tab, col, o) }) {
			return false
		}
	}
	return true
}

func sharesCommand(a, b *Policy) bool {
	return a.Command == "all" || b.Command == "all" || a.Command == b.Command
}

// binds reports whether a policy expression keeps only the session's
// tenant's rows of tab. It is the query checker's judgement, run on a block
// that holds the table alone, with the session's tenant as the only value.
func (j *migrationJudge) binds(tab *Table, col string, expr *node) bool {
	b := &builder{tenancy: j.t, values: &valueRule{functions: j.t.Functions}}
	blk := b.newBlock(nil)
	rel := &relation{kind: relTable, name: tab.Name, ref: tab.Name.Name, tenant: col, cols: tab.columnNames()}
	blk.rels = []*relation{rel}
	blk.quals = []qual{{expr: expr}}
	b.exprs(blk, nil, []*node{expr})
	(&judge{}).block(blk)
	return rel.scoped
}

// isTrue reports whether e is constant true: true, 1 = 1, or an OR with
// such an arm.
func isTrue(e *node) bool {
	switch x := e.GetNode().(type) {
	case *nodeAConst:
		return x.AConst.GetBoolval().GetBoolval()
	case *nodeBoolExpr:
		return x.BoolExpr.Boolop == boolOr && slices.ContainsFunc(x.BoolExpr.Args, isTrue)
	case *nodeAExpr:
		l, r, ok := equality(x.AExpr)
		return ok && l.GetAConst() != nil && r.GetAConst() != nil && exprString(l) == exprString(r)
	}
	return false
}

// table applies the rules about a tenant table's columns and keys.
func (j *migrationJudge) table(tab *Table, col string) {
	name := tab.Name.String()
	if c := tab.Column(col); c != nil && !c.NotNull {
		j.report(TenantNullable, c.Pos, name, "tenant column %s of %q is nullable, and a row without a tenant belongs to no policy; declare it NOT NULL", quoteIdent(col), name)
	}
	if !slices.ContainsFunc(tab.Indexes, func(i *Index) bool { return len(i.Columns) > 0 && i.Columns[0] == col }) {
		j.report(TenantUnindexed, tab.Created, name, "no index on %q starts with %s, so every tenant-scoped query scans other tenants' rows; add an index or key on (%s, …)", name, quoteIdent(col), quoteIdent(col))
	}
	pk := tab.primaryKey()
	for _, i := range tab.Indexes {
		// A surrogate primary key leaks nothing but ids; a key that holds
		// the whole primary key conflicts only where it already does, as
		// Prisma's unique index on id does.
		surrogate := i.Primary && len(i.Columns) == 1 && isSurrogate(i.Columns[0])
		if i.Unique && !surrogate && !slices.Contains(i.Columns, col) && !(!i.Primary && pk != nil && containsAll(i.Columns, pk.Columns)) {
			cols := quoteIdents(i.Columns)
			j.report(UniqueAcrossTenants, i.Pos, name, "unique key (%s) on %q leaves out %s, so one tenant can probe another's values through conflicts; make it (%s, %s)",
				cols, name, quoteIdent(col), quoteIdent(col), cols)
		}
	}
	for _, fk := range tab.ForeignKeys {
		refCol, isTenant := j.t.TenantColumn(fk.Ref)
		if isTenant && !slices.Contains(fk.Columns, col) {
			j.report(ForeignKeyAcrossTenants, fk.Pos, name, "foreign key (%s) from %q to tenant table %q leaves out %s, so a row can point at another tenant's row; reference (%s, %s) instead",
				quoteIdents(fk.Columns), name, fk.Ref.String(), quoteIdent(col), quoteIdent(refCol), quoteIdents(fk.refColumns()))
		}
	}
}

// isSurrogate tells a surrogate key column by its name: id, order_id,
// "orderId".
func isSurrogate(col string) bool {
	return strings.HasSuffix(strings.ToLower(col), "id")
}

func lastIndexFunc[T any](s []T, f func(T) bool) int {
	for i := len(s) - 1; i >= 0; i-- {
		if f(s[i]) {
			return i
		}
	}
	return -1
}

func (t *Table) primaryKey() *Index {
	for _, i := range t.Indexes {
		if i.Primary {
			return i
		}
	}
	return nil
}

func containsAll(set, sub []string) bool {
	for _, s := range sub {
		if !slices.Contains(set, s) {
			return false
		}
	}
	return true
}

func quoteIdents(names []string) string {
	quoted := make([]string, len(names))
	for i, n := range names {
		quoted[i] = quoteIdent(n)
	}
	return strings.Join(quoted, ", ")
}

// refColumns returns the referenced columns; a key that names none
// references the primary key, most often id.
func (fk *ForeignKey) refColumns() []string {
	if len(fk.RefColumns) > 0 {
		return fk.RefColumns
	}
	return []string{"id"}
}

// view reports views that read tenant tables with their owner's rights.
func (j *migrationJudge) view(v *Table) {
	r, ok := j.t.tenantSource(v, nil)
	if !ok || slices.Contains(j.t.Exempt, v.Name) {
		return
	}
	name := v.Name.String()
	switch {
	case v.Materialized:
		j.report(ViewBypass, v.Created, name, "materialized view %q stores rows of tenant table %q with no row-level security; drop it or keep it per tenant", name, r.String())
	case !v.SecurityInvoker:
		j.report(ViewBypass, v.Created, name, "view %q reads tenant table %q with its owner's rights, bypassing row-level security; create it WITH (security_invoker = true)", name, r.String())
	}
}

// function reports SECURITY DEFINER functions that touch tenant tables:
// they run with their owner's rights, so the caller's policies do not apply.
func (j *migrationJudge) function(f *Function) {
	if !f.SecurityDefiner {
		return
	}
	rels, why := f.reads()
	name := f.Name.String()
	if why != "" {
		j.report(DefinerFunction, f.Pos, "", "security definer function %q has a body tenantvet cannot read (%s); check it by hand or make it SECURITY INVOKER", name, why)
		return
	}
	for _, r := range rels {
		if _, ok := j.t.TenantColumn(r); ok {
			j.report(DefinerFunction, f.Pos, r.String(), "security definer function %q reads or writes tenant table %q with its owner's rights, bypassing row-level security; make it SECURITY INVOKER", name, r.String())
			return
		}
	}
}

// reads returns the relations a function's body touches, or why the body
// cannot be read.
func (f *Function) reads() ([]QName, string) {
	var texts []string
	switch {
	case f.sqlBody != nil:
		return reads(f.sqlBody), ""
	case f.Language == "sql":
		texts = []string{f.Body}
	case f.Language == "plpgsql":
		body, err := readPlpgsql(f.source)
		if err != nil {
			return nil, "its PL/pgSQL does not parse"
		}
		if body.dynamic {
			return nil, "it runs dynamic SQL with EXECUTE"
		}
		texts = body.queries
	default:
		return nil, "it is written in " + f.Language
	}
	var out []QName
	for _, text := range texts {
		stmts, err := parse(text)
		if err != nil {
			return nil, fmt.Sprintf("its SQL does not parse: %v", err)
		}
		for _, s := range stmts {
			out = append(out, reads(s.node)...)
		}
	}
	return out, ""
}
