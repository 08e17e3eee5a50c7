package sqlcheck_test

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tenantvet/tenantvet/internal/pgtest"
	"github.com/tenantvet/tenantvet/sqlcheck"
)

var (
	randomSeed = flag.Uint64("random.seed", 20261203, "seed of TestRandomCatalogMatchesPostgres")
	randomRuns = flag.Int("random.runs", 60, "statement sequences that TestRandomCatalogMatchesPostgres tries")
)

// TestRandomCatalogMatchesPostgres is TestCatalogMatchesPostgres on random
// statement sequences: each sequence is applied to the real server one
// statement at a time, the statements PostgreSQL rejects are left out, and
// the rest are replayed and compared through pg_catalog. The seed is fixed,
// so a failure repeats; -random.seed and -random.runs explore further.
//
// The statements draw on a few tables and columns, so that they collide:
// keys, indexes, LIKE, inheritance and partitions, renames, drops with and
// without CASCADE, row-level security switches and policies whose
// expressions read other tables, column defaults, and grants, revokes and
// default privileges. What the generator leaves out, the replay
// does not model:
//   - views that read columns (a view here selects a constant), since the
//     replay does not record which columns a view depends on;
//   - a column that a child defines itself and also inherits, which
//     survives its parent's DROP COLUMN.
func TestRandomCatalogMatchesPostgres(t *testing.T) {
	start := time.Now()
	srv := pgtest.Start(t)
	srv.Exec(t, "postgres", "CREATE ROLE tv_reader") // the generator's grantee besides PUBLIC
	const length = 40
	var total counts
	accepted := 0
	for run := range *randomRuns {
		rng := rand.New(rand.NewPCG(*randomSeed, uint64(run)))
		stmts := (&generator{rng: rng}).sequence(length)
		db := srv.CreateDB(t)
		kept := applyAccepted(t, srv, db, stmts)
		accepted += len(kept)
		name := fmt.Sprintf("seed %d run %d", *randomSeed, run)
		cat, err := sqlcheck.LoadCatalog([]sqlcheck.MigrationFile{{Path: "random.sql", SQL: strings.Join(kept, "\n")}})
		if err != nil {
			t.Errorf("%s: replaying what PostgreSQL accepted: %v\n%s", name, err, strings.Join(kept, "\n"))
			continue
		}
		c := compareRelations(t, name, fromCatalog(cat), fromPostgres(t, srv, db))
		total.add(c)
		files := []sqlcheck.MigrationFile{{Path: "random.sql", SQL: strings.Join(kept, "\n")}}
		compareLiveDrift(t, readLive(t, srv.DSN(db)), files, cat)
		if t.Failed() {
			t.Fatalf("%s: the statements PostgreSQL accepted:\n%s", name, strings.Join(kept, "\n"))
		}
		srv.Exec(t, "postgres", "DROP DATABASE "+db)
	}
	t.Logf("%d sequences, %d of %d statements accepted: compared %d relations, %d policies, %d indexes in %v",
		total.sets, accepted, total.sets*length, total.relations, total.policies, total.indexes, time.Since(start).Round(time.Millisecond))
	if total.policies == 0 || total.indexes == 0 || accepted < total.sets*length/4 {
		t.Errorf("the generator hardly exercises the replay; change it")
	}
}

// applyAccepted applies stmts to db one at a time, each in a transaction
// of its own, and returns those PostgreSQL accepted. One psql run does it:
// a DO block runs each statement and logs a rejection in a table of a
// schema that is dropped before the comparison.
func applyAccepted(t *testing.T, srv *pgtest.Server, db string, stmts []string) []string {
	t.Helper()
	var script strings.Builder
	script.WriteString("CREATE SCHEMA tv_random;\nCREATE TABLE tv_random.rejected (n int);\n")
	for i, s := range stmts {
		if strings.Contains(s, "$") {
			t.Fatalf("statement %q holds a $, which the DO block's quoting cannot take", s)
		}
		fmt.Fprintf(&script, "DO $tv$ BEGIN EXECUTE $s$%s$s$; EXCEPTION WHEN OTHERS THEN INSERT INTO tv_random.rejected VALUES (%d); END $tv$;\n", s, i)
	}
	srv.Exec(t, db, script.String())
	rejected := map[int]bool{}
	for _, row := range srv.Query(t, db, "SELECT n FROM tv_random.rejected") {
		n, err := strconv.Atoi(row[0])
		if err != nil {
			t.Fatal(err)
		}
		rejected[n] = true
	}
	srv.Exec(t, db, "DROP SCHEMA tv_random CASCADE")
	var kept []string
	for i, s := range stmts {
		if !rejected[i] {
			kept = append(kept, s+";")
		}
	}
	return kept
}

