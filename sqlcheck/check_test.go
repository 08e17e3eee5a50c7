package sqlcheck

import (
	"slices"
	"strings"
	"testing"
)

// testSchema is the schema every query test runs against.
const testSchema = `
CREATE TABLE orders (id bigint PRIMARY KEY, tenant_id uuid NOT NULL, customer_id bigint, total int, status text);
CREATE TABLE order_items (id bigint, order_id bigint, tenant_id uuid NOT NULL, sku text, qty int);
CREATE TABLE customers (id bigint, tenant_id uuid NOT NULL, email text,
  CONSTRAINT customers_key PRIMARY KEY (tenant_id, id), CONSTRAINT customers_email UNIQUE (email));
CREATE TABLE plans (id bigint, name text);
CREATE TABLE tenants (id uuid, slug text);
CREATE TABLE "APIToken" (id uuid, "tenantId" uuid NOT NULL, name text);
CREATE SCHEMA billing;
CREATE TABLE billing.invoices (id bigint, tenant_id uuid, amount int);
CREATE TABLE audit_log (id bigint, tenant_id uuid, msg text);
CREATE VIEW order_totals AS SELECT id, total FROM orders;
CREATE VIEW my_orders AS SELECT id, total FROM orders WHERE tenant_id = current_setting('app.tenant_id')::uuid;
CREATE VIEW order_list AS SELECT tenant_id, id, total FROM orders;
CREATE VIEW listed_totals AS SELECT total FROM order_list;
CREATE VIEW totals_again AS SELECT total FROM order_totals;
CREATE VIEW my_totals_again AS SELECT total FROM my_orders;
CREATE MATERIALIZED VIEW order_stats AS SELECT count(*) AS n FROM orders WHERE tenant_id = current_setting('app.tenant_id')::uuid;
CREATE VIEW plan_names AS SELECT name FROM plans;
CREATE FUNCTION open_orders() RETURNS SETOF orders LANGUAGE sql STABLE AS $$ SELECT * FROM orders WHERE status = 'open' $$;
CREATE FUNCTION order_ids() RETURNS TABLE (id bigint) LANGUAGE sql AS $$ SELECT id FROM orders $$;
CREATE FUNCTION order_count() RETURNS bigint LANGUAGE sql BEGIN ATOMIC SELECT count(*) FROM orders; END;
CREATE FUNCTION tenant_orders(tenant uuid) RETURNS SETOF orders LANGUAGE sql AS $$ SELECT * FROM orders WHERE tenant_id = tenant $$;
CREATE FUNCTION tenant_order_ids(uuid) RETURNS TABLE (id bigint) LANGUAGE sql AS 'SELECT id FROM orders WHERE tenant_id = $1';
CREATE FUNCTION my_order_ids() RETURNS TABLE (id bigint) LANGUAGE sql AS $$ SELECT id FROM orders WHERE tenant_id = current_setting('app.tenant_id')::uuid $$;
CREATE FUNCTION shadowed_ids(tenant_id uuid) RETURNS TABLE (id bigint) LANGUAGE sql AS $$ SELECT id FROM orders WHERE tenant_id = tenant_id $$;
CREATE FUNCTION plan_list() RETURNS SETOF plans LANGUAGE sql AS $$ SELECT * FROM plans $$;
CREATE FUNCTION plpgsql_ids() RETURNS TABLE (id bigint) LANGUAGE plpgsql AS $$ BEGIN RETURN QUERY SELECT o.id FROM orders o; END $$;
CREATE FUNCTION overloaded(n int) RETURNS TABLE (id bigint) LANGUAGE sql AS $$ SELECT id FROM orders LIMIT n $$;
CREATE FUNCTION overloaded(tenant uuid) RETURNS TABLE (id bigint) LANGUAGE sql AS $$ SELECT id FROM orders WHERE tenant_id = tenant $$;
`

func testChecker(t testing.TB) *Checker {
	t.Helper()
	return NewChecker(testTenancy(t))
}

func testTenancy(t testing.TB) *Tenancy {
	t.Helper()
	cat, err := LoadCatalog([]MigrationFile{{Path: "schema.sql", SQL: testSchema}})
	if err != nil {
		t.Fatal(err)
	}
	return &Tenancy{
		Columns: []string{"tenant_id", "tenantId"},
		Exempt:  []QName{{"public", "audit_log"}},
		Catalog: cat,
	}
}

// checkCase is one query and the findings it must produce, each written as
// "TV101 orders": the check ID and the text the finding underlines.
type checkCase struct {
	name string
	sql  string
	want []string
}

// runCheckCases runs each case against the replayed catalog and against
// the query model that go vet's processes read from the cache instead.
func runCheckCases(t *testing.T, cases []checkCase) {
	t.Helper()
	replayed := testTenancy(t)
	checkers := []struct {
		name string
		c    *Checker
	}{
		{"replayed", NewChecker(replayed)},
		{"query model", NewChecker(viaQueryModel(t, replayed))},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			for _, chk := range checkers {
				var got []string
				for _, f := range chk.c.Check(tc.sql) {
					got = append(got, f.ID+" "+tc.sql[f.Pos:f.End])
				}
				want := tc.want
				slices.Sort(got)
				slices.Sort(want)
				if !slices.Equal(got, want) {
					var msgs []string
					for _, f := range chk.c.Check(tc.sql) {
						msgs = append(msgs, f.String())
					}
					t.Errorf("%s: %s\ngot  %q\nwant %q\n%s", chk.name, tc.sql, got, want, strings.Join(msgs, "\n"))
				}
			}
		})
	}
}

// TestUnreadableBytes: SQL that pg_query cannot take whole is reported at
// the byte that stops it.
func TestUnreadableBytes(t *testing.T) {
	chk := NewChecker(testTenancy(t))
	for _, tc := range []struct {
		sql, msg string
		pos      int
	}{
		{"SELECT 1;\x00 DELETE FROM orders", "sql does not parse: NUL byte in the sql; fix the query", 9},
		{"SELECT id FROM orders WHERE note = 'caf\xe9' AND tenant_id = $1", "sql does not parse: byte 0xe9 is not valid UTF-8; fix the query", 39},
	} {
		fs := chk.Check(tc.sql)
		if len(fs) != 1 || fs[0].ID != SyntaxError || fs[0].Message != tc.msg || fs[0].Pos != tc.pos {
			t.Errorf("Check(%q) = %+v, want one TV001 %q at %d", tc.sql, fs, tc.msg, tc.pos)
		}
	}
}
