package sqlcheck

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tenantvet/tenantvet/internal/testfs"
)

func TestMigrationPathsOrder(t *testing.T) {
	tests := []struct {
		name  string
		files []string // created in each of dirs
		dirs  []string // relative to the test's root; "." when empty
		want  []string // relative to the test's root
	}{
		{
			name:  "numeric not lexical",
			files: []string{"10_c.sql", "2_b.sql", "1_a.sql"},
			want:  []string{"1_a.sql", "2_b.sql", "10_c.sql"},
		},
		{
			name:  "timestamps with ties broken by name",
			files: []string{"20230102150405_z.sql", "20221231235959_init.sql", "20230102150405_a.sql"},
			want:  []string{"20221231235959_init.sql", "20230102150405_a.sql", "20230102150405_z.sql"},
		},
		{
			name:  "leading zeros compare by value",
			files: []string{"010_c.sql", "9_b.sql", "001_a.sql", "1_a.sql"},
			want:  []string{"001_a.sql", "1_a.sql", "9_b.sql", "010_c.sql"},
		},
		{
			name:  "prefixes beyond 64 bits",
			files: []string{"123456789012345678901234567890_b.sql", "99999999999999999999_a.sql", "3.sql"},
			want:  []string{"3.sql", "99999999999999999999_a.sql", "123456789012345678901234567890_b.sql"},
		},
		{
			name:  "files without prefix last by name",
			files: []string{"seed.sql", "2_b.sql", "alpha.sql", "3.sql"},
			want:  []string{"2_b.sql", "3.sql", "alpha.sql", "seed.sql"},
		},
		{
			name: "only regular sql files, not down files, not recursed",
			files: []string{
				"1_a.up.sql", "1_a.down.sql", "README.md", "2_b.go", "3_c.sql.bak",
				"4_d.SQL", "sub/0_nested.sql", "5_dir.sql/",
			},
			want: []string{"1_a.up.sql"},
		},
		{
			name:  "directories in the order given",
			files: []string{"b/1_b.sql", "b/2_b.sql", "a/0_a.sql", "c/3_c.sql"},
			dirs:  []string{"b", "c", "a"},
			want:  []string{"b/1_b.sql", "b/2_b.sql", "c/3_c.sql", "a/0_a.sql"},
		},
		// pop and popx: one file per version, as pop applies them on PostgreSQL.
		{
			name:  "pop: the postgres file wins over the one without a dialect",
			files: []string{"1_a.postgres.up.sql", "1_a.up.sql", "1_a.mysql.up.sql"},
			want:  []string{"1_a.postgres.up.sql"},
		},
		{
			name:  "pop: without a postgres file, the one without a dialect",
			files: []string{"1_a.up.sql", "1_a.mysql.up.sql", "1_a.sqlite3.up.sql", "1_a.cockroach.up.sql"},
			want:  []string{"1_a.up.sql"},
		},
		{
			name: "pop: other dialects' files are never read",
			files: []string{
				"1_a.postgres.up.sql", "2_b.mysql.up.sql", "2_b.mariadb.up.sql", "2_b.sqlite3.up.sql",
				"2_b.sqlite.up.sql", "2_b.cockroach.up.sql", "2_b.crdb.up.sql", "2_b.yugabyte.up.sql",
			},
			want: []string{"1_a.postgres.up.sql"},
		},
		{
			name: "pop: postgres under its other names",
			files: []string{
				"1_a.pg.up.sql", "1_a.up.sql", "2_b.postgresql.up.sql", "2_b.up.sql",
				"3_c.pgx.up.sql", "3_c.up.sql", "4_d.cockroachdb.up.sql", "4_d.up.sql",
			},
			want: []string{"1_a.pg.up.sql", "2_b.postgresql.up.sql", "3_c.pgx.up.sql", "4_d.up.sql"},
		},
		{
			name: "pop: down files are not read",
			files: []string{
				"1_a.postgres.up.sql", "1_a.postgres.down.sql", "1_a.down.sql", "2_b.postgres.down.sql",
				"2_b.down.sql", "2_b.down.fizz", "3_c.up.sql", "3_c.down.sql",
			},
			want: []string{"1_a.postgres.up.sql", "3_c.up.sql"},
		},
		{
			name:  "pop: one file per version, whatever its name",
			files: []string{"1_a.postgres.up.sql", "1_b.up.sql", "2_c.up.sql", "2_d.mysql.up.sql", "3_a.up.sql", "3_b.postgres.up.sql"},
			want:  []string{"1_a.postgres.up.sql", "2_c.up.sql", "3_b.postgres.up.sql"},
		},
		{
			name: "pop: autocommit files count as any other",
			files: []string{
				"1_a.autocommit.up.sql", "1_a.mysql.up.sql", "2_b.postgres.autocommit.up.sql", "2_b.up.sql",
				"3_c.cockroach.autocommit.up.sql", "3_c.up.sql",
			},
			want: []string{"1_a.autocommit.up.sql", "2_b.postgres.autocommit.up.sql", "3_c.up.sql"},
		},
		{
			name:  "pop: a fizz file gives way to the postgres one",
			files: []string{"1_a.up.fizz", "1_a.postgres.up.sql", "1_a.down.fizz"},
			want:  []string{"1_a.postgres.up.sql"},
		},
		{
			name: "pop: files pop ignores",
			files: []string{
				"1_a.postgres.up.sql", "schema.sql", "2_seed.sql", "3_c.oracle.up.sql", "4_d.Postgres.up.sql",
				"5_add.users.up.sql", "6_e.postgres.mysql.up.sql", "7-f.up.sql", "8_g.autocommit.postgres.up.sql",
				"9_h.autocommit.up.fizz",
			},
			want: []string{"1_a.postgres.up.sql"},
		},
		{
			name:  "pop: versions in numeric order",
			files: []string{"10_c.up.sql", "9_b.postgres.up.sql", "9_b.up.sql", "1_a.up.sql", "1_a.mysql.up.sql"},
			want:  []string{"1_a.up.sql", "9_b.postgres.up.sql", "10_c.up.sql"},
		},
		{
			name:  "pop: a subdirectory of files pop does not apply on PostgreSQL",
			files: []string{"1_a.postgres.up.sql", "old/2_b.mysql.up.sql", "old/2_b.down.sql", "old/schema.sql"},
			want:  []string{"1_a.postgres.up.sql"},
		},
		// Without a dialect or a fizz file, a directory is not pop's.
		{
			name:  "not pop: a dot in a golang-migrate name",
			files: []string{"1_create.users.up.sql", "1_create.users.down.sql", "2_b.up.sql", "seed.sql"},
			want:  []string{"1_create.users.up.sql", "2_b.up.sql", "seed.sql"},
		},
		{
			name:  "not pop: autocommit is no dialect",
			files: []string{"1_a.autocommit.up.sql", "1_a.up.sql", "2_b.up.sql", "schema.sql"},
			want:  []string{"1_a.autocommit.up.sql", "1_a.up.sql", "2_b.up.sql", "schema.sql"},
		},
		{
			name:  "not pop: a dialect-like name that is no file",
			files: []string{"1_a.up.sql", "2_b.postgres.up.sql/", "3_c.up.fizz/"},
			want:  []string{"1_a.up.sql"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			testfs.WriteSame(t, root, tt.files, "SELECT 1;\n")
			dirs := []string{root}
			if tt.dirs != nil {
				dirs = nil
				for _, d := range tt.dirs {
					dirs = append(dirs, filepath.Join(root, d))
				}
			}
			var want []string
			for _, w := range tt.want {
				want = append(want, filepath.Join(root, w))
			}

			got, err := MigrationPaths(dirs)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, want) {
				t.Errorf("MigrationPaths = %q, want %q", got, want)
			}

			migs, err := ReadMigrations(dirs)
			if err != nil {
				t.Fatal(err)
			}
			var read []string
			for _, m := range migs {
				read = append(read, m.Path)
			}
			if !slices.Equal(read, want) {
				t.Errorf("ReadMigrations paths = %q, want %q", read, want)
			}
		})
	}
}