// generator writes random DDL over a small universe of names.
type generator struct{ rng *rand.Rand }

var (
	randomTables   = []string{"t0", "t1", "t2", "t3"}
	randomChildren = []string{"k0", "k1", "k2"} // made by INHERITS and PARTITION OF alone, so that they are made
	randomAll      = append(slices.Clip(randomTables), randomChildren...)
	randomColumns  = []string{"a", "b", "c", "tenant_id"}
	randomPolicies = []string{"p0", "p1", "p2"}
	randomIndexes  = []string{"i0", "i1"}
)

func (g *generator) pick(s []string) string { return s[g.rng.IntN(len(s))] }
func (g *generator) maybe(s string) string {
	if g.rng.IntN(2) == 0 {
		return s
	}
	return ""
}

func (g *generator) sequence(n int) []string {
	stmts := make([]string, n)
	for i := range stmts {
		stmts[i] = g.statement()
	}
	return stmts
}

func (g *generator) statement() string {
	t, u := g.pick(randomAll), g.pick(randomAll)
	top, child := g.pick(randomTables), g.pick(randomChildren)
	col, col2 := g.pick(randomColumns), g.pick(randomColumns)
	switch g.rng.IntN(27) {
	case 0, 1, 2:
		var extra []string
		if g.rng.IntN(2) == 0 {
			extra = append(extra, "PRIMARY KEY (tenant_id, a)")
		}
		if g.rng.IntN(3) == 0 {
			extra = append(extra, "UNIQUE (tenant_id, b)")
		}
		return fmt.Sprintf("CREATE TABLE %s%s (tenant_id uuid NOT NULL, a int, b int%s)",
			g.maybe("IF NOT EXISTS "), top, strings.Join(append([]string{""}, extra...), ", "))
	case 3:
		opt := g.pick([]string{"", " INCLUDING ALL", " INCLUDING INDEXES", " INCLUDING ALL EXCLUDING INDEXES", " INCLUDING CONSTRAINTS"})
		return fmt.Sprintf("CREATE TABLE %s (LIKE %s%s%s)", top, u, opt, g.maybe(", c int"))
	case 4, 21, 22:
		return fmt.Sprintf("CREATE TABLE %s (c int) INHERITS (%s)", child, u)
	case 5, 23:
		if g.rng.IntN(2) == 0 {
			return "CREATE TABLE t0 (tenant_id uuid NOT NULL, a int, b int) PARTITION BY LIST (a)"
		}
		return fmt.Sprintf("CREATE TABLE %s PARTITION OF t0 FOR VALUES IN (%d)", child, g.rng.IntN(3))
	case 6:
		return fmt.Sprintf("ALTER TABLE %s%s ADD COLUMN %s%s int%s", g.maybe("ONLY "), t, g.maybe("IF NOT EXISTS "), col, g.maybe(" NOT NULL"))
	case 7:
		return fmt.Sprintf("ALTER TABLE %s%s DROP COLUMN %s%s%s", g.maybe("ONLY "), t, g.maybe("IF EXISTS "), col, g.maybe(" CASCADE"))
	case 8:
		return fmt.Sprintf("ALTER TABLE %s RENAME %s TO %s", t, col, col2)
	case 9:
		return fmt.Sprintf("ALTER TABLE %s RENAME TO %s", t, u)
	case 10:
		return fmt.Sprintf("ALTER TABLE %s%s ALTER COLUMN %s %s NOT NULL", g.maybe("ONLY "), t, col, g.pick([]string{"SET", "DROP"}))
	case 11, 12:
		return fmt.Sprintf("ALTER TABLE %s %s ROW LEVEL SECURITY", t, g.pick([]string{"ENABLE", "DISABLE", "FORCE", "NO FORCE"}))
	case 13, 14, 15:
		return g.policy(t, u)
	case 16:
		return fmt.Sprintf("DROP POLICY %s%s ON %s", g.maybe("IF EXISTS "), g.pick(randomPolicies), t)
	case 17:
		return fmt.Sprintf("ALTER POLICY %s ON %s RENAME TO %s", g.pick(randomPolicies), t, g.pick(randomPolicies))
	case 18:
		name := g.pick(append(slices.Clip(randomIndexes), ""))
		return fmt.Sprintf("CREATE %sINDEX %s ON %s (%s%s)", g.maybe("UNIQUE "), name, t, col, g.maybe(", "+col2))
	case 19:
		switch g.rng.IntN(4) {
		case 0:
			return fmt.Sprintf("DROP INDEX %s%s", g.maybe("IF EXISTS "), g.pick(randomIndexes))
		case 1:
			return fmt.Sprintf("ALTER INDEX %s RENAME TO %s", g.pick(randomIndexes), g.pick(randomIndexes))
		case 2:
			return fmt.Sprintf("ALTER TABLE %s ADD %s%s (%s)", t, g.maybe("CONSTRAINT k0 "), g.pick([]string{"PRIMARY KEY", "UNIQUE"}), col)
		}
		return fmt.Sprintf("ALTER TABLE %s DROP CONSTRAINT %s", t, g.pick([]string{"k0", t + "_pkey", t + "_" + col + "_key", t + "_tenant_id_b_key"}))
	case 24:
		if g.rng.IntN(3) == 0 {
			return fmt.Sprintf("ALTER TABLE %s%s ADD COLUMN %s int DEFAULT %s", g.maybe("ONLY "), t, col, g.pick([]string{"1", "NULL"}))
		}
		return fmt.Sprintf("ALTER TABLE %s%s ALTER COLUMN %s %s", g.maybe("ONLY "), t, col,
			g.pick([]string{"SET DEFAULT 0", "SET DEFAULT NULL::int", "DROP DEFAULT", "SET DEFAULT current_setting('app.tenant_id')::uuid"}))
	case 25:
		privs := g.pick([]string{"SELECT", "INSERT, UPDATE", "ALL", "TRUNCATE"})
		target := g.pick([]string{t, "ALL TABLES IN SCHEMA public"})
		switch g.rng.IntN(3) {
		case 0:
			return fmt.Sprintf("GRANT %s ON %s TO %s", privs, target, g.pick([]string{"PUBLIC", "tv_reader"}))
		case 1:
			return fmt.Sprintf("REVOKE %s ON %s FROM %s", privs, target, g.pick([]string{"PUBLIC", "tv_reader"}))
		}
		action := g.pick([]string{"GRANT %s ON TABLES TO PUBLIC", "REVOKE %s ON TABLES FROM PUBLIC"})
		return fmt.Sprintf("ALTER DEFAULT PRIVILEGES %s"+action, g.maybe("IN SCHEMA public "), privs)
	case 20:
		if g.rng.IntN(2) == 0 {
			return fmt.Sprintf("CREATE VIEW v%d AS SELECT 1 AS one FROM %s", g.rng.IntN(2), t)
		}
		return fmt.Sprintf("DROP VIEW %sv%d%s", g.maybe("IF EXISTS "), g.rng.IntN(2), g.maybe(" CASCADE"))
	}
	return fmt.Sprintf("DROP TABLE %s%s%s", g.maybe("IF EXISTS "), t, g.maybe(" CASCADE"))
}

