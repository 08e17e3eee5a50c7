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
	// Settings are tenant settings that the config names (tenant_settings),
	// for policies that the migrations do not show.
	Settings []string

	settingsOnce sync.Once
	settings     []string // TenantSettings' answer
	setterList   []setter // the catalog's setters

	rlsOnce sync.Once
	rlsGaps map[QName]string

	viewOnce sync.Once
	views    map[QName]QName // viewGaps' verdicts

	funcOnce sync.Once
	funcs    map[QName]funcGap // funcGaps' verdicts
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

// columns returns the known columns of q, or nil when the catalog does not
// know it.
func (t *Tenancy) columns(q QName) []string {
	if tab := t.Catalog.Table(q); tab != nil {
		return tab.columnNames()
	}
	return nil
}
