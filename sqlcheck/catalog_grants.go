package sqlcheck

import (
	"cmp"
	"slices"
	"strings"
)

// This file replays the table privileges that GRANT, REVOKE and ALTER
// DEFAULT PRIVILEGES give roles other than the owner, which the owner
// always holds.

// Grant is a privilege on a relation that a role, or PUBLIC, holds.
type Grant struct {
	Grantee   string // "public" for PUBLIC
	Privilege string // select, insert, update, delete, truncate, references or trigger
	Pos       Pos    // the statement that granted it
}

// tablePrivileges are what GRANT ALL gives on a table in PostgreSQL 15.
var tablePrivileges = []string{"select", "insert", "update", "delete", "truncate", "references", "trigger"}

// defaultGrant is a grant that ALTER DEFAULT PRIVILEGES gives every table
// created afterwards, in schema or, when it is "", in any schema.
type defaultGrant struct {
	schema string
	Grant
}

// Grants returns the privileges that roles other than the owner hold on t,
// sorted by grantee and privilege.
func (t *Table) Grants() []Grant { return slices.Clone(t.grants) }

// privileges returns the table privileges a GRANT or REVOKE names.
func privileges(s *grantStmt) []string {
	if len(s.Privileges) == 0 { // ALL
		return tablePrivileges
	}
	var out []string
	for _, p := range s.Privileges {
		// Column privileges (SELECT (a, b)) are not modelled.
		if ap := p.GetAccessPriv(); ap != nil && len(ap.Cols) == 0 && slices.Contains(tablePrivileges, ap.PrivName) {
			out = append(out, ap.PrivName)
		}
	}
	return out
}

// grantees returns the roles a GRANT or REVOKE names. CURRENT_USER and its
// kin are the role that runs the migrations, which owns what it creates.
func grantees(s *grantStmt) []string {
	return slices.DeleteFunc(roleNames(s.Grantees), func(r string) bool {
		return r == "current_user" || r == "session_user" || r == "current_role"
	})
}

// grant applies GRANT or REVOKE of table privileges. REVOKE GRANT OPTION
// FOR takes the option only, and leaves the privilege.
func (c *Catalog) grant(s *grantStmt) {
	if s.Objtype != objTable || !s.IsGrant && s.GrantOption {
		return
	}
	var tables []*Table
	switch s.Targtype {
	case aclObject:
		for _, o := range s.Objects {
			if t := c.Table(rangeName(o.GetRangeVar())); t != nil {
				tables = append(tables, t)
			}
		}
	case aclAllInSchema:
		schemas := stringList(s.Objects)
		for _, t := range c.Tables() {
			if slices.Contains(schemas, t.Name.Schema) {
				tables = append(tables, t)
			}
		}
	}
	privs, roles := privileges(s), grantees(s)
	for _, t := range tables {
		for _, r := range roles {
			for _, p := range privs {
				t.setGrant(Grant{r, p, c.at}, s.IsGrant)
			}
		}
	}
}

// setGrant adds g to t, or with on false takes it away.
func (t *Table) setGrant(g Grant, on bool) {
	i, found := slices.BinarySearchFunc(t.grants, g, compareGrants)
	switch {
	case on && !found:
		t.grants = slices.Insert(t.grants, i, g)
	case !on && found:
		t.grants = slices.Delete(t.grants, i, i+1)
	}
}

func compareGrants(a, b Grant) int {
	return cmp.Or(strings.Compare(a.Grantee, b.Grantee), strings.Compare(a.Privilege, b.Privilege))
}

// defaultPrivileges applies ALTER DEFAULT PRIVILEGES … ON TABLES. Defaults
// for another role (FOR ROLE) do not reach the tables that the migrations'
// own role creates, so they are left out.
func (c *Catalog) defaultPrivileges(s *alterDefaultPrivilegesStmt) {
	a := s.Action
	if a == nil || a.Objtype != objTable || !a.IsGrant && a.GrantOption {
		return
	}
	schemas := []string{""}
	for _, o := range s.Options {
		d := o.GetDefElem()
		switch d.GetDefname() {
		case "schemas":
			schemas = stringList(d.GetArg().GetList().GetItems())
		case "roles":
			return
		}
	}
	privs, roles := privileges(a), grantees(a)
	for _, schema := range schemas {
		for _, r := range roles {
			for _, p := range privs {
				g := defaultGrant{schema, Grant{r, p, c.at}}
				same := func(d defaultGrant) bool {
					return d.schema == g.schema && d.Grantee == g.Grantee && d.Privilege == g.Privilege
				}
				c.defaults = slices.DeleteFunc(c.defaults, same)
				if a.IsGrant {
					c.defaults = append(c.defaults, g)
				}
			}
		}
	}
}

// created gives a new relation the default privileges of its schema,
// from the statement that set them.
func (c *Catalog) created(t *Table) {
	for _, d := range c.defaults {
		if d.schema == "" || d.schema == t.Name.Schema {
			t.setGrant(d.Grant, true)
		}
	}
}
