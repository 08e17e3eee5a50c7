package config

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tenantvet/tenantvet/internal/testfs"
	"github.com/tenantvet/tenantvet/sqlcheck"
)

func TestLoad(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		want Config // Dir and Path are checked separately
		err  string // "PATH" stands for the file's path
	}{
		{
			name: "tenant_column scalar",
			yaml: "tenant_column: org_id\ntables: [orders]\n",
			want: Config{TenantColumn: Names{"org_id"}, Tables: []string{"orders"}},
		},
		{
			name: "tenant_column flow list",
			yaml: "tenant_column: [tenant_id, \"tenantId\"]\nmigrations: [db/migrations]\n",
			want: Config{TenantColumn: Names{"tenant_id", "tenantId"}, Migrations: []string{"db/migrations"}},
		},
		{
			name: "tenant_column block list with SQL quotes kept",
			yaml: "tenant_column:\n  - tenant_id\n  - '\"tenantId\"'\ntables: [orders]\n",
			want: Config{TenantColumn: Names{"tenant_id", `"tenantId"`}, Tables: []string{"orders"}},
		},
		{
			name: "every key",
			yaml: "tenant_column: tenant_id\ntables: [orders, billing.invoices]\nmigrations: [db/m1, /abs/m2]\nexempt: [plans]\nstrict: true\n",
			want: Config{
				TenantColumn: Names{"tenant_id"},
				Tables:       []string{"orders", "billing.invoices"},
				Migrations:   []string{"db/m1", "/abs/m2"},
				Exempt:       []string{"plans"},
				Strict:       true,
			},
		},
		{
			name: "null tenant_column means the default",
			yaml: "tenant_column:\ntables: [orders]\n",
			want: Config{Tables: []string{"orders"}},
		},
		{
			name: "unknown key names file and line",
			yaml: "tables: [orders]\nstrict: true\ntenant_colum: org_id\n",
			err:  "PATH:3: field tenant_colum not found in type config.Config",
		},
		{
			name: "invalid YAML names file and line",
			yaml: "tables: [orders]\nstrict: true\nexempt: : plans\n",
			err:  "PATH:3: mapping values are not allowed in this context",
		},
		{
			name: "wrong type",
			yaml: "tables: [orders]\nstrict: maybe\n",
			err:  "PATH:2: cannot unmarshal !!str `maybe` into bool",
		},
		{
			name: "tenant_column mapping",
			yaml: "tables: [orders]\ntenant_column: {a: b}\n",
			err:  "PATH:2: cannot unmarshal !!map into []string",
		},
		{
			name: "empty tenant_column name",
			yaml: "tenant_column: ''\ntables: [orders]\n",
			err:  "PATH:1: tenant_column: an entry is empty; remove it or name what it means",
		},
		{
			// It would replay the config's own directory.
			name: "empty migrations entry names its line",
			yaml: "tenant_column: tenant_id\nmigrations:\n  - db/migrations\n  - \"\"\n",
			err:  "PATH:4: migrations: an entry is empty; remove it or name what it means",
		},
		{
			name: "empty entries of several keys",
			yaml: "tables: [orders, ' ']\nexempt: ['']\n",
			err:  "PATH:1: tables: an entry is empty; remove it or name what it means\nPATH:2: exempt: an entry is empty; remove it or name what it means",
		},
		{
			name: "orm_scoped",
			yaml: "tables: [orders]\norm_scoped: [gorm, pop, bun]\n",
			want: Config{Tables: []string{"orders"}, ORMScoped: []string{"gorm", "pop", "bun"}},
		},
		{
			name: "tenant_settings",
			yaml: "tables: [orders]\ntenant_settings: [app.current_tenant]\n",
			want: Config{Tables: []string{"orders"}, TenantSettings: []string{"app.current_tenant"}},
		},
		{
			name: "tenant_settings names a setting without a prefix",
			yaml: "tables: [orders]\ntenant_settings:\n  - app.current_tenant\n  - tenant\n",
			err:  "PATH:4: tenant_settings: \"tenant\" is not a custom setting; name the one the policies read, with its prefix, such as app.current_tenant",
		},
		{
			name: "tenant_settings with an empty entry",
			yaml: "tables: [orders]\ntenant_settings: ['']\n",
			err:  "PATH:2: tenant_settings: an entry is empty; remove it or name what it means",
		},
		{
			name: "orm_scoped names a library it does not know",
			yaml: "tables: [orders]\norm_scoped:\n  - gorm\n  - gorn\n",
			err:  "PATH:4: orm_scoped: \"gorn\" is not an ORM tenantvet reads; name gorm, pop, bun",
		},
		{
			name: "a second document is not dropped",
			yaml: "tables: [orders]\n---\nexempt: [plans]\n",
			err:  "PATH:2: a second YAML document; .tenantvet.yaml holds one, so merge the two or remove the \"---\"",
		},
		{
			name: "a second document that does not parse",
			yaml: "tables: [orders]\n---\nexempt: : plans\n",
			err:  "PATH:3: mapping values are not allowed in this context",
		},
		{
			name: "a document end marker alone is one document",
			yaml: "tables: [orders]\n...\n",
			want: Config{Tables: []string{"orders"}},
		},
		{
			name: "allow_no_tenant_tables states there are none yet",
			yaml: "allow_no_tenant_tables: true\n",
			want: Config{AllowNoTenantTables: true},
		},
		{
			name: "empty file",
			yaml: "",
			err:  "PATH: no tenant tables: add `migrations: [dir]` or `tables: [name, …]` to .tenantvet.yaml, or pass -migrations or -tables",
		},
		{
			name: "neither tables nor migrations",
			yaml: "tenant_column: org_id\nexempt: [plans]\n",
			err:  "PATH: no tenant tables: add `migrations: [dir]` or `tables: [name, …]` to .tenantvet.yaml, or pass -migrations or -tables",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), ".tenantvet.yaml")
			if err := os.WriteFile(path, []byte(tt.yaml), 0o644); err != nil {
				t.Fatal(err)
			}
			// The analyzer validates after applying flags.
			c, err := Load(path)
			if err == nil {
				if verr := c.Validate(); verr != nil {
					c, err = nil, verr
				}
			}
			if tt.err != "" {
				want := strings.ReplaceAll(tt.err, "PATH", path)
				if err == nil || err.Error() != want {
					t.Fatalf("Load error:\n got %v\nwant %s", err, want)
				}
				if c != nil {
					t.Errorf("Load returned a config with the error")
				}
				return
			}
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			if c.Path != path || c.Dir != filepath.Dir(path) {
				t.Errorf("Path, Dir = %q, %q; want %q, %q", c.Path, c.Dir, path, filepath.Dir(path))
			}
			got := *c
			got.Path, got.Dir = "", ""
			if !slices.Equal(got.TenantColumn, tt.want.TenantColumn) ||
				!slices.Equal(got.Tables, tt.want.Tables) ||
				!slices.Equal(got.Migrations, tt.want.Migrations) ||
				!slices.Equal(got.Exempt, tt.want.Exempt) ||
				!slices.Equal(got.ORMScoped, tt.want.ORMScoped) ||
				got.Strict != tt.want.Strict || got.AllowNoTenantTables != tt.want.AllowNoTenantTables {
				t.Errorf("Load =\n %+v\nwant\n %+v", got, tt.want)
			}
		})
	}
}

