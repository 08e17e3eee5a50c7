package sqlcheck

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strings"
)

// This file holds the drift checks TV401–TV404 and TV407: they compare
// the schema that the migrations describe with the one a live database
// has, and report what guards tenants' rows in the one and not in the
// other. A
// database changed by hand, or by a migration that never reached the
// repository, passes every migration rule while the migrations no longer
// tell what protects the data.

// Drift compares the live catalog (livedb reads one from pg_catalog) with
// t's catalog, replayed from the migrations, for the tenant tables of the
// migrations: their row-level security switches (TV401), their policies
// (TV402) and their tenant columns (TV403); and it reports the roles that
// bypass row-level security live only (TV404) and the functions that the
// policies call whose definition differs (TV407).
//
// Findings have no file or position, since neither side has a statement
// to point at; Table names the object with its schema ("public.orders",
// "role app", "function public.current_tenant()"). Relations that only the live database has are left out:
// without migrations they are no tenant tables of t's, and their rules are
// the migration rules' business on the live catalog.
//
// Like CheckMigrations, it refuses a catalog decoded from a query model,
// which holds no policies and no NOT NULL: compared with any database it
// would report every policy as added.
func (t *Tenancy) Drift(live *Catalog) []Finding {
	if t.QueriesOnly() || live != nil && live.queriesOnly {
		panic("sqlcheck: Drift needs replayed catalogs, not a query model")
	}
	if t.Catalog == nil || live == nil {
		// Nothing to compare; a command that compares must refuse to run
		// without migrations, rather than pass on no findings.
		return nil
	}
	d := &drift{mig: t.Catalog, live: live}
	for _, q := range t.TenantTables() {
		tab := t.Catalog.Table(q)
		if tab == nil {
			continue // named in the config only: the migrations say nothing of it
		}
		col, _ := t.TenantColumn(q)
		d.table(tab, col)
	}
	d.functions()
	d.roles()
	slices.SortFunc(d.findings, func(a, b Finding) int {
		return cmp.Or(cmp.Compare(a.Table, b.Table), cmp.Compare(a.ID, b.ID), cmp.Compare(a.Message, b.Message))
	})
	return d.findings
}

type drift struct {
	mig, live *Catalog
	findings  []Finding
}

// report adds a finding about object; detail (a policy's name, an
// attribute) keeps two findings on one object apart in baselines.
func (d *drift) report(id, object, detail, format string, args ...any) {
	f := newFinding(id, 0, 0, object, format, args...)
	sum := sha256.Sum256([]byte(id + "\x00" + object + "\x00" + detail))
	f.Fingerprint = hex.EncodeToString(sum[:8])
	d.findings = append(d.findings, f)
}

// qualifiedName names a relation for people, always with its schema, as
// livedb names the objects it reads; the statements that messages suggest
// name it with sqlName.
func qualifiedName(q QName) string { return q.Schema + "." + q.Name }

// table compares one tenant table of the migrations with the database's.
// A table that the database lacks is one finding, not one per policy and
// column: the migrations have not been applied, or it was dropped.
func (d *drift) table(tab *Table, col string) {
	name := qualifiedName(tab.Name)
	live := d.live.Table(tab.Name)
	if live == nil || live.View {
		d.report(RLSDrift, name, "missing", "tenant table %s of the migrations does not exist in the database; apply the migrations, or drop the table in one", name)
		return
	}
	if tab.RLS && !live.RLS {
		d.report(RLSDrift, name, "enable", "the migrations enable row-level security on %s but the database has it disabled; run ALTER TABLE %s ENABLE ROW LEVEL SECURITY, or write the change as a migration", name, sqlName(tab.Name))
	}
	if tab.ForceRLS && !live.ForceRLS {
		d.report(RLSDrift, name, "force", "the migrations force row-level security on %s but the database does not, so its owner bypasses the policies; run ALTER TABLE %s FORCE ROW LEVEL SECURITY, or write the change as a migration", name, sqlName(tab.Name))
	}
	if c := tab.Column(col); c != nil {
		switch lc := live.Column(col); {
		case lc == nil:
			d.report(TenantColumnDrift, name, "missing", "tenant column %s of %s is missing in the database, so no rule sees it as a tenant table there; add the column back, or write the change as a migration", quoteIdent(col), name)
		case c.NotNull && !lc.NotNull:
			d.report(TenantColumnDrift, name, "nullable", "tenant column %s of %s is NOT NULL in the migrations but nullable in the database; run ALTER TABLE %s ALTER COLUMN %s SET NOT NULL", quoteIdent(col), name, sqlName(tab.Name), quoteIdent(col))
		}
	}
	d.policies(tab, live)
}