// TestPopLayoutDetection: a file of any dialect pop knows makes a directory
// pop's, which then ignores schema.sql, pop's schema dump; any other dotted
// segment leaves the directory as it was, reading schema.sql.
func TestPopLayoutDetection(t *testing.T) {
	postgres := []string{"postgres", "postgresql", "pg", "pgx"}
	others := []string{"cockroach", "cockroachdb", "crdb", "mysql", "mariadb", "sqlite3", "sqlite", "yugabyte", "yugabytedb"}
	notPop := []string{"users", "autocommit", "oracle", "Postgres", "v2"}
	for _, segs := range [][]string{postgres, others, notPop} {
		for _, seg := range segs {
			t.Run(seg, func(t *testing.T) {
				dir := t.TempDir()
				trigger := "2_b." + seg + ".up.sql"
				testfs.WriteSame(t, dir, []string{"1_a.up.sql", trigger, "schema.sql"}, "SELECT 1;\n")
				got, err := MigrationPaths([]string{dir})
				if err != nil {
					t.Fatal(err)
				}
				for i := range got {
					got[i] = filepath.Base(got[i])
				}
				want := []string{"1_a.up.sql", trigger, "schema.sql"}
				switch {
				case slices.Contains(postgres, seg):
					want = []string{"1_a.up.sql", trigger}
				case slices.Contains(others, seg):
					want = []string{"1_a.up.sql"}
				}
				if !slices.Equal(got, want) {
					t.Errorf("MigrationPaths = %q, want %q", got, want)
				}
			})
		}
	}
}

