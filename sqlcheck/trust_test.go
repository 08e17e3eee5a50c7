package sqlcheck

import (
	"strings"
	"testing"
)

// TestTrustRLS checks that trust_rls lets complete row-level security stand
// in for tenant predicates, and only complete row-level security.
func TestTrustRLS(t *testing.T) {
	const schema = `
CREATE TABLE orders (tenant_id uuid NOT NULL, id bigint, PRIMARY KEY (tenant_id, id));
ALTER TABLE orders ENABLE ROW LEVEL SECURITY;
ALTER TABLE orders FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON orders USING (tenant_id = current_setting('app.tenant_id')::uuid);
CREATE TABLE items (tenant_id uuid NOT NULL, id bigint, PRIMARY KEY (tenant_id, id));
ALTER TABLE items ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant ON items USING (tenant_id = current_setting('app.tenant_id')::uuid);
CREATE VIEW orders_v WITH (security_invoker = true) AS SELECT * FROM orders;
CREATE VIEW items_v WITH (security_invoker = true) AS SELECT * FROM items;
CREATE VIEW orders_owner AS SELECT * FROM orders;
CREATE MATERIALIZED VIEW orders_mv AS SELECT * FROM orders;
CREATE VIEW order_ids WITH (security_invoker = true) AS SELECT id FROM orders;
CREATE VIEW order_ids_owner AS SELECT id FROM orders;
CREATE FUNCTION all_ids() RETURNS TABLE (id bigint) LANGUAGE sql AS $$ SELECT id FROM orders $$;
CREATE FUNCTION all_ids_definer() RETURNS TABLE (id bigint) LANGUAGE sql SECURITY DEFINER AS $$ SELECT id FROM orders $$;
`
	cat, err := LoadCatalog([]MigrationFile{{Path: "schema.sql", SQL: schema}})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		sql, want string // want is a part of the one finding's message, or "" for none
		trust     bool
	}{
		{"SELECT * FROM orders", "", true},
		{"SELECT * FROM orders", `select from "orders" has no tenant_id predicate`, false},
		{"INSERT INTO orders (id) VALUES ($1)", "", true},
		{"SELECT * FROM items", `row-level security does not count: tenant table "items" does not force row-level security`, true},
		{"SELECT * FROM ghosts", `row-level security does not count: the migrations do not create "ghosts"`, true},
		{"TRUNCATE orders", `truncate "orders" removes every tenant's rows`, true},
		{"SELECT * FROM orders_v", "", true},
		{"SELECT * FROM items_v", `tenant table "items" does not force row-level security`, true},
		{"SELECT * FROM orders_owner", `view "orders_owner" reads its tables with its owner's rights`, true},
		{"SELECT * FROM orders_mv", `materialized view "orders_mv" has no row-level security`, true},
		// A view without the tenant column: the policies bind its reads only
		// when they run with the invoker's rights.
		{"SELECT * FROM order_ids", "", true},
		{"SELECT * FROM order_ids", `select from "order_ids" reads every tenant's rows of "orders"`, false},
		{"SELECT * FROM order_ids_owner", `select from "order_ids_owner" reads every tenant's rows of "orders"`, true},
		{"SELECT * FROM all_ids()", "", true},
		{"SELECT * FROM all_ids()", `function "all_ids" in FROM reads every tenant's rows of "orders"`, false},
		{"SELECT * FROM all_ids_definer()", `function "all_ids_definer" in FROM reads every tenant's rows of "orders"`, true},
	} {
		replayed := &Tenancy{Columns: []string{"tenant_id"}, Tables: []QName{{"public", "ghosts"}}, Catalog: cat, TrustRLS: tc.trust}
		for _, tn := range []*Tenancy{replayed, viaQueryModel(t, replayed)} {
			fs := NewChecker(tn).Check(tc.sql)
			switch {
			case tc.want == "" && len(fs) > 0:
				t.Errorf("trust %v, query model %v, %s: got %v, want nothing", tc.trust, tn.QueriesOnly(), tc.sql, fs)
			case tc.want != "" && (len(fs) != 1 || !strings.Contains(fs[0].Message, tc.want)):
				t.Errorf("trust %v, query model %v, %s: got %v, want one finding with %q", tc.trust, tn.QueriesOnly(), tc.sql, fs, tc.want)
			}
		}
	}
}
