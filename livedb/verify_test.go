package livedb

import (
	"context"
	"strings"
	"testing"

	"github.com/tenantvet/tenantvet/internal/pgtest"
	"github.com/tenantvet/tenantvet/sqlcheck"
)

// TestVerify checks that a replay which lost a table, or a table's
// row-level security or policies, is an error and not a smaller catalog
// that every check then passes.
func TestVerify(t *testing.T) {
	srv := pgtest.Start(t)
	db := srv.CreateDB(t)
	srv.Exec(t, db, `
CREATE SCHEMA "Odd";
CREATE TABLE "Odd"."T" (tenant_id uuid NOT NULL);
ALTER TABLE "Odd"."T" ENABLE ROW LEVEL SECURITY;
CREATE POLICY p ON "Odd"."T" USING (tenant_id = current_setting('app.tenant_id')::uuid);
CREATE VIEW v AS SELECT 1 AS one;
`)
	ctx := context.Background()
	conn, err := Connect(ctx, srv.DSN(db))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	tx, err := conn.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx)
	for _, tc := range []struct{ sql, want string }{
		{`CREATE VIEW v AS SELECT 1 AS one;`, "lost what the database has, so the checks would skip it: Odd.T"},
		{`CREATE SCHEMA "Odd"; CREATE TABLE "Odd"."T" (tenant_id uuid NOT NULL); CREATE VIEW v AS SELECT 1 AS one;`,
			"Odd.T (row-level security true, forced false, 1 policies; replayed false, false, 0)"},
		{`CREATE SCHEMA "Odd"; CREATE TABLE "Odd"."T" (tenant_id uuid NOT NULL); ALTER TABLE "Odd"."T" ENABLE ROW LEVEL SECURITY;
			CREATE POLICY p ON "Odd"."T" USING (true);`, "public.v"},
		{`CREATE SCHEMA "Odd"; CREATE TABLE "Odd"."T" (tenant_id uuid NOT NULL); ALTER TABLE "Odd"."T" ENABLE ROW LEVEL SECURITY;
			CREATE POLICY p ON "Odd"."T" USING (true); CREATE VIEW v AS SELECT 1 AS one;`, ""},
	} {
		cat, err := sqlcheck.LoadCatalog([]sqlcheck.MigrationFile{{Path: "t.sql", SQL: tc.sql}})
		if err != nil {
			t.Fatal(err)
		}
		err = verify(ctx, tx, cat)
		if tc.want == "" && err != nil || tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)) {
			t.Errorf("replay %q: got %v, want %q", tc.sql, err, tc.want)
		}
	}
}
