package livedb_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/tenantvet/tenantvet/internal/pgtest"
	"github.com/tenantvet/tenantvet/livedb"
	"github.com/tenantvet/tenantvet/sqlcheck"
)

// readSnapshot reads the schema of the database at dsn.
func readSnapshot(t *testing.T, dsn string) *livedb.Snapshot {
	t.Helper()
	ctx := context.Background()
	conn, err := livedb.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	snap, err := livedb.Read(ctx, conn)
	if err != nil {
		t.Fatal(err)
	}
	return snap
}

// TestReadSearchPath checks that the snapshot does not depend on the
// session's search_path. The deparsers leave out the schema of what the
// search_path finds, and the replay takes an unqualified name for public,
// so a schema on the path, as "$user" is when a schema has the connecting
// user's name, once made a partition or an inheriting table refer to a
// parent the replay did not know, and the table, with its row-level
// security and policies, silently fell out of the catalog.
func TestReadSearchPath(t *testing.T) {
	srv := pgtest.Start(t)
	db := srv.CreateDB(t)
	srv.Exec(t, db, `
CREATE SCHEMA app;
CREATE TABLE app.parent (tenant_id uuid NOT NULL, k int) PARTITION BY LIST (k);
CREATE TABLE app.part1 PARTITION OF app.parent FOR VALUES IN (1);
CREATE TABLE app.base (tenant_id uuid NOT NULL);
CREATE TABLE app.child (x int) INHERITS (app.base);
CREATE VIEW app.v AS SELECT tenant_id FROM app.base;
ALTER DATABASE `+db+` SET search_path = app, public;
`)
	snap := readSnapshot(t, srv.DSN(db))
	tenancy := &sqlcheck.Tenancy{Columns: []string{"tenant_id"}, Catalog: snap.Catalog}
	tables := tenancy.TenantTables()
	for _, name := range []string{"parent", "part1", "base", "child"} {
		q := sqlcheck.QName{Schema: "app", Name: name}
		if snap.Catalog.Table(q) == nil || !slices.Contains(tables, q) {
			t.Errorf("app.%s is not a tenant table of the snapshot; it replayed:\n%s", name, snap.SQL)
		}
	}
}

// TestReadOrder checks that a table is replayed after the tables it
// inherits from or is a partition of, whatever order they were created
// in: the replay skips a partition of a parent it does not know yet, so a
// partition attached to a later table once fell out of the catalog with
// its policies.
func TestReadOrder(t *testing.T) {
	srv := pgtest.Start(t)
	db := srv.CreateDB(t)
	srv.Exec(t, db, `
CREATE TABLE leaf (tenant_id uuid NOT NULL, k int, j int);
CREATE TABLE mid (tenant_id uuid NOT NULL, k int, j int) PARTITION BY LIST (j);
CREATE TABLE top (tenant_id uuid NOT NULL, k int, j int) PARTITION BY LIST (k);
ALTER TABLE top ATTACH PARTITION mid FOR VALUES IN (1);
ALTER TABLE mid ATTACH PARTITION leaf FOR VALUES IN (1);
CREATE TABLE child (tenant_id uuid NOT NULL, x int);
CREATE TABLE base (tenant_id uuid NOT NULL);
ALTER TABLE child INHERIT base;
`)
	snap := readSnapshot(t, srv.DSN(db))
	tables := (&sqlcheck.Tenancy{Columns: []string{"tenant_id"}, Catalog: snap.Catalog}).TenantTables()
	for _, name := range []string{"leaf", "mid", "top", "child", "base"} {
		if !slices.Contains(tables, sqlcheck.QName{Schema: "public", Name: name}) {
			t.Errorf("%s is not a tenant table of the snapshot; it replayed:\n%s", name, snap.SQL)
		}
	}
	if i, j := strings.Index(snap.SQL, "TABLE public.base"), strings.Index(snap.SQL, "TABLE public.child"); i < 0 || j < i {
		t.Errorf("child is replayed before base, which it inherits from:\n%s", snap.SQL)
	}
}
