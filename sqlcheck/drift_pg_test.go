package sqlcheck_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tenantvet/tenantvet/internal/pgtest"
	"github.com/tenantvet/tenantvet/sqlcheck"
)

// driftMigrations is a small migration set of four tenant tables, each
// with row-level security enabled and forced and a policy, and the
// application's role, which {role} stands for.
const driftMigrations = `
CREATE ROLE {role} NOLOGIN NOBYPASSRLS;
CREATE TABLE orders (id bigint PRIMARY KEY, tenant_id uuid NOT NULL, status text);
CREATE TABLE items (id bigint PRIMARY KEY, tenant_id uuid NOT NULL, order_id bigint REFERENCES orders);
CREATE TABLE invoices (id bigint PRIMARY KEY, tenant_id uuid NOT NULL, total numeric);
CREATE TABLE notes (id bigint PRIMARY KEY, tenant_id uuid NOT NULL, body text);
CREATE INDEX ON items (tenant_id);
CREATE INDEX ON invoices (tenant_id);
CREATE INDEX ON notes (tenant_id);
ALTER TABLE orders ENABLE ROW LEVEL SECURITY;
ALTER TABLE orders FORCE ROW LEVEL SECURITY;
ALTER TABLE items ENABLE ROW LEVEL SECURITY;
ALTER TABLE items FORCE ROW LEVEL SECURITY;
ALTER TABLE invoices ENABLE ROW LEVEL SECURITY;
ALTER TABLE invoices FORCE ROW LEVEL SECURITY;
ALTER TABLE notes ENABLE ROW LEVEL SECURITY;
ALTER TABLE notes FORCE ROW LEVEL SECURITY;
CREATE POLICY orders_tenant ON orders TO {role}
  USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid AND status IN ('open', 'paid'));
CREATE POLICY items_tenant ON items
  USING (tenant_id = current_setting('app.tenant_id')::uuid
    AND EXISTS (SELECT 1 FROM orders o WHERE o.id = items.order_id AND o.tenant_id = items.tenant_id));
CREATE POLICY invoices_tenant ON invoices AS RESTRICTIVE
  USING (tenant_id = current_setting('app.tenant_id')::uuid AND total BETWEEN 0 AND 1000000)
  WITH CHECK (tenant_id = current_setting('app.tenant_id')::uuid);
CREATE FUNCTION current_tenant() RETURNS uuid LANGUAGE sql STABLE
  AS $$ SELECT current_setting('app.tenant_id')::uuid $$;
CREATE POLICY notes_tenant ON notes FOR SELECT USING (tenant_id = current_tenant());
CREATE POLICY invoices_open ON invoices
  USING (tenant_id = current_setting('app.tenant_id')::uuid AND total <= (SELECT max(total) FROM invoices));
`

// TestDriftPostgres applies driftMigrations to a real server and changes
// the database by hand, the way drift happens, one change of each kind
// that the drift checks report; Drift of the migrations against livedb's
// snapshot must report exactly those changes, and nothing on a database
// left as the migrations made it.
//
// Roles are cluster-wide, so each subtest's role has a name of its own and
// is dropped, after the database whose policy names it, when it is done.
func TestDriftPostgres(t *testing.T) {
	srv := pgtest.Start(t)
	for _, c := range []struct {
		name string
		hand string   // {role} stands for the role
		want []string // "ID object"
	}{
		{name: "untouched"},
		{
			name: "changed by hand",
			hand: `
				ALTER TABLE orders DISABLE ROW LEVEL SECURITY;
				ALTER TABLE items NO FORCE ROW LEVEL SECURITY;
				CREATE POLICY support ON invoices FOR SELECT USING (true);
				DROP POLICY notes_tenant ON notes;
				ALTER POLICY items_tenant ON items USING (tenant_id IS NOT NULL);
				ALTER TABLE notes ALTER COLUMN tenant_id DROP NOT NULL;
				ALTER ROLE {role} BYPASSRLS;`,
			want: []string{
				"TV401 public.items", "TV401 public.orders",
				"TV402 public.invoices", "TV402 public.items", "TV402 public.notes",
				"TV403 public.notes",
				"TV404 role {role}",
			},
		},
		{
			// A change that PostgreSQL makes to every dependent policy,
			// renaming a column, is drift only where the migrations
			// did not make it too: here they did not.
			name: "column renamed by hand",
			hand: `ALTER TABLE orders RENAME COLUMN status TO state;`,
			want: []string{"TV402 public.orders"},
		},
		{
			// The policies compare equal; what they call does not.
			name: "function replaced by hand",
			hand: `CREATE OR REPLACE FUNCTION current_tenant() RETURNS uuid LANGUAGE sql STABLE AS $$ SELECT NULL::uuid $$;`,
			want: []string{"TV407 function public.current_tenant()"},
		},
		{
			name: "table dropped and superuser made by hand",
			hand: `DROP TABLE notes; ALTER ROLE {role} SUPERUSER;`,
			want: []string{"TV401 public.notes", "TV404 role {role}"},
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			role := fmt.Sprintf("tv_drift_%d", time.Now().UnixNano())
			db := srv.CreateDB(t)
			t.Cleanup(func() {
				srv.Exec(t, "postgres", "DROP DATABASE "+db)
				srv.Exec(t, "postgres", "DROP ROLE IF EXISTS "+role)
			})
			files := []sqlcheck.MigrationFile{{Path: "1.sql", SQL: strings.ReplaceAll(driftMigrations, "{role}", role)}}
			srv.Exec(t, db, files[0].SQL)
			if c.hand != "" {
				srv.Exec(t, db, strings.ReplaceAll(c.hand, "{role}", role))
			}
			mig, err := sqlcheck.LoadCatalog(files)
			if err != nil {
				t.Fatal(err)
			}
			snap := readLive(t, srv.DSN(db))
			fs := (&sqlcheck.Tenancy{Columns: []string{"tenant_id"}, Catalog: mig}).Drift(snap.Catalog)
			var got, lines []string
			for _, f := range fs {
				got = append(got, f.ID+" "+f.Table)
				lines = append(lines, f.String())
			}
			slices.Sort(got)
			var want []string
			for _, w := range c.want {
				want = append(want, strings.ReplaceAll(w, "{role}", role))
			}
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("drift found %q, want %q:\n%s\nthe live catalog:\n%s", got, want, strings.Join(lines, "\n"), snap.SQL)
			}
		})
	}
}

