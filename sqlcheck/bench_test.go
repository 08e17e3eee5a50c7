package sqlcheck

import (
	"fmt"
	"testing"
)

// benchQueries is a realistic mix: joins, CTEs, subqueries, inserts and
// upserts, scoped and not.
var benchQueries = []string{
	"SELECT o.id, o.total, c.email FROM orders o JOIN customers c ON c.id = o.customer_id AND c.tenant_id = o.tenant_id WHERE o.tenant_id = $1 AND o.status = 'open' ORDER BY o.id LIMIT 50",
	"WITH recent AS (SELECT id, tenant_id FROM orders WHERE tenant_id = $1 AND total > $2) SELECT i.sku, count(*) FROM order_items i JOIN recent r ON r.id = i.order_id AND i.tenant_id = r.tenant_id GROUP BY i.sku",
	"SELECT id FROM orders o WHERE o.tenant_id = $1 AND EXISTS (SELECT 1 FROM order_items i WHERE i.order_id = o.id AND i.tenant_id = o.tenant_id AND i.qty > 1)",
	"INSERT INTO orders (tenant_id, id, customer_id, total) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO UPDATE SET total = EXCLUDED.total",
	"UPDATE orders SET total = $3 WHERE tenant_id = $1 AND id = $2",
	"DELETE FROM order_items WHERE order_id = $1",
	"SELECT c.email FROM customers c WHERE c.id IN (SELECT customer_id FROM orders WHERE tenant_id = $1 AND total > 100) AND c.tenant_id = $1",
	"INSERT INTO order_items (tenant_id, order_id, sku, qty) SELECT tenant_id, id, 'gift', 1 FROM orders WHERE tenant_id = $1 AND total > 500",
}

// BenchmarkParse is the floor: pg_query's parse of the same queries.
func BenchmarkParse(b *testing.B) {
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if _, err := parse(benchQueries[i%len(benchQueries)]); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCheck is parse plus check, uncached, per query.
func BenchmarkCheck(b *testing.B) {
	c := testChecker(b)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		c.check(benchQueries[i%len(benchQueries)], nil)
	}
}

// BenchmarkCatalog replays 100 migration files.
func BenchmarkCatalog(b *testing.B) {
	files := make([]MigrationFile, 100)
	for i := range files {
		files[i] = MigrationFile{Path: fmt.Sprintf("%03d.sql", i), SQL: fmt.Sprintf(`
CREATE TABLE t%d (tenant_id uuid NOT NULL, id bigint, name text, PRIMARY KEY (tenant_id, id));
ALTER TABLE t%d ENABLE ROW LEVEL SECURITY;
ALTER TABLE t%d FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON t%d USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
CREATE INDEX t%d_name ON t%d (tenant_id, name);`, i, i, i, i, i, i)}
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := LoadCatalog(files); err != nil {
			b.Fatal(err)
		}
	}
}