func TestMigrationPathsSymlinks(t *testing.T) {
	root := t.TempDir()
	testfs.Write(t, root, map[string]string{"elsewhere/shared.sql": "SELECT 1;\n", "2_own.sql": "SELECT 2;\n"})
	links := map[string]string{
		"1_shared.sql": filepath.Join(root, "elsewhere", "shared.sql"),
		".#2_own.sql":  "user@host.1234:1700000000", // an Emacs lock: dangling
		"3_dir.sql":    filepath.Join(root, "elsewhere"),
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(root, name)); err != nil {
			t.Skipf("symlinks unavailable: %v", err)
		}
	}
	got, err := MigrationPaths([]string{root})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{filepath.Join(root, "1_shared.sql"), filepath.Join(root, "2_own.sql")}
	if !slices.Equal(got, want) {
		t.Errorf("MigrationPaths = %q, want %q", got, want)
	}
}

func TestReadMigrationsUpSQL(t *testing.T) {
	tests := []struct {
		name    string
		file    string
		content string
		applied []string // must appear in SQL at the offset they have in the file
		absent  []string // must not appear in SQL
	}{
		{
			name: "goose",
			file: "00001_init.sql",
			content: `-- comment before any annotation
CREATE TABLE before_up (id int);
-- +goose NO TRANSACTION
-- +goose Up
CREATE TABLE accounts (id bigint, tenant_id bigint);
-- +goose StatementBegin
CREATE FUNCTION touch() RETURNS trigger AS $$
BEGIN
  UPDATE accounts SET id = id;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
-- +goose StatementEnd
  -- +goose ENVSUB ON
SELECT '-- +goose Down';
-- +goose Down
-- +goose StatementBegin
DROP FUNCTION touch();
-- +goose StatementEnd
DROP TABLE accounts;
`,
			applied: []string{
				"CREATE TABLE accounts (id bigint, tenant_id bigint);",
				"CREATE FUNCTION touch()",
				"  UPDATE accounts SET id = id;",
				"$$ LANGUAGE plpgsql;",
				"SELECT '-- +goose Down';",
			},
			absent: []string{
				"before_up", "comment before", "+goose Up", "+goose NO", "StatementBegin",
				"StatementEnd", "ENVSUB", "DROP FUNCTION", "DROP TABLE",
			},
		},
		{
			name: "goose lower case and CRLF",
			file: "2_lower.sql",
			content: "-- +goose up\r\n-- +goose statementbegin\r\nCREATE TABLE lower_up (id int);\r\n" +
				"-- +goose statementend\r\n-- +goose down\r\nDROP TABLE lower_up;\r\n",
			applied: []string{"CREATE TABLE lower_up (id int);\r\n"},
			absent:  []string{"goose", "DROP"},
		},
		{
			name: "goose down only",
			file: "3_down_only.sql",
			content: `CREATE TABLE stray (id int);
-- +goose Down
DROP TABLE stray;
`,
			absent: []string{"CREATE", "DROP"},
		},
		{
			name: "dbmate",
			file: "20240101000000_dbmate.sql",
			content: `-- migrate:up transaction:false
CREATE TABLE invoices (id bigint, tenant_id bigint);
CREATE INDEX CONCURRENTLY invoices_tenant ON invoices (tenant_id);

-- migrate:down
DROP TABLE invoices;
`,
			applied: []string{
				"CREATE TABLE invoices (id bigint, tenant_id bigint);",
				"CREATE INDEX CONCURRENTLY invoices_tenant ON invoices (tenant_id);",
			},
			absent: []string{"migrate:", "transaction:false", "DROP"},
		},
		{
			name: "dbmate without down",
			file: "4_dbmate.sql",
			content: `-- a leading comment
--migrate:up
CREATE TABLE notes (id int);
-- migrate:upgrade is not a directive
`,
			applied: []string{"CREATE TABLE notes (id int);", "-- migrate:upgrade is not a directive"},
			absent:  []string{"leading comment", "--migrate:up"},
		},
		{
			name: "pop file applied whole",
			file: "1_init.postgres.up.sql",
			content: `-- +goose Up
CREATE TABLE whole (id int);
-- +goose Down
DROP TABLE whole;
`,
			applied: []string{"-- +goose Up\nCREATE TABLE whole (id int);\n-- +goose Down\nDROP TABLE whole;\n"},
		},
		{
			name:    "golang-migrate up file",
			file:    "000001_create_users.up.sql",
			content: "CREATE TABLE users (id bigint);\nCREATE INDEX users_id ON users (id);\n",
			applied: []string{"CREATE TABLE users (id bigint);\nCREATE INDEX users_id ON users (id);\n"},
		},
		{
			name:    "plain file without trailing newline",
			file:    "schema.sql",
			content: "-- plain comments stay\nCREATE TABLE plain (id int);\nSELECT '-- migrate:down';",
			applied: []string{"-- plain comments stay\nCREATE TABLE plain (id int);\nSELECT '-- migrate:down';"},
		},
		{
			name:    "empty file",
			file:    "5_empty.sql",
			content: "",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			testfs.Write(t, dir, map[string]string{tt.file: tt.content})
			migs, err := ReadMigrations([]string{dir})
			if err != nil {
				t.Fatal(err)
			}
			if len(migs) != 1 {
				t.Fatalf("got %d migrations, want 1", len(migs))
			}
			m := migs[0]
			if want := filepath.Join(dir, tt.file); m.Path != want {
				t.Errorf("Path = %q, want %q", m.Path, want)
			}
			checkBlanked(t, tt.content, m.SQL)
			for _, s := range tt.applied {
				if got, want := strings.Index(m.SQL, s), strings.Index(tt.content, s); got != want || got < 0 {
					t.Errorf("%q at offset %d of SQL, want %d (its offset in the file)", s, got, want)
				}
			}
			for _, s := range tt.absent {
				if strings.Contains(m.SQL, s) {
					t.Errorf("SQL contains %q:\n%s", s, m.SQL)
				}
			}
		})
	}
}

