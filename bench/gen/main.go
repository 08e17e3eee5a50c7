// Command gen writes a synthetic Go module for tenantvet's end-to-end
// benchmark (bench/run.sh): N packages that send M queries in all through
// database/sql, over T tenant tables that the module's migrations create
// with row-level security.
//
//	go run ./bench/gen -dir /tmp/synth -packages 100 -queries 4000 -tables 60 -migrations 100
//
// The module has no dependencies outside the standard library, so it
// builds offline. The queries are a realistic mix (joins, CTEs, EXISTS and
// IN subqueries, window functions, inserts, upserts, INSERT … SELECT,
// updates and deletes); about nine in ten are scoped to one tenant and the
// rest leak, so tenantvet has findings to report. One call in six goes
// through a logging wrapper in another package, which tenantvet follows by
// its go/analysis facts, and one in five uses a package-level constant.
// The output is a pure function of the flags.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

func main() {
	dir := flag.String("dir", "", "directory to write the module into (required; created, must be empty or absent)")
	packages := flag.Int("packages", 20, "number of Go packages with queries")
	queries := flag.Int("queries", 1000, "number of queries in all, spread over the packages")
	tables := flag.Int("tables", 20, "number of tenant tables")
	migrations := flag.Int("migrations", 20, "number of migration files")
	flag.Parse()
	if *dir == "" || *packages < 1 || *queries < *packages || *tables < 2 || *migrations < 1 {
		flag.Usage()
		os.Exit(2)
	}
	if entries, err := os.ReadDir(*dir); err == nil && len(entries) > 0 {
		log.Fatalf("gen: %s is not empty", *dir)
	}
	g := &gen{dir: *dir, tables: tableNames(*tables)}
	g.module()
	g.migrations(*migrations)
	g.wrapper()
	for p := range *packages {
		// Spread the queries evenly: the first queries%packages packages get one more.
		n := *queries / *packages
		if p < *queries%*packages {
			n++
		}
		g.pkg(p, n)
	}
	fmt.Printf("gen: %s: %d packages, %d queries (%d leaking), %d tenant tables, %d migration files\n",
		*dir, *packages, g.queries, g.leaks, *tables, *migrations)
}

type gen struct {
	dir     string
	tables  []string
	queries int // queries written so far; also the global query index
	leaks   int
}

func (g *gen) write(rel, content string) {
	path := filepath.Join(g.dir, rel)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		log.Fatal(err)
	}
}

var nouns = []string{"orders", "invoices", "customers", "shipments", "payments", "tickets",
	"projects", "documents", "events", "subscriptions", "contacts", "accounts"}

// tableNames names the tenant tables orders_0, invoices_1, ….
func tableNames(n int) []string {
	names := make([]string, n)
	for i := range names {
		names[i] = fmt.Sprintf("%s_%d", nouns[i%len(nouns)], i)
	}
	return names
}

func (g *gen) module() {
	g.write("go.mod", "module bench.example/synth\n\ngo 1.22\n")
	g.write(".tenantvet.yaml", "# Written by tenantvet's bench/gen.\ntenant_column: tenant_id\nmigrations: [db/migrations]\n")
	// The migrations package embeds the files, as services that migrate at
	// start-up do; it is the package that reports the migration checks.
	g.write("db/migrations/migrations.go", `// Package migrations embeds the goose migrations.
package migrations

import "embed"

// FS holds the migration files.
//
//go:embed *.sql
var FS embed.FS
`)
}

