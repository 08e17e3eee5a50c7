package sqlcheck

import (
	"slices"
	"strings"
)

// This file holds the migration rules TV215 and TV216, on what reaches a
// tenant table besides the policies: privileges that every role holds,
// and the tenant a row gets when an insert names none.

// publicGrants reports privileges that PUBLIC, which is every role of the
// database including ones created later, holds on a tenant table where the
// row-level security does not keep each role to one tenant. TRUNCATE
// ignores row-level security, so PUBLIC's TRUNCATE always stands.
func (j *migrationJudge) publicGrants(tab *Table, col string) {
	name := tab.Name.String()
	open := map[Pos][]string{} // by the statement that granted them
	var order []Pos
	for _, g := range tab.grants {
		if g.Grantee != "public" {
			continue
		}
		if g.Privilege == "truncate" {
			j.report(PublicGrant, g.Pos, name, "PUBLIC holds TRUNCATE on tenant table %q, which removes every tenant's rows whatever the policies say; revoke TRUNCATE from PUBLIC", name)
			continue
		}
		if !slices.Contains(commands, g.Privilege) || j.bindsPublic(tab, col, g.Privilege) {
			continue
		}
		if open[g.Pos] == nil {
			order = append(order, g.Pos)
		}
		open[g.Pos] = append(open[g.Pos], strings.ToUpper(g.Privilege))
	}
	why := "row-level security is off"
	if tab.RLS {
		why = "a policy that applies to PUBLIC does not bind " + quoteIdent(col)
	}
	for _, at := range order {
		j.report(PublicGrant, at, name, "PUBLIC holds %s on tenant table %q, and %s, so every role of the database reaches every tenant's rows; revoke from PUBLIC and grant the application role only",
			strings.Join(open[at], ", "), name, why)
	}
}

// bindsPublic reports whether row-level security keeps a role that holds
// cmd through PUBLIC to one tenant: it is on, and every permissive policy
// for cmd that applies to any role binds the tenant column. With no such
// policy, PostgreSQL denies the command.
func (j *migrationJudge) bindsPublic(tab *Table, col, cmd string) bool {
	if !tab.RLS {
		return false
	}
	for _, p := range tab.Policies {
		if p.Permissive && p.covers(cmd) && slices.Contains(p.Roles, "public") && !j.bound(tab, col, p) && !j.floored(tab, col, p) {
			return false
		}
	}
	return true
}

// constantTenant reports a tenant column whose default is a constant: an
// insert that leaves the column out puts its row in that one tenant.
func (j *migrationJudge) constantTenant(tab *Table, col string) {
	c := tab.Column(col)
	if c == nil {
		return
	}
	if at, ok := c.constantDefault(); ok {
		name := tab.Name.String()
		j.report(TenantDefault, at, name, "tenant column %s of %q defaults to a constant, so every insert that leaves it out lands in one tenant; drop the default, or default to the session's tenant with current_setting(…)",
			quoteIdent(col), name)
	}
}
