package sqlcheck

import (
	"slices"
	"strconv"
	"strings"
	"sync"
)

// Tenancy says which relations are tenant tables, and by which column.
type Tenancy struct {
	// Columns are the tenant column names, as PostgreSQL stores them
	// ("tenant_id", "tenantId"). The first is used for tables named in
	// Tables that the catalog does not know.
	Columns []string
	// Tables are tenant tables named outright.
	Tables []QName
	// Exempt relations are never tenant tables.
	Exempt []QName
	// Catalog is the schema replayed from migrations; it may be nil.
	Catalog *Catalog
	// Functions return the session's tenant, like current_setting(…):
	// "app.current_tenant" or "current_tenant".
	Functions []string
	// TrustRLS lets a table whose row-level security is complete go
	// without tenant predicates in queries.
	TrustRLS bool

	rlsOnce sync.Once
	rlsGaps map[QName]string

	viewOnce sync.Once
	views    map[QName]QName // viewGaps' verdicts
}

// TenantColumn returns the tenant column of the relation q, and whether q is
// a tenant table at all.
func (t *Tenancy) TenantColumn(q QName) (string, bool) {
	if slices.Contains(t.Exempt, q) {
		return "", false
	}
	if tab := t.Catalog.Table(q); tab != nil {
		for _, c := range t.Columns {
			if tab.Column(c) != nil {
				return c, true
			}
		}
	}
	if slices.Contains(t.Tables, q) && len(t.Columns) > 0 {
		return t.Columns[0], true
	}
	return "", false
}

// rlsGap returns why the row-level security of q does not count under
// TrustRLS, or "" when it passes the rules that trust relies on: enabled,
// forced, every command covered, every permissive policy bound.
func (t *Tenancy) rlsGap(q QName) string {
	tab := t.Catalog.Table(q)
	switch {
	case tab == nil:
		return "the migrations do not create " + strconv.Quote(q.String())
	case tab.Materialized:
		return "materialized view " + strconv.Quote(q.String()) + " has no row-level security"
	case tab.View && !tab.SecurityInvoker:
		return "view " + strconv.Quote(q.String()) + " reads its tables with its owner's rights"
	case tab.View:
		// A security_invoker view is as safe as the tables it reads.
		for _, r := range tab.Reads {
			if gap := t.rlsGap(r); gap != "" && r != q {
				if _, tenant := t.TenantColumn(r); tenant {
					return gap
				}
			}
		}
		return ""
	}
	return t.tableGaps()[q]
}

// tableGaps judges the row-level security of every tenant table once: the
// first rule each one breaks, by table.
func (t *Tenancy) tableGaps() map[QName]string {
	t.rlsOnce.Do(func() {
		if t.rlsGaps != nil {
			return // decoded with the query model
		}
		t.rlsGaps = map[QName]string{}
		j := &migrationJudge{t: t}
		for _, tab := range t.Catalog.Tables() {
			if col, ok := t.TenantColumn(tab.Name); ok && !tab.View {
				n := len(j.findings)
				j.rls(tab, col)
				if len(j.findings) > n {
					msg, _, _ := strings.Cut(j.findings[n].Message, ";")
					t.rlsGaps[tab.Name] = msg
				}
			}
		}
	})
	return t.rlsGaps
}

// viewGaps returns, once, the views that read every tenant's rows of a
// tenant table and have no tenant column to scope them by, each with such
// a table: a materialized view that reads one, or a view whose query does
// not bind it to the session's tenant.
func (t *Tenancy) viewGaps() map[QName]QName {
	t.viewOnce.Do(func() {
		if t.views != nil {
			return // decoded with the query model
		}
		t.views = map[QName]QName{}
		judged := map[QName]bool{}
		for _, tab := range t.Catalog.Tables() {
			t.judgeView(tab, judged)
		}
	})
	return t.views
}

// judgeView records whether view tab hides a tenant table's rows: it has
// no tenant column, reads a tenant table, and is materialized, or does
// not bind it to the session's tenant, or reads a view that hides one.
func (t *Tenancy) judgeView(tab *Table, judged map[QName]bool) {
	if !tab.View || judged[tab.Name] {
		return
	}
	judged[tab.Name] = true // a cycle, through renames, ends here
	if _, tenant := t.TenantColumn(tab.Name); tenant {
		return
	}
	src, ok := t.tenantSource(tab, nil)
	if !ok {
		return
	}
	hides := tab.Materialized || tab.query == nil || !t.bindsSession(tab)
	for _, r := range tab.Reads {
		if inner := t.Catalog.Table(r); inner != nil && inner != tab {
			t.judgeView(inner, judged)
			if s, ok := t.views[r]; ok {
				hides, src = true, s
			}
		}
	}
	if hides {
		t.views[tab.Name] = src
	}
}

// bindsSession reports whether a view's query binds every tenant table it
// reads to the session's tenant: the query rules, with the session's
// tenant as the only tenant value, as for a policy.
func (t *Tenancy) bindsSession(view *Table) bool {
	b := &builder{tenancy: t, values: &valueRule{functions: t.Functions}}
	blk := b.stmt(view.query, nil, nil)
	if blk == nil {
		return false
	}
	j := &judge{tenancy: t, view: view}
	j.block(blk)
	return !slices.ContainsFunc(j.findings, func(f Finding) bool { return f.ID == Unscoped })
}

// tenantSource returns a tenant table that the view v reads, directly or
// through other views.
func (t *Tenancy) tenantSource(v *Table, seen []QName) (QName, bool) {
	for _, r := range v.Reads {
		if slices.Contains(seen, r) {
			continue
		}
		if tab := t.Catalog.Table(r); tab != nil && tab.View {
			if q, ok := t.tenantSource(tab, append(seen, v.Name)); ok {
				return q, true
			}
			continue
		}
		if _, ok := t.TenantColumn(r); ok {
			return r, true
		}
	}
	return QName{}, false
}

// columns returns the known columns of q, or nil when the catalog does not
// know it.
func (t *Tenancy) columns(q QName) []string {
	if tab := t.Catalog.Table(q); tab != nil {
		return tab.columnNames()
	}
	return nil
}