// policy writes a CREATE POLICY whose expressions use columns of its own
// table and, through subqueries, of another. A subquery never reads the
// policy's own table, which PostgreSQL would deparse under an alias.
func (g *generator) policy(t, u string) string {
	if u == t {
		u = randomAll[(slices.Index(randomAll, t)+1)%len(randomAll)]
	}
	expr := func() string {
		switch g.rng.IntN(4) {
		case 0:
			return "tenant_id = current_setting('app.tenant_id')::uuid"
		case 1:
			return g.pick(randomColumns[:3]) + " > 0"
		case 2:
			return fmt.Sprintf("tenant_id IN (SELECT %s.tenant_id FROM %s WHERE %s.%s > 0)", u, u, u, g.pick(randomColumns[:3]))
		}
		return fmt.Sprintf("EXISTS (SELECT 1 FROM %s WHERE %s.tenant_id = %s.tenant_id)", u, u, t)
	}
	s := fmt.Sprintf("CREATE POLICY %s ON %s", g.pick(randomPolicies), t)
	if g.rng.IntN(3) == 0 {
		s += " AS RESTRICTIVE"
	}
	cmd := g.pick([]string{"ALL", "SELECT", "INSERT", "UPDATE", "DELETE"})
	s += " FOR " + cmd
	if cmd != "INSERT" {
		s += " USING (" + expr() + ")"
	}
	if cmd == "ALL" || cmd == "INSERT" || cmd == "UPDATE" && g.rng.IntN(2) == 0 {
		s += " WITH CHECK (" + expr() + ")"
	}
	return s
}