// checkBlanked asserts that sql is src with some bytes turned into spaces
// and every line break kept, which is what makes offsets into sql valid in
// src.
func checkBlanked(t *testing.T, src, sql string) {
	t.Helper()
	if len(sql) != len(src) {
		t.Fatalf("len(SQL) = %d, want %d (the file's length)", len(sql), len(src))
	}
	for i := range len(src) {
		if sql[i] != src[i] && (sql[i] != ' ' || src[i] == '\n' || src[i] == '\r') {
			t.Fatalf("SQL[%d] = %q, file has %q", i, sql[i], src[i])
		}
	}
}

// TestMigrationDirErrors: a directory that cannot serve is an error, never
// an empty schema that checks nothing.
func TestMigrationDirErrors(t *testing.T) {
	tests := []struct {
		name  string
		files []string
		dir   string
		want  string // after "migrations DIR: "
		is    error
	}{
		{name: "missing", files: []string{"ok/1.sql"}, dir: "db/migrations", want: "no such file or directory", is: fs.ErrNotExist},
		{name: "a file", files: []string{"db"}, dir: "db", want: "not a directory"},
		{name: "empty", files: []string{"db/"}, dir: "db", want: "holds no migration files (*.sql)"},
		{name: "down files only", files: []string{"db/1_a.down.sql", "db/notes.txt"}, dir: "db", want: "holds no migration files (*.sql)"},
		{
			name: "the parent of the migrations", files: []string{"db/migrations/1_a.sql", "db/seeds/1.sql", "db/seeds/2.sql", "db/empty/"}, dir: "db",
			want: `holds no migration files (*.sql); its subdirectory "migrations" holds 1, and "seeds" holds 2`,
		},
		{name: "a control character in a name", files: []string{"db/1_a.sql", "db/2_\x1b[2K.sql"}, dir: "db", want: `file name "2_\x1b[2K.sql" holds a control character; rename it`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			testfs.WriteSame(t, root, tt.files, "SELECT 1;\n")
			dir := filepath.Join(root, tt.dir)
			want := "migrations " + dir + ": " + tt.want
			paths, err := MigrationPaths([]string{dir})
			var de *DirError
			if err == nil || err.Error() != want || !errors.As(err, &de) || de.Dir != dir || tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("MigrationPaths error = %v, want %q", err, want)
			}
			if paths != nil {
				t.Errorf("MigrationPaths = %q on error, want nil", paths)
			}
			if migs, err := ReadMigrations([]string{dir}); err == nil || err.Error() != want || migs != nil {
				t.Errorf("ReadMigrations = %v, %v; want nil, %q", migs, err, want)
			}
		})
	}
}