func TestLoadSeveralUnknownKeys(t *testing.T) {
	path := filepath.Join(t.TempDir(), ".tenantvet.yaml")
	if err := os.WriteFile(path, []byte("tables: [orders]\nfoo: 1\nbar: 2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Load(path)
	if err == nil {
		t.Fatal("Load succeeded")
	}
	// Both keys are reported, the first in file:line form.
	msg := err.Error()
	if !strings.HasPrefix(msg, path+":2: field foo not found") || !strings.Contains(msg, "field bar not found") {
		t.Errorf("Load error = %q, want both keys, starting %q", msg, path+":2: field foo not found")
	}
}

func TestLoadMissingFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), ".tenantvet.yaml")
	c, err := Load(path)
	if c != nil || !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), path) {
		t.Errorf("Load(missing) = %v, %v; want an fs.ErrNotExist error naming %s", c, err, path)
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name string
		c    Config
		err  string // substring; "" for no error
	}{
		{"empty", Config{}, "add `migrations: [dir]` or `tables: [name, …]`"},
		{"tables only", Config{Tables: []string{"orders"}}, ""},
		{"migrations only", Config{Migrations: []string{"db"}}, ""},
		{"empty column name", Config{Tables: []string{"orders"}, TenantColumn: Names{"tenant_id", ""}}, "tenant_column: an entry is empty"},
		{"empty migration directory from settings", Config{Migrations: []string{""}}, "migrations: an entry is empty"},
		{"allowed to have none", Config{AllowNoTenantTables: true}, ""},
	}
	for _, tt := range tests {
		err := tt.c.Validate()
		if tt.err == "" && err != nil || tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)) {
			t.Errorf("%s: Validate() = %v, want %q", tt.name, err, tt.err)
		}
	}
}

