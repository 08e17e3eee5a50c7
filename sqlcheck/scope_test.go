package sqlcheck

import (
	"slices"
	"testing"
)

// TestResolve checks column resolution in the WHERE clause of a query's
// outermost block: which relations, by the name the query uses, a column
// reference may name.
func TestResolve(t *testing.T) {
	for _, tc := range []struct {
		sql  string
		want []string
	}{
		{"SELECT 1 FROM orders o, customers c WHERE o.tenant_id = 1", []string{"o"}},
		{"SELECT 1 FROM orders o, customers c WHERE email = 1", []string{"c"}},
		{"SELECT 1 FROM orders o, customers c WHERE tenant_id = 1", nil}, // ambiguous
		{"SELECT 1 FROM orders o, generate_series(1, 2) g WHERE total = 1", []string{"o"}},
		{"SELECT 1 FROM plans p, generate_series(1, 2) g WHERE x = 1", []string{"g"}},
		{"SELECT 1 FROM orders WHERE orders.id = 1", []string{"orders"}},
		{"SELECT 1 FROM billing.invoices WHERE billing.invoices.id = 1", []string{"invoices"}},
		{"SELECT 1 FROM orders o WHERE orders.id = 1", nil}, // an alias hides the name
		{"SELECT 1 FROM (SELECT id AS oid FROM orders) d WHERE oid = 1", []string{"d"}},
		{"SELECT 1 FROM (SELECT * FROM orders) d, plans WHERE x = 1", []string{"d"}},
		{"WITH w (a) AS (SELECT id FROM orders) SELECT 1 FROM w, plans WHERE a = 1", []string{"w"}},
	} {
		stmts, err := parse(tc.sql)
		if err != nil {
			t.Fatal(err)
		}
		m := buildModel(tc.sql, testChecker(t).tenancy, stmts[0].node)
		blk := m.roots[0]
		ref := blk.quals[0].expr.GetAExpr().GetLexpr().GetColumnRef()
		rels, _ := blk.resolve(ref)
		var got []string
		for _, r := range rels {
			got = append(got, r.ref)
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: resolves to %q, want %q", tc.sql, got, tc.want)
		}
	}
}
