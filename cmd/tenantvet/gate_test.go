package main_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tenantvet/tenantvet/internal/testfs"
)

// TestSetupErrorsFailEveryMode: a config that checks nothing it says is an
// error in every mode, never a clean run. Each of these configs passed
// silently once.
func TestSetupErrorsFailEveryMode(t *testing.T) {
	bin := tenantvet(t)
	mod := copyModule(t)
	if err := os.MkdirAll(filepath.Join(mod, "db", "empty"), 0o755); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ name, config, want string }{
		{"misspelt tenant column", "tenant_column: tenantid\nmigrations: [db/migrations]\n",
			`.tenantvet.yaml:1: tenant_column: no tenant tables: of the 2 tables that the migrations define, none has a column "tenantid" (did you mean tenant_id, on 1 table?)`},
		{"the parent of the migrations", "migrations: [db]\n",
			`.tenantvet.yaml:1: migrations: "db": holds no migration files (*.sql); its subdirectory "migrations" holds 1`},
		{"an empty directory", "migrations: [db/empty]\n", `.tenantvet.yaml:1: migrations: "db/empty": holds no migration files (*.sql)`},
		{"a missing directory", "tenant_column: tenant_id\nmigrations: [db/migration]\n", `.tenantvet.yaml:2: migrations: "db/migration": no such file or directory`},
		{"an empty entry", "migrations: [\"\"]\n", ".tenantvet.yaml:1: migrations: an entry is empty"},
		{"a table the migrations lack", "migrations: [db/migrations]\ntables: [ordres]\n", `.tenantvet.yaml:2: tables: "ordres" names no table or view that the migrations define; did you mean orders?`},
		{"an exempt table the migrations lack", "migrations: [db/migrations]\nexempt: [note]\n", `.tenantvet.yaml:2: exempt: "note" names no table or view that the migrations define; did you mean notes?`},
		{"a tenant function no policy calls", "migrations: [db/migrations]\ntenant_functions: [app.tenant]\n", `.tenantvet.yaml:2: tenant_functions: no policy calls "app.tenant"`},
		{"a second document", "migrations: [db/migrations]\n---\nexempt: [orders]\n", ".tenantvet.yaml:2: a second YAML document"},
	}
	modes := []struct {
		name string
		args []string
	}{
		{"standalone", []string{bin, "./..."}},
		{"-format=sarif", []string{bin, "-format=sarif", "./..."}},
		{"go vet", []string{"go", "vet", "-vettool=" + bin, "./..."}},
		{"migrations", []string{bin, "migrations"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			writeFile(t, filepath.Join(mod, ".tenantvet.yaml"), tt.config)
			for _, m := range modes {
				out, stderr, code := runSplit(t, mod, m.args[0], m.args[1:]...)
				if code != 1 || !strings.Contains(stderr, tt.want) {
					t.Errorf("%s: exit %d, stderr:\n%s\nwant exit 1 and %q", m.name, code, stderr, tt.want)
				}
				if m.name == "-format=sarif" && len(out) > 0 {
					t.Errorf("%s: wrote %q on an error", m.name, out)
				}
			}
		})
	}
}

// TestSetupErrorsNeedSQL: a package with no SQL and no migrations has
// nothing the config would check, so it does not fail on the config.
func TestSetupErrorsNeedSQL(t *testing.T) {
	bin := tenantvet(t)
	mod := copyModule(t)
	writeFile(t, filepath.Join(mod, ".tenantvet.yaml"), "tenant_column: tenantid\nmigrations: [db/migrations]\n")
	testfs.Write(t, mod, map[string]string{"util/util.go": "package util\n\nfunc Two() int { return 2 }\n"})
	if _, stderr, code := runSplit(t, mod, bin, "./util"); code != 0 {
		t.Errorf("a package without SQL: exit %d, stderr:\n%s", code, stderr)
	}
	if _, stderr, code := runSplit(t, mod, bin, "./db/migrations"); code != 1 || !strings.Contains(stderr, "no tenant tables") {
		t.Errorf("the package that owns the migrations: exit %d, stderr:\n%s", code, stderr)
	}
}

// TestTags: files behind a build tag are checked when -tags names it, in
// both the plain and the driver's modes; singlechecker alone ignores it.
func TestTags(t *testing.T) {
	bin := tenantvet(t)
	mod := copyModule(t)
	writeFile(t, filepath.Join(mod, "store", "integration.go"), `//go:build integration

package store

import (
	"context"
	"database/sql"
)

func Purge(ctx context.Context, db *sql.DB) {
	db.ExecContext(ctx, "DELETE FROM orders")
}
`)
	base := []string{"001_init.sql:1: TV202", "store.go:11: TV101"}
	tagged := []string{"001_init.sql:1: TV202", "integration.go:11: TV101", "store.go:11: TV101"}
	for _, tt := range []struct {
		args []string
		want []string
	}{
		{[]string{"./..."}, base},
		{[]string{"-tags", "integration", "./..."}, tagged},
		{[]string{"-tags=integration", "./..."}, tagged},
		{[]string{"-tags=other,integration", "-format=text", "./..."}, tagged},
		{[]string{"-format=sarif", "-tags", "integration", "./..."}, nil},
	} {
		if tt.want == nil {
			out, _, code := runSplit(t, mod, bin, tt.args...)
			if got := sarifFound(validSARIF(t, sarifSchema(t), out)); code != 3 || !slices.Equal(got, tagged) {
				t.Errorf("%q: exit %d, %q; want %q", tt.args, code, got, tagged)
			}
			continue
		}
		if got, code := run(t, mod, bin, tt.args...); code != 3 || !slices.Equal(got, tt.want) {
			t.Errorf("%q: exit %d, %q; want %q", tt.args, code, got, tt.want)
		}
	}
}

