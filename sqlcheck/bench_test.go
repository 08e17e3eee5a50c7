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

// benchMigrations returns 100 migration files, one tenant table each, with
// its row-level security, policy and index.
func benchMigrations() []MigrationFile {
	files := make([]MigrationFile, 100)
	for i := range files {
		files[i] = MigrationFile{Path: fmt.Sprintf("%03d.sql", i), SQL: fmt.Sprintf(`
CREATE TABLE t%d (tenant_id uuid NOT NULL, id bigint, name text, PRIMARY KEY (tenant_id, id));
ALTER TABLE t%d ENABLE ROW LEVEL SECURITY;
ALTER TABLE t%d FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON t%d USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
CREATE INDEX t%d_name ON t%d (tenant_id, name);`, i, i, i, i, i, i)}
	}
	return files
}

// BenchmarkCatalog replays 100 migration files.
func BenchmarkCatalog(b *testing.B) {
	files := benchMigrations()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := LoadCatalog(files); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkQueryModel decodes the query model of the same 100 files, with
// the RLS verdicts of trust_rls: what a go vet process does instead of
// BenchmarkCatalog when the cache has it.
func BenchmarkQueryModel(b *testing.B) {
	cat, err := LoadCatalog(benchMigrations())
	if err != nil {
		b.Fatal(err)
	}
	data, err := (&Tenancy{Columns: []string{"tenant_id"}, Catalog: cat, TrustRLS: true}).EncodeQueryModel()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ReportMetric(float64(len(data)), "bytes/model")
	for b.Loop() {
		t := &Tenancy{Columns: []string{"tenant_id"}, TrustRLS: true}
		if err := t.DecodeQueryModel(data); err != nil {
			b.Fatal(err)
		}
	}
}