// TestPopMigrationErrors: what tenantvet cannot replay as pop applies it
// is an error that names the file, never a migration left out. Each error
// has a case beside it that is no error.
func TestPopMigrationErrors(t *testing.T) {
	const sql = "SELECT 1;\n"
	tests := []struct {
		name     string
		files    map[string]string
		want     string // with DIR for the directory; "" for none
		readOnly bool   // only ReadMigrations fails: the file's text is at fault
	}{
		{
			name:  "a version with only a fizz file",
			files: map[string]string{"1_a.postgres.up.sql": sql, "2_b.up.fizz": sql, "2_b.down.fizz": sql, "2_b.mysql.up.sql": sql},
			want:  "DIR/2_b.up.fizz:1:1: pop translates fizz migrations to SQL, and tenantvet cannot replay them; write this one's PostgreSQL in 2_b.postgres.up.sql, which pop applies in its place",
		},
		{
			name:  "a fizz file beside the postgres file",
			files: map[string]string{"1_a.postgres.up.sql": sql, "2_b.up.fizz": sql, "2_b.postgres.up.sql": sql},
		},
		{
			name:  "fizz files only",
			files: map[string]string{"20190101000000_init.up.fizz": sql, "20190101000000_init.down.fizz": sql},
			want:  "DIR/20190101000000_init.up.fizz:1:1: pop translates fizz migrations to SQL, and tenantvet cannot replay them; write this one's PostgreSQL in 20190101000000_init.postgres.up.sql, which pop applies in its place",
		},
		{
			name:  "the first version's error",
			files: map[string]string{"10_d.up.fizz": sql, "9_c.up.fizz": sql, "2_b.up.fizz": sql, "1_a.up.fizz": sql, "0_z.mysql.up.sql": sql},
			want:  "DIR/1_a.up.fizz:1:1: pop translates fizz migrations to SQL, and tenantvet cannot replay them; write this one's PostgreSQL in 1_a.postgres.up.sql, which pop applies in its place",
		},
		{
			name:  "not pop: fizz-like names that are no fizz files",
			files: map[string]string{"1_a.up.sql": sql, "2_b.fizz": sql, "3_c.up.fizz.bak": sql, "4.up.fizz": sql},
		},
		{
			name:  "a fizz file with a dialect",
			files: map[string]string{"1_a.up.sql": sql, "2_b.mysql.down.fizz": sql},
			want:  "DIR/2_b.mysql.down.fizz:1:1: pop refuses a fizz migration with a dialect, as fizz is translated for each database; drop the dialect or write the migration in SQL",
		},
		{
			name:  "two files without a dialect for one version",
			files: map[string]string{"1_b.up.sql": sql, "1_a.up.sql": sql, "1_c.mysql.up.sql": sql},
			want:  "migrations DIR: 1_a.up.sql and 1_b.up.sql are both migration 1 for PostgreSQL, and pop applies only one of them; give one a version of its own",
		},
		{
			name:  "two files for one version, one of them for postgres",
			files: map[string]string{"1_b.up.sql": sql, "1_a.postgres.up.sql": sql, "1_c.mysql.up.sql": sql},
		},
		{
			name:  "sql and fizz for one version",
			files: map[string]string{"1_a.up.sql": sql, "1_a.up.fizz": sql},
			want:  "migrations DIR: 1_a.up.fizz and 1_a.up.sql are both migration 1 for PostgreSQL, and pop applies only one of them; give one a version of its own",
		},
		{
			name:  "two postgres files for one version",
			files: map[string]string{"1_a.postgres.up.sql": sql, "1_a.pg.autocommit.up.sql": sql},
			want:  "migrations DIR: 1_a.pg.autocommit.up.sql and 1_a.postgres.up.sql are both migration 1 for PostgreSQL, and pop applies only one of them; give one a version of its own",
		},
		{
			name:  "only other dialects' files",
			files: map[string]string{"1_a.mysql.up.sql": sql, "1_a.sqlite3.up.sql": sql, "1_a.cockroach.up.sql": sql, "schema.sql": sql},
			want:  "migrations DIR: holds no migration that pop applies to PostgreSQL (*.postgres.up.sql, or *.up.sql without a dialect)",
		},
		{
			name:  "down files only",
			files: map[string]string{"1_a.postgres.down.sql": sql, "1_a.down.sql": sql},
			want:  "migrations DIR: holds no migration that pop applies to PostgreSQL (*.postgres.up.sql, or *.up.sql without a dialect)",
		},
		{
			name:  "a subdirectory with a file pop applies",
			files: map[string]string{"1_a.postgres.up.sql": sql, "old/2022/2_b.up.sql": sql},
			want:  `migrations DIR: pop applies the migrations in subdirectories too, merged by version, and tenantvet reads one directory: move "old/2022/2_b.up.sql" into it or out of it`,
		},
		{
			name:  "not pop: a subdirectory is not read",
			files: map[string]string{"1_a.up.sql": sql, "old/2_b.up.sql": sql, "old/2_b.postgres.up.sql": sql},
		},
		{
			name:  "a control character in the name of a file read",
			files: map[string]string{"1_a.mysql.up.sql": sql, "1_\x1b[2K.up.sql": sql},
			want:  `migrations DIR: file name "1_\x1b[2K.up.sql" holds a control character; rename it`,
		},
		{
			name:     "a template action",
			files:    map[string]string{"1_a.postgres.up.sql": "CREATE TABLE t (id int);\nSELECT '{{ .IsPostgreSQL }}';\n"},
			want:     "DIR/1_a.postgres.up.sql:2:9: pop runs migrations as Go templates, and tenantvet cannot expand the template action here",
			readOnly: true,
		},
		{
			name: "a template action in a file not read",
			files: map[string]string{
				"1_a.postgres.up.sql": sql, "1_a.up.sql": "SELECT '{{';\n", "1_a.mysql.up.sql": "SELECT '{{';\n",
				"2_b.up.sql": "SELECT '{}', '}}';\n",
			},
		},
		{
			name:  "not pop: braces are SQL",
			files: map[string]string{"1_a.up.sql": "SELECT '{{1,2},{3,4}}'::int[];\n"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			testfs.Write(t, dir, tt.files)
			want := strings.ReplaceAll(tt.want, "DIR", dir)
			migs, err := ReadMigrations([]string{dir})
			if tt.want == "" {
				if err != nil || len(migs) == 0 {
					t.Errorf("ReadMigrations = %d files, %v; want files and no error", len(migs), err)
				}
			} else if err == nil || err.Error() != want || migs != nil {
				t.Errorf("ReadMigrations = %d files, %v; want nil, %q", len(migs), err, want)
			}
			paths, err := MigrationPaths([]string{dir})
			if tt.want == "" || tt.readOnly {
				if err != nil || len(paths) == 0 {
					t.Errorf("MigrationPaths = %q, %v; want paths and no error", paths, err)
				}
			} else if err == nil || err.Error() != want || paths != nil {
				t.Errorf("MigrationPaths = %q, %v; want nil, %q", paths, err, want)
			}
		})
	}
}

func TestLineCol(t *testing.T) {
	const text = "ab\ncd\n\né\nx"
	tests := []struct {
		off       int
		line, col int
	}{
		{0, 1, 1},
		{1, 1, 2},
		{2, 1, 3}, // the newline itself ends line 1
		{3, 2, 1},
		{5, 2, 3},
		{6, 3, 1}, // an empty line
		{7, 4, 1},
		{9, 4, 3}, // columns count bytes: é is two
		{10, 5, 1},
		{11, 5, 2}, // one past the end
		{-1, 1, 1},
		{100, 5, 2},
	}
	for _, tt := range tests {
		if line, col := LineCol(text, tt.off); line != tt.line || col != tt.col {
			t.Errorf("LineCol(%q, %d) = %d:%d, want %d:%d", text, tt.off, line, col, tt.line, tt.col)
		}
	}
}