// migrations writes n goose migration files. The tenant tables are spread
// over them in order, each with its tenant index and row-level security;
// files beyond the tables alter earlier tables, as a schema's later life
// does. One deliberate mistake gives the migration checks something to
// report: one table's row-level security is not forced (TV202).
func (g *gen) migrations(n int) {
	var files []strings.Builder = make([]strings.Builder, n)
	for i := range files {
		files[i].WriteString("-- +goose Up\n")
	}
	down := make([][]string, n)
	// Shared, non-tenant tables come first.
	files[0].WriteString(`CREATE TABLE tenants (
    id   uuid PRIMARY KEY,
    slug text NOT NULL UNIQUE
);

CREATE TABLE plans (
    id    bigint PRIMARY KEY,
    name  text NOT NULL,
    price int NOT NULL
);

`)
	down[0] = append(down[0], "DROP TABLE plans;", "DROP TABLE tenants;")
	for t, name := range g.tables {
		f := t * n / len(g.tables) // spread the tables over the files
		b := &files[f]
		fmt.Fprintf(b, `CREATE TABLE %[1]s (
    id         bigint NOT NULL,
    tenant_id  uuid NOT NULL REFERENCES tenants (id),
    parent_id  bigint,
    plan_id    bigint REFERENCES plans (id),
    name       text NOT NULL,
    status     text NOT NULL DEFAULT 'open',
    total      int NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id)
);
`, name)
		fmt.Fprintf(b, "CREATE INDEX %[1]s_tenant_created ON %[1]s (tenant_id, created_at);\n", name)
		fmt.Fprintf(b, "ALTER TABLE %s ENABLE ROW LEVEL SECURITY;\n", name)
		if t != len(g.tables)/3 {
			fmt.Fprintf(b, "ALTER TABLE %s FORCE ROW LEVEL SECURITY;\n", name)
		}
		fmt.Fprintf(b, "CREATE POLICY tenant ON %s\n    USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);\n\n", name)
		down[f] = append(down[f], fmt.Sprintf("DROP TABLE %s;", name))
	}
	// Files that hold no table evolve an earlier one.
	for i := range files {
		if strings.Contains(files[i].String(), "CREATE TABLE") {
			continue
		}
		// Table t is created in file t*n/T, so table i*T/n is created at
		// or before file i.
		name := g.tables[i*len(g.tables)/n]
		fmt.Fprintf(&files[i], `ALTER TABLE %[1]s ADD COLUMN note_%[2]d text;
ALTER TABLE %[1]s ALTER COLUMN status SET NOT NULL;
CREATE INDEX %[1]s_note_%[2]d ON %[1]s (tenant_id, note_%[2]d);

`, name, i)
		down[i] = append(down[i], fmt.Sprintf("ALTER TABLE %s DROP COLUMN note_%d;", name, i),
			fmt.Sprintf("DROP INDEX %s_note_%d;", name, i))
	}
	for i := range files {
		files[i].WriteString("-- +goose Down\n")
		for j := len(down[i]) - 1; j >= 0; j-- {
			files[i].WriteString(down[i][j] + "\n")
		}
		g.write(fmt.Sprintf("db/migrations/%05d_step_%d.sql", i+1, i+1), files[i].String())
	}
}

// wrapper writes the logging wrapper that some calls go through.
func (g *gen) wrapper() {
	g.write("internal/dbx/dbx.go", `// Package dbx wraps database/sql with query timing.
package dbx

import (
	"context"
	"database/sql"
	"log"
	"time"
)

// Slow is the duration above which a query is logged.
var Slow = 200 * time.Millisecond

// Query runs a query and logs it when it is slow.
func Query(ctx context.Context, db *sql.DB, query string, args ...any) (*sql.Rows, error) {
	start := time.Now()
	rows, err := db.QueryContext(ctx, query, args...)
	if d := time.Since(start); d > Slow {
		log.Printf("slow query (%s): %s", d, query)
	}
	return rows, err
}

// Exec runs a statement and logs it when it is slow.
func Exec(ctx context.Context, db *sql.DB, query string, args ...any) (sql.Result, error) {
	start := time.Now()
	res, err := db.ExecContext(ctx, query, args...)
	if d := time.Since(start); d > Slow {
		log.Printf("slow statement (%s): %s", d, query)
	}
	return res, err
}
`)
}

// A template is one query shape. A and B are two related tenant tables;
// kind says how the Go code runs it.
type template struct {
	kind string // "rows", "row" or "exec"
	sql  string
	leak bool
}

