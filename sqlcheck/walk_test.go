package sqlcheck

import "testing"

// TestInspectReachesSubqueries puts an unscoped subquery in every kind of
// expression position; each must be found, whether the walker handles the
// enclosing node by hand or by reflection.
func TestInspectReachesSubqueries(t *testing.T) {
	const sub = "(SELECT max(total) FROM orders)"
	positions := []string{
		"SELECT " + sub,
		"SELECT 1 WHERE 1 = " + sub,
		"SELECT coalesce(" + sub + ", 0)",
		"SELECT CASE WHEN true THEN " + sub + " END",
		"SELECT CASE " + sub + " WHEN 1 THEN 2 END",
		"SELECT ARRAY[" + sub + "]",
		"SELECT ROW(" + sub + ")",
		"SELECT greatest(1, " + sub + ")",
		"SELECT " + sub + "::text",
		"SELECT " + sub + " IS NULL",
		"SELECT (" + sub + " > 1) IS TRUE",
		"SELECT 1 ORDER BY " + sub,
		"SELECT 1 GROUP BY " + sub,
		"SELECT 1 GROUP BY GROUPING SETS ((" + sub + "))",
		"SELECT 1 HAVING count(*) > " + sub,
		"SELECT 1 LIMIT " + sub,
		"SELECT sum(1) FILTER (WHERE 1 < " + sub + ")",
		"SELECT rank() OVER (PARTITION BY " + sub + ")",
		"SELECT xmlelement(name x, " + sub + ")",
		"SELECT " + sub + " COLLATE \"C\"",
		"SELECT (ARRAY[1])[" + sub + "]",
		"SELECT 1 FROM generate_series(1, " + sub + ")",
		"SELECT 1 FROM plans WHERE EXISTS " + sub,
		"SELECT 1 FROM plans WHERE id IN " + sub,
		"VALUES (" + sub + ")",
		"UPDATE plans SET name = " + sub + "::text",
		"EXPLAIN SELECT " + sub,
		"CREATE VIEW v AS SELECT " + sub,
	}
	c := testChecker(t)
	for _, sql := range positions {
		n := 0
		for _, f := range c.Check(sql) {
			if f.ID == Unscoped && sql[f.Pos:f.End] == "orders" {
				n++
			}
		}
		if n != 1 {
			t.Errorf("%s: %d TV101 findings on orders, want 1", sql, n)
		}
	}
}

// TestPanicBecomesFinding checks that a query that trips the checker turns
// into a TV005 finding rather than ending the run. A checker without a
// tenancy model is a bug in the caller, which makes a reliable trigger.
func TestPanicBecomesFinding(t *testing.T) {
	fs := NewChecker(nil).Check("SELECT * FROM orders")
	if len(fs) != 1 || fs[0].ID != InternalError {
		t.Fatalf("got %v, want one %s finding", fs, InternalError)
	}
}