// TestDriftPostgresPrinting applies policies of many forms to a real
// server and checks that each, as pg_get_expr prints it, compares equal
// with itself as the migrations wrote it: the forms that PostgreSQL's
// analyser rewrites (IN lists with and without columns, BETWEEN
// SYMMETRIC, row comparisons, IS NOT DISTINCT FROM, SIMILAR TO, numbers
// it prints as quoted constants), the SQL-syntax functions it prints in
// capitals, subqueries it qualifies and aliases, and casts everywhere.
func TestDriftPostgresPrinting(t *testing.T) {
	srv := pgtest.Start(t)
	exprs := []string{
		"tenant_id IN (other_id, current_setting('a')::uuid)",
		"tenant_id IN (other_id, owner_id)",
		"(tenant_id, other_id) = (owner_id, owner_id)",
		"tenant_id = ANY (string_to_array(current_setting('a'), ',')::uuid[])",
		"n = -1 OR n > 1.5 OR n < 1e3",
		"name = 'x' COLLATE \"C\"",
		"name SIMILAR TO 'a%'",
		"name IS NOT DISTINCT FROM 'x'",
		"NOT (name IS NULL) AND flag IS TRUE",
		"flag",
		"coalesce(name, '') <> '' AND nullif(name, 'x') IS NOT NULL",
		"CASE WHEN flag THEN n > 0 ELSE false END",
		"extract(year FROM created) > 2000",
		"created > now() - interval '1 day'",
		"created > current_timestamp AND created::date < current_date",
		"name = current_user OR name = session_user OR name = current_role",
		"tenant_id IN (SELECT m.tenant_id FROM members m JOIN orgs o ON o.id = m.org_id WHERE m.user_name = current_user)",
		"tenant_id IN (SELECT tenant_id FROM members UNION SELECT id FROM orgs)",
		"EXISTS (SELECT FROM members WHERE members.tenant_id = t.tenant_id LIMIT 1)",
		"tenant_id = (SELECT current_setting('a')::uuid)",
		"n BETWEEN SYMMETRIC 1 AND 2",
		"name LIKE ANY (ARRAY['a%', 'b%'])",
		"name ~ '^a' AND name !~~* 'b'",
		"n IN (1, 2, 3) AND n NOT IN (4)",
		"name = ANY ('{a,b}')",
		"tenant_id = public.tenant()",
		"lower(name) = lower(current_setting('a'))",
		"substring(name from 1 for 2) = 'ab'",
		"position('a' in name) > 0 AND trim(both ' ' from name) <> ''",
		"n::text || name = 'x'",
		"ARRAY[n] && ARRAY[1, 2]",
		"tenant_id = ANY (ARRAY(SELECT tenant_id FROM members))",
		"(SELECT count(*) FROM members) > 0",
		"name = E'a\\'b'",
		"greatest(n, 0) > least(n, 10)",
		"row(n, name) IS NOT NULL",
		"name IN ('a')",
		"NOT (n = 1 AND n = 2)",
		"n = 1 OR n = 2 OR n = 3",
		"tenant_id::text = current_setting('a', true)",
		"current_setting('a', true) IS NOT NULL AND current_setting('a', true) <> ''",
		"tenant_id = (current_setting('request.jwt.claims', true)::jsonb ->> 'tenant_id')::uuid",
		"name = 'it''s'",
		"n = 2147483648",
		"n = 1.0::numeric",
	}
	var b strings.Builder
	b.WriteString(`CREATE FUNCTION tenant() RETURNS uuid LANGUAGE sql AS $$ SELECT NULL::uuid $$;
CREATE TABLE orgs (id uuid);
CREATE TABLE members (user_name text, tenant_id uuid, org_id uuid);
CREATE TABLE t (tenant_id uuid NOT NULL, other_id uuid, owner_id uuid, n int, name text, flag boolean, created timestamptz);
ALTER TABLE t ENABLE ROW LEVEL SECURITY;
`)
	for i, e := range exprs {
		fmt.Fprintf(&b, "CREATE POLICY p%d ON t USING (%s) WITH CHECK (%s);\n", i, e, e)
	}
	db := srv.CreateDB(t)
	srv.Exec(t, db, b.String())
	mig, err := sqlcheck.LoadCatalog([]sqlcheck.MigrationFile{{Path: "1.sql", SQL: b.String()}})
	if err != nil {
		t.Fatal(err)
	}
	snap := readLive(t, srv.DSN(db))
	if got := len(snap.Catalog.Table(sqlcheck.QName{Schema: "public", Name: "t"}).Policies); got != len(exprs) {
		t.Fatalf("the live catalog has %d policies on t, want %d", got, len(exprs))
	}
	for _, f := range (&sqlcheck.Tenancy{Columns: []string{"tenant_id"}, Catalog: mig}).Drift(snap.Catalog) {
		t.Error(f)
	}
}
