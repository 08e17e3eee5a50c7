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
