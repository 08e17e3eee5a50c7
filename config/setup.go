package config

import (
	"fmt"
	"slices"
	"strings"

	"github.com/tenantvet/tenantvet/sqlcheck"
)

// CheckSetup reports a config that, against the tenancy t its migrations
// gave, checks less than it says: no tenant table at all (a misspelt
// tenant_column, say), or a tables, exempt or tenant_functions entry that
// names nothing the migrations define. Each would let the gate pass
// without checking what the team believes it checks, which is worse than
// failing. It returns one error with a line per problem.
func (c *Config) CheckSetup(t *sqlcheck.Tenancy) error {
	return c.checkSetup(t, len(c.Migrations) > 0, "the migrations define")
}

// CheckLiveSetup is CheckSetup for a tenancy whose catalog was read from a
// live database: its names must be in that database.
func (c *Config) CheckLiveSetup(t *sqlcheck.Tenancy) error {
	return c.checkSetup(t, true, "the database has")
}

// checkSetup checks t against the config; withCatalog says whether t has a
// catalog to look names up in, and source says where it came from.
func (c *Config) checkSetup(t *sqlcheck.Tenancy, withCatalog bool, source string) error {
	var problems []string
	if withCatalog {
		relations := relationNames(t.Catalog)
		for _, key := range []string{"tables", "exempt"} {
			for _, name := range c.list(key) {
				if t.Catalog.Table(sqlcheck.ParseQName(name)) == nil {
					problems = append(problems, fmt.Sprintf("%s: %q names no table or view that %s%s",
						c.where(key, name), name, source, didYouMean(sqlcheck.ParseQName(name).Name, relations)))
				}
			}
		}
		for _, f := range c.TenantFunctions {
			if !t.PolicyCalls(f) {
				problems = append(problems, fmt.Sprintf("%s: no policy calls %q, so it checks nothing; remove it or name the function that the policies call",
					c.where("tenant_functions", f), f))
			}
		}
	}
	switch n := len(t.TenantTables()); {
	case n == 0 && !c.AllowNoTenantTables:
		problems = append(problems, c.noTenantTables(t, withCatalog, source))
	case n > 0 && c.AllowNoTenantTables:
		problems = append(problems, fmt.Sprintf("%s: the module has %s, so remove it: it would hide a tenant_column that finds none",
			c.where("allow_no_tenant_tables", ""), count(n, "tenant table")))
	}
	slices.Sort(problems)
	return joinErrors(problems)
}

// list returns the values of one of the keys that name relations.
func (c *Config) list(key string) []string {
	if key == "tables" {
		return c.Tables
	}
	return c.Exempt
}

// noTenantTables explains why no table is a tenant table: what was looked
// for, what the migrations define, and the columns nearest to the one
// named.
func (c *Config) noTenantTables(t *sqlcheck.Tenancy, withCatalog bool, source string) string {
	cols := c.Columns()
	var b strings.Builder
	fmt.Fprintf(&b, "%s: no tenant tables: ", c.where("tenant_column", ""))
	tables, census := columnCensus(t.Catalog)
	if !withCatalog {
		b.WriteString("no migrations are configured and `tables` names none")
	} else {
		fmt.Fprintf(&b, "of the %s that %s, none has a column %s", count(tables, "table"), source, quoteAll(cols))
		if exempt := exemptTenantTables(c, t); exempt > 0 {
			fmt.Fprintf(&b, " but for %d that are exempt", exempt)
		}
		var names []string
		for name := range census {
			names = append(names, name)
		}
		for _, col := range cols {
			if near := nearest(col, names); near != "" {
				fmt.Fprintf(&b, " (did you mean %s, on %s?)", near, count(census[near], "table"))
				break
			}
		}
	}
	b.WriteString("; name the tenant column in tenant_column, or set allow_no_tenant_tables: true if the module has no tenant tables yet")
	return b.String()
}

// columnCensus counts the tables, views aside, and the tables that have
// each column name.
func columnCensus(cat *sqlcheck.Catalog) (int, map[string]int) {
	census := map[string]int{}
	n := 0
	for _, tab := range cat.Tables() {
		if tab.View {
			continue
		}
		n++
		for _, col := range tab.Columns {
			census[col.Name]++
		}
	}
	return n, census
}

// exemptTenantTables counts the tables that would be tenant tables but for
// the exempt list.
func exemptTenantTables(c *Config, t *sqlcheck.Tenancy) int {
	n := 0
	for _, name := range c.Exempt {
		tab := t.Catalog.Table(sqlcheck.ParseQName(name))
		if tab == nil || tab.View {
			continue
		}
		if slices.ContainsFunc(c.Columns(), func(col string) bool { return tab.Column(col) != nil }) {
			n++
		}
	}
	return n
}

func relationNames(cat *sqlcheck.Catalog) []string {
	var names []string
	for _, tab := range cat.Tables() {
		names = append(names, tab.Name.Name)
	}
	return names
}

// count says "1 table" or "3 tables".
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

func quoteAll(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = fmt.Sprintf("%q", n)
	}
	return strings.Join(q, " or ")
}

// didYouMean returns "; did you mean x?" for the candidate nearest to
// name, or "".
func didYouMean(name string, candidates []string) string {
	if near := nearest(name, candidates); near != "" {
		return "; did you mean " + near + "?"
	}
	return ""
}

// nearest returns the candidate other than name nearest to it, the first
// in order among equals, or "" when none is within a third of name's
// length in edits (and at least two): "tenantid" finds "tenant_id", and
// "orders" finds "order".
func nearest(name string, candidates []string) string {
	best, bestDist := "", max(2, len(name)/3)
	for _, cand := range slices.Sorted(slices.Values(candidates)) {
		if cand == name {
			continue
		}
		if d := editDistance(strings.ToLower(name), strings.ToLower(cand)); d < bestDist || d == bestDist && best == "" {
			best, bestDist = cand, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, in bytes.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