func TestColumns(t *testing.T) {
	tests := []struct {
		in   Names
		want []string
	}{
		{nil, []string{"tenant_id"}},
		{Names{}, []string{"tenant_id"}},
		{Names{"org_id"}, []string{"org_id"}},
		{Names{`"tenantId"`, "tenant_id"}, []string{"tenantId", "tenant_id"}},
		{Names{"tenantId"}, []string{"tenantId"}}, // taken as stored, not folded
	}
	for _, tt := range tests {
		c := Config{TenantColumn: tt.in}
		if got := c.Columns(); !slices.Equal(got, tt.want) {
			t.Errorf("Columns() of %q = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestMigrationDirs(t *testing.T) {
	c := Config{Dir: "/repo/svc", Migrations: []string{"db/migrations", "/abs/migrations", "../shared/db", "."}}
	want := []string{"/repo/svc/db/migrations", "/abs/migrations", "/repo/shared/db", "/repo/svc"}
	if got := c.MigrationDirs(); !slices.Equal(got, want) {
		t.Errorf("MigrationDirs() = %q, want %q", got, want)
	}
	if got := (&Config{Dir: "/repo"}).MigrationDirs(); len(got) != 0 {
		t.Errorf("MigrationDirs() with no migrations = %q", got)
	}
}

func TestFind(t *testing.T) {
	tests := []struct {
		name  string
		files []string // under the test's root; a trailing "/" is a directory
		from  string
		want  string // "" for none
	}{
		{
			name:  "module root",
			files: []string{"mod/go.mod", "mod/.tenantvet.yaml", "mod/a/b/c/"},
			from:  "mod/a/b/c",
			want:  "mod/.tenantvet.yaml",
		},
		{
			name:  "nearest wins",
			files: []string{"mod/go.mod", "mod/.tenantvet.yaml", "mod/a/.tenantvet.yaml", "mod/a/b/c/"},
			from:  "mod/a/b/c",
			want:  "mod/a/.tenantvet.yaml",
		},
		{
			name:  "in the starting directory",
			files: []string{"mod/go.mod", "mod/a/.tenantvet.yaml"},
			from:  "mod/a",
			want:  "mod/a/.tenantvet.yaml",
		},
		{
			name:  "in the go.mod directory itself",
			files: []string{"mod/go.mod", "mod/.tenantvet.yaml"},
			from:  "mod",
			want:  "mod/.tenantvet.yaml",
		},
		{
			name:  "not above the go.mod directory",
			files: []string{".tenantvet.yaml", "mod/go.mod", "mod/a/b/"},
			from:  "mod/a/b",
		},
		{
			name:  "nested module stops the walk",
			files: []string{"mod/go.mod", "mod/.tenantvet.yaml", "mod/sub/go.mod", "mod/sub/pkg/"},
			from:  "mod/sub/pkg",
		},
		{
			name:  "yml",
			files: []string{"mod/go.mod", "mod/.tenantvet.yml", "mod/a/"},
			from:  "mod/a",
			want:  "mod/.tenantvet.yml",
		},
		{
			name:  "yaml before yml in one directory",
			files: []string{"mod/go.mod", "mod/.tenantvet.yml", "mod/.tenantvet.yaml"},
			from:  "mod",
			want:  "mod/.tenantvet.yaml",
		},
		{
			name:  "nearer yml before farther yaml",
			files: []string{"mod/go.mod", "mod/.tenantvet.yaml", "mod/a/.tenantvet.yml"},
			from:  "mod/a",
			want:  "mod/a/.tenantvet.yml",
		},
		{
			name:  "directory of the config's name is not a config",
			files: []string{"mod/go.mod", "mod/.tenantvet.yaml", "mod/a/.tenantvet.yaml/"},
			from:  "mod/a",
			want:  "mod/.tenantvet.yaml",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			testfs.WriteSame(t, root, tt.files, "tables: [orders]\n")
			want := ""
			if tt.want != "" {
				want = filepath.Join(root, tt.want)
			}
			if got := Find(filepath.Join(root, tt.from)); got != want {
				t.Errorf("Find(%s) = %q, want %q", tt.from, got, want)
			}
		})
	}
}

// A relative directory is walked up past the working directory too.
func TestFindRelativeDir(t *testing.T) {
	root := t.TempDir()
	testfs.Write(t, root, map[string]string{"go.mod": "module m\n", ".tenantvet.yaml": "tables: [orders]\n", "a/b/": ""})
	t.Chdir(filepath.Join(root, "a"))
	for _, from := range []string{".", "b"} {
		got := Find(from)
		if got == "" {
			t.Errorf("Find(%q) in %s = \"\", want %s", from, filepath.Join(root, "a"), filepath.Join(root, ".tenantvet.yaml"))
			continue
		}
		if abs, _ := filepath.Abs(got); abs != filepath.Join(root, ".tenantvet.yaml") {
			t.Errorf("Find(%q) = %q, want %s", from, got, filepath.Join(root, ".tenantvet.yaml"))
		}
	}
}

func TestTenancy(t *testing.T) {
	root := t.TempDir()
	testfs.Write(t, root, map[string]string{
		".tenantvet.yaml": "tenant_column: [tenant_id, '\"tenantId\"']\nmigrations: [db/migrations]\ntables: [legacy]\nexempt: [plans]\n",
		"db/migrations/001_init.sql": `CREATE TABLE orders (id int PRIMARY KEY, tenant_id uuid NOT NULL);
CREATE TABLE "Widgets" ("tenantId" uuid);
CREATE TABLE plans (tenant_id uuid);
CREATE TABLE global (id int);
`,
		"db/migrations/002_more.up.sql": "ALTER TABLE global ADD COLUMN note text;\nCREATE TABLE billing.invoices (tenant_id uuid);\n",
		// Down migrations are not replayed: this one would drop orders.
		"db/migrations/002_more.down.sql": "DROP TABLE orders;\n",
		"db/migrations/003_goose.sql":     "-- +goose Up\nCREATE TABLE events (tenant_id uuid);\n-- +goose Down\nDROP TABLE events;\n",
	})
	c, err := Load(filepath.Join(root, ".tenantvet.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	// Relative migration paths resolve against the config, not the working directory.
	t.Chdir(t.TempDir())
	ten, err := c.Tenancy()
	if err != nil {
		t.Fatalf("Tenancy: %v", err)
	}
	if ten.Catalog == nil {
		t.Fatal("Tenancy has no catalog")
	}
	var names []string
	for _, tab := range ten.Catalog.Tables() {
		names = append(names, tab.Name.String())
	}
	if want := []string{"billing.invoices", "Widgets", "events", "global", "orders", "plans"}; !slices.Equal(names, want) {
		t.Errorf("catalog tables = %q, want %q", names, want)
	}
	tests := []struct {
		table string
		col   string
		ok    bool
	}{
		{"orders", "tenant_id", true},
		{`"Widgets"`, "tenantId", true},
		{"billing.invoices", "tenant_id", true},
		{"events", "tenant_id", true},
		{"plans", "", false},
		{"global", "", false},
		{"legacy", "tenant_id", true},
		{"unknown", "", false},
	}
	for _, tt := range tests {
		if col, ok := ten.TenantColumn(sqlcheck.ParseQName(tt.table)); col != tt.col || ok != tt.ok {
			t.Errorf("TenantColumn(%s) = %q, %v; want %q, %v", tt.table, col, ok, tt.col, tt.ok)
		}
	}
}

func TestTenancyErrors(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		err   string // "ROOT" stands for the test's root directory
	}{
		{
			name: "syntax error names file and line",
			files: map[string]string{
				"db/001_ok.sql":  "CREATE TABLE orders (tenant_id uuid);\n",
				"db/002_bad.sql": "-- add a column\nALTER TABLE orders\n  ADD COLUMN note text,,;\n",
			},
			err: `ROOT/db/002_bad.sql:3:24: migration does not parse: syntax error at or near ","`,
		},
		{
			// Lines keep their numbers after the down section is blanked.
			name: "syntax error in a goose file",
			files: map[string]string{
				"db/001_goose.sql": "-- +goose Up\n-- +goose StatementBegin\nCREATE TABLE orders (tenant_id uuid);\n\nCREAT TABLE x (a int);\n-- +goose StatementEnd\n",
			},
			err: `ROOT/db/001_goose.sql:5:1: migration does not parse: syntax error at or near "CREAT"`,
		},
		{
			name:  "missing migrations directory names the config line",
			files: map[string]string{"other/": ""},
			err:   `ROOT/.tenantvet.yaml:2: migrations: "db": no such file or directory`,
		},
		{
			name:  "a file is not a migrations directory",
			files: map[string]string{"db": "CREATE TABLE orders (tenant_id uuid);\n"},
			err:   `ROOT/.tenantvet.yaml:2: migrations: "db": not a directory`,
		},
		{
			name:  "an empty migrations directory checks nothing",
			files: map[string]string{"db/": "", "db/README.md": "migrations go here\n"},
			err:   `ROOT/.tenantvet.yaml:2: migrations: "db": holds no migration files (*.sql)`,
		},
		{
			// The parent of the migrations, the commonest wrong path.
			name:  "the parent of the migrations",
			files: map[string]string{"db/migrations/001_init.sql": "CREATE TABLE orders (tenant_id uuid);\n", "db/migrations/002.sql": ";\n", "db/schema/x.down.sql": ";\n"},
			err:   `ROOT/.tenantvet.yaml:2: migrations: "db": holds no migration files (*.sql); its subdirectory "migrations" holds 2`,
		},
		{
			name:  "a file name that would break the output's lines",
			files: map[string]string{"db/001_init.sql": ";\n", "db/002\n::error::x.sql": ";\n"},
			err:   `ROOT/.tenantvet.yaml:2: migrations: "db": file name "002\n::error::x.sql" holds a control character; rename it`,
		},
		{
			// pg_query would stop at the NUL and check half the file.
			name:  "a NUL byte names the file, line and column",
			files: map[string]string{"db/001_init.sql": "CREATE TABLE orders (tenant_id uuid);\nCREATE TABLE x (a int);\x00\nCREATE TABLE y (b int);\n"},
			err:   `ROOT/db/001_init.sql:2:24: migration does not parse: NUL byte in the sql`,
		},
		{
			name:  "a byte that is not UTF-8 names the file, line and column",
			files: map[string]string{"db/001_init.sql": "CREATE TABLE orders (tenant_id uuid);\n-- caf\xe9\nCREATE TABLE x (a int);\n"},
			err:   `ROOT/db/001_init.sql:2:7: migration does not parse: byte 0xe9 is not valid UTF-8`,
		},
		{
			// The parser quotes the token it stopped at, newline and all.
			name:  "a parse error is one line",
			files: map[string]string{"db/001_init.sql": "CREATE TABLE t (tenant_id uuid) \"x\n::error::forged\";\n"},
			err:   `ROOT/db/001_init.sql:1:33: migration does not parse: syntax error at or near ""x\n::error::forged""`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			testfs.Write(t, root, tt.files)
			testfs.Write(t, root, map[string]string{".tenantvet.yaml": "tenant_column: tenant_id\nmigrations: [db]\n"})
			c, err := Load(filepath.Join(root, ".tenantvet.yaml"))
			if err != nil {
				t.Fatal(err)
			}
			ten, err := c.Tenancy()
			want := strings.ReplaceAll(tt.err, "ROOT", root)
			if err == nil || err.Error() != want {
				t.Fatalf("Tenancy error:\n got %v\nwant %s", err, want)
			}
			if ten != nil {
				t.Errorf("Tenancy returned a model with the error")
			}
		})
	}
}

func TestTenancyWithoutMigrations(t *testing.T) {
	c := &Config{Dir: t.TempDir(), Tables: []string{"orders", "billing.Invoices"}, Exempt: []string{"orders"}}
	ten, err := c.Tenancy()
	if err != nil {
		t.Fatal(err)
	}
	if ten.Catalog != nil {
		t.Errorf("Catalog = %v, want nil without migrations", ten.Catalog)
	}
	if col, ok := ten.TenantColumn(sqlcheck.QName{Schema: "billing", Name: "Invoices"}); col != "tenant_id" || !ok {
		t.Errorf("TenantColumn(billing.Invoices) = %q, %v; want tenant_id, true", col, ok)
	}
	if _, ok := ten.TenantColumn(sqlcheck.QName{Schema: "public", Name: "orders"}); ok {
		t.Errorf("exempt orders is a tenant table")
	}
}
