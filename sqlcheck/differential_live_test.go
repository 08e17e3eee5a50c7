package sqlcheck_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	pg_query "github.com/pganalyze/pg_query_go/v5"

	"github.com/tenantvet/tenantvet/livedb"
	"github.com/tenantvet/tenantvet/sqlcheck"
)

// This file holds TestCatalogMatchesPostgres's comparisons through livedb:
// the findings of the migration rules on the live catalog, and the drift
// between the replay and the live catalog, which must be none.

// liveColumns are the tenant columns of every set, for the comparison of
// findings: both sides use the same.
var liveColumns = []string{"tenant_id", "tenantId", "org_id", "organization_id", "nid", "account_id"}

// compareLiveFindings checks that the migration rules find on the live
// database (livedb) what they find on the replay of its migrations: the
// same checks on the same objects. What only the migrations hold is left
// out: their history (a table that TV207 reports, as switched off by a
// later migration, is what TV201 to TV203 report on the live database),
// their -- tenantvet:ignore directives, and the role that CURRENT_USER
// names, the bootstrap superuser, which livedb leaves out.
func compareLiveFindings(t *testing.T, snap *livedb.Snapshot, files []sqlcheck.MigrationFile, replayed *sqlcheck.Catalog) {
	t.Helper()
	if slices.ContainsFunc(files, func(f sqlcheck.MigrationFile) bool { return strings.Contains(f.SQL, sqlcheck.DirectivePrefix) }) {
		return
	}
	history := map[string]bool{}
	for _, f := range (&sqlcheck.Tenancy{Columns: liveColumns, Catalog: replayed}).CheckMigrations() {
		if f.ID == sqlcheck.RLSSwitchedOff {
			history[f.Table] = true
		}
	}
	found := func(cat *sqlcheck.Catalog) []string {
		var out []string
		for _, f := range (&sqlcheck.Tenancy{Columns: liveColumns, Catalog: cat}).CheckMigrations() {
			if !history[f.Table] && !(f.ID == sqlcheck.BypassRole && strings.Contains(strings.ToLower(f.Message), "current_user")) {
				out = append(out, f.ID+" "+f.Table)
			}
		}
		slices.Sort(out)
		return out
	}
	if got, want := found(snap.Catalog), found(replayed); !slices.Equal(got, want) {
		t.Errorf("findings on the live catalog differ from the replay's:\nonly live   %q\nonly replay %q\nthe catalog as replayed:\n%s",
			without(got, want), without(want, got), snap.SQL)
	}
}

// readLive reads the schema of the database at dsn with livedb.
func readLive(t *testing.T, dsn string) *livedb.Snapshot {
	t.Helper()
	ctx := context.Background()
	conn, err := livedb.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	snap, err := livedb.Read(ctx, conn)
	if err != nil {
		t.Fatalf("%v\n%s", err, snapshotSQL(snap))
	}
	return snap
}

// compareLiveDrift checks that a migration set applied unchanged has not
// drifted: Drift of the replay against the live database finds nothing.
// This is the test of Drift's normal form of policy expressions, over
// every policy of the corpus as pg_get_expr prints it.
//
// Roles are cluster-wide, and the bootstrap superuser aside, any that
// bypasses row-level security live is one the set made so: the test drops
// the set's roles when it is done. TV404 is still only trusted for the
// roles the set creates or alters, so that a role left behind by something
// else on the server cannot fail an unrelated set.
func compareLiveDrift(t *testing.T, snap *livedb.Snapshot, files []sqlcheck.MigrationFile, replayed *sqlcheck.Catalog) {
	t.Helper()
	roles := alteredRoles(t, files)
	var drift []string
	for _, f := range (&sqlcheck.Tenancy{Columns: liveColumns, Catalog: replayed}).Drift(snap.Catalog) {
		if name, ok := strings.CutPrefix(f.Table, "role "); ok && !roles[name] {
			continue
		}
		drift = append(drift, f.ID+" "+f.Table+": "+f.Message)
	}
	if len(drift) > 0 {
		t.Errorf("the set applied unchanged drifts from its migrations:\n%s\nthe catalog as replayed:\n%s", strings.Join(drift, "\n"), snap.SQL)
	}
}

// alteredRoles lists the roles that a set creates or alters.
func alteredRoles(t *testing.T, files []sqlcheck.MigrationFile) map[string]bool {
	t.Helper()
	roles := createdRoles(t, files)
	for _, f := range files {
		tree, err := pg_query.Parse(f.SQL)
		if err != nil {
			t.Fatalf("%s: %v", f.Path, err)
		}
		for _, s := range tree.Stmts {
			if ar := s.Stmt.GetAlterRoleStmt(); ar != nil {
				roles[ar.GetRole().GetRolename()] = true
			}
		}
	}
	return roles
}

// without returns the elements of a that b lacks, counting repeats.
func without(a, b []string) []string {
	left := slices.Clone(b)
	var out []string
	for _, x := range a {
		if i := slices.Index(left, x); i >= 0 {
			left = slices.Delete(left, i, i+1)
		} else {
			out = append(out, x)
		}
	}
	return out
}

func snapshotSQL(s *livedb.Snapshot) string {
	if s == nil {
		return ""
	}
	return s.SQL
}