// policies compares the policies of one table by name, which is unique on
// a table.
func (d *drift) policies(tab, live *Table) {
	name := qualifiedName(tab.Name)
	for _, p := range tab.Policies {
		lp := policyNamed(live, p.Name)
		if lp == nil {
			d.report(PolicyDrift, name, p.Name, "policy %q on %s is in the migrations but not in the database; create it again, or drop it in a migration", p.Name, name)
			continue
		}
		if diff := d.policyDiff(tab, p, live, lp); diff != "" {
			d.report(PolicyDrift, name, p.Name, "policy %q on %s differs from the migrations: %s; restore it from the migrations, or write the change as a migration", p.Name, name, diff)
		}
	}
	for _, lp := range live.Policies {
		if policyNamed(tab, lp.Name) == nil {
			d.report(PolicyDrift, name, lp.Name, "policy %q on %s is in the database but not in the migrations; drop it, or create it in a migration", lp.Name, name)
		}
	}
}

func policyNamed(t *Table, name string) *Policy {
	for _, p := range t.Policies {
		if p.Name == name {
			return p
		}
	}
	return nil
}

// policyDiff says how lp, live, differs from p, in the migrations, or
// returns "" when it does not. Expressions are shown as each side's
// parse tree deparses, shortened: enough to recognise them.
func (d *drift) policyDiff(tab *Table, p *Policy, live *Table, lp *Policy) string {
	var diffs []string
	if p.Command != lp.Command {
		diffs = append(diffs, "FOR "+strings.ToUpper(p.Command)+" in the migrations, FOR "+strings.ToUpper(lp.Command)+" in the database")
	}
	if p.Permissive != lp.Permissive {
		diffs = append(diffs, permissiveness(p)+" in the migrations, "+permissiveness(lp)+" in the database")
	}
	if !sameRoles(p.Roles, lp.Roles) {
		diffs = append(diffs, "TO "+strings.Join(p.Roles, ", ")+" in the migrations, TO "+strings.Join(lp.Roles, ", ")+" in the database")
	}
	if !sameExpr(d.mig, tab, p.using, d.live, live, lp.using) {
		diffs = append(diffs, "USING "+brief(p.Using())+" in the migrations, "+brief(lp.Using())+" in the database")
	}
	if !sameExpr(d.mig, tab, p.check, d.live, live, lp.check) {
		diffs = append(diffs, "WITH CHECK "+brief(p.Check())+" in the migrations, "+brief(lp.Check())+" in the database")
	}
	return strings.Join(diffs, "; ")
}

func permissiveness(p *Policy) string {
	if p.Permissive {
		return "AS PERMISSIVE"
	}
	return "AS RESTRICTIVE"
}

// brief parenthesises an expression and cuts a long one short; "none"
// stands for a missing one.
func brief(expr string) string {
	if expr == "" {
		return "none"
	}
	const max = 120
	if r := []rune(expr); len(r) > max {
		expr = string(r[:max]) + "…"
	}
	return "(" + expr + ")"
}

