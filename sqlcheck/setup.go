package sqlcheck

import (
	"cmp"
	"slices"
)

// TenantTables returns the tenant tables, views excluded: those the catalog
// defines with a tenant column, and those named outright.
func (t *Tenancy) TenantTables() []QName {
	var out []QName
	for _, tab := range t.Catalog.Tables() {
		if _, ok := t.TenantColumn(tab.Name); ok && !tab.View {
			out = append(out, tab.Name)
		}
	}
	for _, q := range t.Tables {
		if _, ok := t.TenantColumn(q); ok && t.Catalog.Table(q) == nil {
			out = append(out, q)
		}
	}
	return out
}

// PolicyCalls reports whether any policy calls the function that a
// tenant_functions entry f names. A config that names a function no policy
// calls has usually misspelt it.
func (t *Tenancy) PolicyCalls(f string) bool {
	return slices.ContainsFunc(t.Catalog.policyCalls(), func(name QName) bool { return functionNamed(f, name) })
}

// policyCalls lists the functions that the policies' expressions call,
// sorted and once each.
func (c *Catalog) policyCalls() []QName {
	if c == nil {
		return nil
	}
	if c.queriesOnly {
		return c.calls
	}
	var calls []QName
	for _, tab := range c.tables {
		for _, p := range tab.Policies {
			for _, e := range []*node{p.using, p.check} {
				inspect(e, func(n *node) bool {
					if fc := n.GetFuncCall(); fc != nil {
						calls = append(calls, funcName(fc.Funcname))
					}
					return true
				})
			}
		}
	}
	slices.SortFunc(calls, func(a, b QName) int { return cmp.Or(cmp.Compare(a.Schema, b.Schema), cmp.Compare(a.Name, b.Name)) })
	return slices.Compact(calls)
}