var scoped = []template{
	{"rows", `SELECT a.id, a.name FROM {A} a JOIN {B} b ON b.id = a.parent_id AND b.tenant_id = a.tenant_id WHERE a.tenant_id = $1 AND a.status = $2 ORDER BY a.created_at DESC LIMIT 50`, false},
	{"rows", `WITH recent AS (SELECT id, tenant_id, total FROM {A} WHERE tenant_id = $1 AND created_at > $2) SELECT b.id, b.status FROM {B} b JOIN recent r ON r.id = b.parent_id AND b.tenant_id = r.tenant_id WHERE b.total > r.total`, false},
	{"rows", `SELECT a.id, a.name FROM {A} a WHERE a.tenant_id = $1 AND EXISTS (SELECT 1 FROM {B} b WHERE b.parent_id = a.id AND b.tenant_id = a.tenant_id AND b.status = $2)`, false},
	{"row", `SELECT id, name FROM {A} WHERE tenant_id = $1 AND id = $2`, false},
	{"exec", `INSERT INTO {A} (tenant_id, id, parent_id, name, status, total) VALUES ($1, $2, $3, $4, 'open', $5)`, false},
	{"rows", `SELECT b.id, b.name FROM {B} b WHERE b.tenant_id = $1 AND b.parent_id IN (SELECT id FROM {A} WHERE tenant_id = $1 AND status = $2)`, false},
	{"exec", `INSERT INTO {A} (tenant_id, id, name, total) VALUES ($1, $2, $3, $4) ON CONFLICT (tenant_id, id) DO UPDATE SET total = EXCLUDED.total, name = EXCLUDED.name`, false},
	{"exec", `UPDATE {A} SET status = $3, total = total + 1 WHERE tenant_id = $1 AND id = $2`, false},
	{"rows", `SELECT a.id, p.name FROM {A} a LEFT JOIN plans p ON p.id = a.plan_id WHERE a.tenant_id = $1 AND a.created_at BETWEEN $2 AND $3`, false},
	{"exec", `DELETE FROM {B} WHERE tenant_id = $1 AND parent_id = $2 AND status = 'cancelled'`, false},
	{"rows", `SELECT id, name FROM (SELECT id, name, row_number() OVER (PARTITION BY parent_id ORDER BY created_at DESC) AS rn FROM {A} WHERE tenant_id = $1) ranked WHERE rn = 1`, false},
	{"exec", `INSERT INTO {B} (tenant_id, id, parent_id, name) SELECT a.tenant_id, a.id + $2, a.id, a.name FROM {A} a WHERE a.tenant_id = $1 AND a.status = 'open'`, false},
	{"row", `SELECT count(*), coalesce(sum(total), 0)::int FROM {A} WHERE tenant_id = $1 AND status = ANY($2::text[])`, false},
	{"exec", `UPDATE {B} b SET total = a.total FROM {A} a WHERE a.id = b.parent_id AND a.tenant_id = b.tenant_id AND b.tenant_id = $1 AND a.id = $2`, false},
	{"rows", `SELECT status, id FROM {A} WHERE tenant_id = $1 UNION ALL SELECT status, id FROM {B} WHERE tenant_id = $1 ORDER BY 1`, false},
}

var leaks = []template{
	{"row", `SELECT id, name FROM {A} WHERE id = $1`, true},
	{"exec", `UPDATE {A} SET status = 'closed' WHERE id = $1 AND tenant_id = $2 OR status = 'stale'`, true},
	{"exec", `INSERT INTO {B} (id, parent_id, name) VALUES ($1, $2, $3)`, true},
	{"rows", `SELECT a.id, a.name FROM {A} a JOIN {B} b ON b.id = a.parent_id WHERE a.tenant_id = $1`, true},
	{"exec", `DELETE FROM {A} WHERE created_at < $1`, true},
}

var placeholder = regexp.MustCompile(`\$(\d+)`)

// params is the number of parameters that sql uses.
func params(sql string) int {
	n := 0
	for _, m := range placeholder.FindAllStringSubmatch(sql, -1) {
		if k, _ := strconv.Atoi(m[1]); k > n {
			n = k
		}
	}
	return n
}

