package sqlcheck

import "slices"

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

// columns returns the known columns of q, or nil when the catalog does not
// know it.
func (t *Tenancy) columns(q QName) []string {
	if tab := t.Catalog.Table(q); tab != nil {
		return tab.columnNames()
	}
	return nil
}