// functions reports the functions that the policies of either catalog
// call whose definition in the database is not the migrations': the
// policies compare equal while what they call reads another setting, or
// returns one tenant for all. Functions that the database lacks are left
// to the policies that call them, which then fail.
func (d *drift) functions() {
	called := append(d.mig.policyCalls(), d.live.policyCalls()...)
	for _, lf := range d.live.Functions() {
		if !slices.Contains(called, lf.Name) {
			continue
		}
		object := "function " + qualifiedName(lf.Name) + "(" + lf.args + ")"
		mf := d.mig.functions[lf.key()]
		if mf == nil {
			mf = onlyOverload(d.mig, d.live, lf.Name)
		}
		if mf == nil {
			d.report(FunctionDrift, object, "added", "function %s, which policies call, is in the database but not in the migrations; drop it, or create it in a migration", qualifiedName(lf.Name))
			continue
		}
		if diff := functionDiff(mf, lf); diff != "" {
			d.report(FunctionDrift, object, "changed", "function %s, which policies call, differs from the migrations: %s; restore it from the migrations, or write the change as a migration", qualifiedName(lf.Name), diff)
		}
	}
}

// onlyOverload returns the migrations' function named name when each
// catalog has exactly one of that name: the migrations may spell an
// argument's type so that the keys differ, as t.col%TYPE, which the
// database stores as the column's type.
func onlyOverload(mig, live *Catalog, name QName) *Function {
	var m *Function
	for _, c := range []*Catalog{mig, live} {
		n := 0
		for k, f := range c.functions {
			if k.name == name {
				n++
				if c == mig {
					m = f
				}
			}
		}
		if n != 1 {
			return nil
		}
	}
	return m
}

// functionDiff says how l, live, differs from m, in the migrations, or
// returns "" when it does not. PostgreSQL stores a body given as a string
// as it was written, so those compare as text; a SQL-standard body it
// stores parsed, and prints back in a form of its own, so those are not
// compared.
func functionDiff(m, l *Function) string {
	var diffs []string
	if m.Language != l.Language {
		diffs = append(diffs, "LANGUAGE "+m.Language+" in the migrations, "+l.Language+" in the database")
	}
	if m.SecurityDefiner != l.SecurityDefiner {
		diffs = append(diffs, security(m)+" in the migrations, "+security(l)+" in the database")
	}
	if m.sqlBody == nil && l.sqlBody == nil && strings.TrimSpace(m.Body) != strings.TrimSpace(l.Body) ||
		(m.sqlBody == nil) != (l.sqlBody == nil) {
		diffs = append(diffs, "its body differs")
	}
	return strings.Join(diffs, "; ")
}

func security(f *Function) string {
	if f.SecurityDefiner {
		return "SECURITY DEFINER"
	}
	return "SECURITY INVOKER"
}

// roles reports the roles that are superusers or have BYPASSRLS in the
// database but not in the migrations. livedb leaves out the bootstrap
// superuser, which every cluster has and which owns no application data.
func (d *drift) roles() {
	for _, r := range d.live.Roles() {
		var m *Role
		if i := slices.IndexFunc(d.mig.Roles(), func(m *Role) bool { return m.Name == r.Name }); i >= 0 {
			m = d.mig.Roles()[i]
		}
		var attrs []string
		if r.Superuser && (m == nil || !m.Superuser) {
			attrs = append(attrs, "SUPERUSER")
		}
		if r.BypassRLS && (m == nil || !m.BypassRLS) {
			attrs = append(attrs, "BYPASSRLS")
		}
		if len(attrs) == 0 {
			continue
		}
		attr := strings.Join(attrs, " and ")
		undo := "NO" + strings.Join(attrs, " NO")
		d.report(BypassRoleDrift, "role "+r.Name, attr, "role %q has %s in the database, which the migrations do not give it, and bypasses row-level security on every tenant table; run ALTER ROLE %s %s, or write the change as a migration", r.Name, attr, quoteIdent(r.Name), undo)
	}
}