// TestOutputCannotBeForged: identifiers and SQL from the input are quoted
// in findings and errors, and a quoted identifier may hold a line break.
// Every line of output must still be one finding or one error: none may
// pass for another finding, or for a GitHub Actions workflow command.
func TestOutputCannotBeForged(t *testing.T) {
	bin := tenantvet(t)
	mod := copyModule(t)
	forged := `::error file=store/store.go,line=1::forged`
	writeFile(t, filepath.Join(mod, "db", "migrations", "002_hostile.sql"),
		"CREATE TABLE \"x\n"+forged+"\" (id int, tenant_id uuid NOT NULL);\n")
	writeFile(t, filepath.Join(mod, "store", "hostile.go"), `package store

import (
	"context"
	"database/sql"
)

func Hostile(ctx context.Context, db *sql.DB) {
	db.QueryContext(ctx, "SELECT id FROM \"x\n`+forged+`\" WHERE id = 1")
	db.QueryContext(ctx, "SELECT FROM WHERE \"y\n`+forged+`\"")
}
`)
	for _, args := range [][]string{{"./..."}, {"-format=text", "./..."}, {"migrations"}} {
		out, stderr, code := runSplit(t, mod, bin, args...)
		lines := strings.Split(strings.TrimSpace(string(out)+stderr), "\n")
		if code != 3 || len(lines) < 3 {
			t.Errorf("%q: exit %d, %d lines; want exit 3 and findings", args, code, len(lines))
		}
		for _, line := range lines {
			if !strings.HasPrefix(line, mod) && !strings.HasPrefix(line, "db/") {
				t.Errorf("%q: a line that is not a finding:\n%s", args, line)
			}
		}
		if !strings.Contains(string(out)+stderr, `"x\n`+forged+`"`) {
			t.Errorf("%q: the identifier is not quoted with its line break escaped:\n%s%s", args, out, stderr)
		}
	}
}

