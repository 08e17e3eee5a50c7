package sqlcheck_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tenantvet/tenantvet/internal/pgtest"
	"github.com/tenantvet/tenantvet/livedb"
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
CREATE POLICY notes_tenant ON notes FOR SELECT USING (tenant_id = current_setting('app.tenant_id')::uuid);
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
			ctx := context.Background()
			conn, err := livedb.Connect(ctx, srv.DSN(db))
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close(ctx)
			snap, err := livedb.Read(ctx, conn)
			if err != nil {
				t.Fatal(err)
			}
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