// pkg writes package p with n queries, in files of at most 25 functions.
func (g *gen) pkg(p, n int) {
	name := fmt.Sprintf("p%03d", p)
	g.write(fmt.Sprintf("internal/%s/store.go", name), fmt.Sprintf(`// Package %[1]s is one of the synthetic module's stores.
package %[1]s

import "database/sql"

// Store runs the package's queries.
type Store struct{ DB *sql.DB }

// Row is what the queries read.
type Row struct {
	ID   int64
	Name string
}
`, name))
	for file := 0; n > 0; file++ {
		k := min(n, 25)
		n -= k
		g.file(name, file, k)
	}
}

func (g *gen) file(pkg string, file, n int) {
	var b, consts strings.Builder
	imports := map[string]bool{"context": true}
	for range n {
		i := g.queries
		g.queries++
		t := scoped[i%len(scoped)]
		if i%10 == 7 { // one query in ten leaks
			t = leaks[(i/10)%len(leaks)]
			g.leaks++
		}
		// A and B are neighbours, and every table is both, in turn; the
		// i/10 term keeps the leaks (i%10 == 7) off a single table.
		k := i*7 + i/10
		a := g.tables[k%len(g.tables)]
		bt := g.tables[(k+1)%len(g.tables)]
		sql := strings.NewReplacer("{A}", a, "{B}", bt).Replace(t.sql)
		np := params(sql)
		var ps, args []string
		for k := 1; k <= np; k++ {
			ps = append(ps, fmt.Sprintf("a%d", k))
			args = append(args, fmt.Sprintf("a%d", k))
		}
		sig := "ctx context.Context"
		if np > 0 {
			sig += ", " + strings.Join(ps, ", ") + " any"
		}
		arg := strings.Join(append([]string{"ctx", "q"}, args...), ", ")
		fn := fmt.Sprintf("Q%05d", i)
		// The SQL: a literal in the call, or a package-level constant.
		lit := "`" + sql + "`"
		q := lit
		if i%5 == 1 {
			cname := fmt.Sprintf("sql%05d", i)
			fmt.Fprintf(&consts, "\t%s = %s\n", cname, lit)
			q = cname
		}
		arg = strings.Replace(arg, "q", q, 1)
		viaWrapper := i%6 == 3 && t.kind != "row"
		if viaWrapper {
			imports["bench.example/synth/internal/dbx"] = true
		}
		fmt.Fprintf(&b, "\n// %s runs query %d.\n", fn, i)
		switch t.kind {
		case "rows":
			call := fmt.Sprintf("s.DB.QueryContext(%s)", arg)
			if viaWrapper {
				call = fmt.Sprintf("dbx.Query(%s)", strings.Replace(arg, "ctx, ", "ctx, s.DB, ", 1))
			}
			fmt.Fprintf(&b, `func (s *Store) %s(%s) ([]Row, error) {
	rows, err := %s
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Row
	for rows.Next() {
		var r Row
		if err := rows.Scan(&r.ID, &r.Name); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
`, fn, sig, call)
		case "row":
			fmt.Fprintf(&b, `func (s *Store) %s(%s) (Row, error) {
	var r Row
	err := s.DB.QueryRowContext(%s).Scan(&r.ID, &r.Name)
	return r, err
}
`, fn, sig, arg)
		case "exec":
			call := fmt.Sprintf("s.DB.ExecContext(%s)", arg)
			if viaWrapper {
				call = fmt.Sprintf("dbx.Exec(%s)", strings.Replace(arg, "ctx, ", "ctx, s.DB, ", 1))
			}
			fmt.Fprintf(&b, `func (s *Store) %s(%s) (int64, error) {
	res, err := %s
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}
`, fn, sig, call)
		}
	}
	var out strings.Builder
	fmt.Fprintf(&out, "package %s\n\nimport (\n", pkg)
	for _, imp := range []string{"bench.example/synth/internal/dbx", "context"} { // gofmt's order
		if imports[imp] {
			fmt.Fprintf(&out, "\t%q\n", imp)
		}
	}
	out.WriteString(")\n")
	if consts.Len() > 0 {
		fmt.Fprintf(&out, "\nconst (\n%s)\n", consts.String())
	}
	out.WriteString(b.String())
	g.write(fmt.Sprintf("internal/%s/queries%d.go", pkg, file), out.String())
}