// TestCustomModuleCache: the README's first command, with the module cache
// outside any pkg/mod directory, as CI images and containers often set it.
// Dependencies must be told apart from the module by what the go command
// says about them, not by their path, and -mod=vendor must work too.
func TestCustomModuleCache(t *testing.T) {
	bin := tenantvet(t)
	shop := copyTree(t, filepath.Join("..", "..", "examples", "shop"))
	// The module's dependencies come from the usual cache, through a file
	// proxy, so that the test needs no network once they are there.
	download := exec.Command("go", "mod", "download")
	download.Dir = shop
	if out, err := download.CombinedOutput(); err != nil {
		t.Fatalf("go mod download: %v\n%s", err, out)
	}
	gomodcache, err := exec.Command("go", "env", "GOMODCACHE").Output()
	if err != nil {
		t.Fatal(err)
	}
	proxy := "file://" + filepath.Join(strings.TrimSpace(string(gomodcache)), "cache", "download")
	t.Setenv("GOMODCACHE", filepath.Join(t.TempDir(), "deps"))
	t.Setenv("GOPROXY", proxy)
	t.Setenv("GOFLAGS", "-modcacherw")
	t.Setenv("GOSUMDB", "off")

	expected, err := os.ReadFile(filepath.Join(shop, "expected-findings.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, line := range strings.Split(strings.TrimSpace(string(expected)), "\n") {
		want = append(want, filepath.Base(line))
	}
	slices.Sort(want)
	if got, code := run(t, shop, bin, "./..."); code != 3 || !slices.Equal(got, want) {
		t.Errorf("GOMODCACHE outside pkg/mod: exit %d, %q; want exit 3 and %q", code, got, want)
	}

	vendor := exec.Command("go", "mod", "vendor")
	vendor.Dir = shop
	if out, err := vendor.CombinedOutput(); err != nil {
		t.Fatalf("go mod vendor: %v\n%s", err, out)
	}
	t.Setenv("GOFLAGS", "-modcacherw -mod=vendor")
	if got, code := run(t, shop, bin, "./..."); code != 3 || !slices.Equal(got, want) {
		t.Errorf("-mod=vendor: exit %d, %q; want exit 3 and %q", code, got, want)
	}
}

// TestOtherLibrariesAreNotSQL checks that a method of another library that
// has a query method's shape, as gocql's Session.Query has, is not taken
// for a query site, while the module's own types of that shape still are,
// standalone and under go vet.
func TestOtherLibrariesAreNotSQL(t *testing.T) {
	bin := tenantvet(t)
	mod := t.TempDir()
	testfs.Write(t, mod, map[string]string{
		"go.mod":          "module example.com/app\n\ngo 1.22\n\nrequire example.com/cql v0.0.0\n\nreplace example.com/cql => ./cql\n",
		".tenantvet.yaml": "tenant_column: tenant_id\nmigrations: [db]\n",
		"db/001_init.sql": "CREATE TABLE orders (tenant_id uuid NOT NULL, id bigint, PRIMARY KEY (tenant_id, id));\nALTER TABLE orders ENABLE ROW LEVEL SECURITY;\nALTER TABLE orders FORCE ROW LEVEL SECURITY;\nCREATE POLICY p ON orders USING (tenant_id = current_setting('app.tenant_id')::uuid);\n",
		"cql/go.mod":      "module example.com/cql\n\ngo 1.22\n",
		"cql/cql.go":      "package cql\n\ntype Query struct{}\n\ntype Session struct{}\n\nfunc (s *Session) Query(stmt string, values ...interface{}) *Query { return nil }\n\n// Bind passes its statement on, as a wrapper would.\nfunc (s *Session) Bind(stmt string) *Query { return s.Query(stmt) }\n",
		"store/store.go": `package store

import (
	"context"
	"database/sql"

	"example.com/cql"
)

// Queryer is the module's own type of a query method's shape.
type Queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

func Events(s *cql.Session) {
	s.Query("SELECT * FROM orders ALLOW FILTERING")
	s.Bind("SELECT * FROM orders")
}

func Orders(ctx context.Context, q Queryer) {
	q.QueryContext(ctx, "SELECT id FROM orders")
}
`,
	})
	want := []string{"store.go:21: TV101"}
	if got, code := run(t, mod, bin, "./..."); !slices.Equal(got, want) || code != 3 {
		t.Errorf("standalone: %q, exit %d; want %q, exit 3", got, code, want)
	}
	if got, code := run(t, mod, "go", "vet", "-vettool="+bin, "./..."); !slices.Equal(got, want) || code == 0 {
		t.Errorf("go vet: %q, exit %d; want %q and a failure", got, code, want)
	}
}

// TestMigrationErrorReachesOwner: a migration that does not parse fails
// the package that owns the migrations even when a package analyzed before
// it met the error first and, having no SQL to check, passed. Standalone
// runs share that error between packages, and once passed it silently.
func TestMigrationErrorReachesOwner(t *testing.T) {
	bin := tenantvet(t)
	mod := copyModule(t)
	if err := os.RemoveAll(filepath.Join(mod, "store")); err != nil {
		t.Fatal(err)
	}
	testfs.Write(t, mod, map[string]string{
		"db/migrations/002_mysql.sql": "CREATE TABLE `events` (id int);\n",
		"db/migrations/migrations.go": "package migrations\n\nimport (\n\t\"embed\"\n\n\t_ \"example.com/vetmod/batch\"\n)\n\n//go:embed *.sql\nvar FS embed.FS\n",
		"batch/batch.go":              "package batch\n\nimport (\n\t\"database/sql\"\n\t\"strings\"\n)\n\n// Insert's SQL is not constant, so batch has nothing to check.\nfunc Insert(db *sql.DB, n int) { db.Exec(strings.Repeat(\"INSERT INTO notes VALUES (1);\", n)) }\n",
	})
	const want = "002_mysql.sql:1:14: migration does not parse"
	for _, args := range [][]string{{bin, "./..."}, {"go", "vet", "-vettool=" + bin, "./..."}} {
		if _, stderr, code := runSplit(t, mod, args[0], args[1:]...); code != 1 || !strings.Contains(stderr, want) {
			t.Errorf("%s: exit %d, stderr:\n%s\nwant exit 1 and %q", args[0], code, stderr, want)
		}
	}
}

// TestEmbedOfAncestor: a //go:embed pattern that matches a parent of the
// migration directory embeds the migrations, so that package reports them.
func TestEmbedOfAncestor(t *testing.T) {
	bin := tenantvet(t)
	mod := copyModule(t)
	if err := os.RemoveAll(filepath.Join(mod, "db")); err != nil {
		t.Fatal(err)
	}
	init, err := os.ReadFile(filepath.Join("..", "..", "testdata", "vetmod", "db", "migrations", "001_init.sql"))
	if err != nil {
		t.Fatal(err)
	}
	testfs.Write(t, mod, map[string]string{
		".tenantvet.yaml":                    "tenant_column: tenant_id\nmigrations: [schema/postgresql/v12]\n",
		"schema/postgresql/v12/001_init.sql": string(init),
		"schema/embed.go":                    "package schema\n\nimport \"embed\"\n\n//go:embed *\nvar FS embed.FS\n",
	})
	got, code := run(t, mod, bin, "./...")
	if !slices.ContainsFunc(got, func(f string) bool { return strings.HasPrefix(f, "001_init.sql:") }) {
		t.Errorf("exit %d, findings %q; want the migration findings of 001_init.sql", code, got)
	}
}
