package pgtest

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// TestServer runs everything against one server, the way callers are meant
// to, inside a subtest so that it can check afterwards that the server's
// cleanup stopped the process and removed its directory.
func TestServer(t *testing.T) {
	var pid int
	var dir string
	t.Run("server", func(t *testing.T) {
		s := Start(t)
		dir = s.dir
		pid = postmasterPID(t, s)

		t.Run("version", func(t *testing.T) { testVersion(t, s) })
		t.Run("rls", func(t *testing.T) { testRLS(t, s) })
		t.Run("exec_error", func(t *testing.T) { testExecError(t, s) })
		t.Run("query_output", func(t *testing.T) { testQueryOutput(t, s) })
		t.Run("dsn", func(t *testing.T) { testDSN(t, s) })
	})
	if pid == 0 {
		return // skipped or failed before the server was up
	}
	if !processGone(pid, 10*time.Second) {
		t.Errorf("postmaster %d still running after the test's cleanup", pid)
	}
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("server directory %s not removed: %v", dir, err)
	}
}

func testVersion(t *testing.T, s *Server) {
	// server_version is e.g. "15.18 (Debian 15.18-0+deb12u1)".
	got := s.Query(t, "postgres", "SHOW server_version")
	major, _, _ := strings.Cut(got[0][0], ".")
	if want := strconv.Itoa(s.Version()); major != want {
		t.Errorf("Version() = %s, server_version = %q", want, got[0][0])
	}
	// TCP must be off: the brief allows a unix socket only.
	if got := s.Query(t, "postgres", "SHOW listen_addresses"); !reflect.DeepEqual(got, [][]string{{""}}) {
		t.Errorf("listen_addresses = %q, want empty", got)
	}
}

func testRLS(t *testing.T, s *Server) {
	db := s.CreateDB(t)
	// Several statements and a dollar-quoted body with semicolons inside,
	// which a naive split on ";" would break.
	s.Exec(t, db, `
CREATE TABLE orders (
	id        bigint PRIMARY KEY,
	tenant_id bigint NOT NULL
);
ALTER TABLE orders ENABLE ROW LEVEL SECURITY;
ALTER TABLE orders FORCE ROW LEVEL SECURITY;
CREATE FUNCTION current_tenant() RETURNS bigint LANGUAGE plpgsql STABLE AS $$
BEGIN
	RETURN current_setting('app.tenant_id')::bigint;
END;
$$;
CREATE POLICY tenant_isolation ON orders
	USING (tenant_id = current_tenant());
`)
	got := s.Query(t, db, `SELECT relrowsecurity, relforcerowsecurity FROM pg_class WHERE oid = 'orders'::regclass`)
	if want := [][]string{{"t", "t"}}; !reflect.DeepEqual(got, want) {
		t.Errorf("relrowsecurity, relforcerowsecurity = %q, want %q", got, want)
	}
	got = s.Query(t, db, `SELECT tablename, policyname, permissive, roles::text, cmd, qual, with_check IS NULL
		FROM pg_policies WHERE schemaname = 'public'`)
	want := [][]string{{"orders", "tenant_isolation", "PERMISSIVE", "{public}", "ALL", "(tenant_id = current_tenant())", "t"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("pg_policies = %q, want %q", got, want)
	}
}

func testExecError(t *testing.T, s *Server) {
	db := s.CreateDB(t)
	err := s.exec(db, "CREATE TABLE before_error (id int);\nSELEC 1;\nCREATE TABLE after_error (id int);\n")
	if err == nil {
		t.Fatal("exec of bad SQL returned no error")
	}
	if !strings.Contains(err.Error(), `syntax error at or near "SELEC"`) {
		t.Errorf("error does not carry psql's message: %v", err)
	}
	// ON_ERROR_STOP: psql must stop at the error, not carry on.
	got := s.Query(t, db, `SELECT to_regclass('before_error') IS NOT NULL, to_regclass('after_error') IS NOT NULL`)
	if want := [][]string{{"t", "f"}}; !reflect.DeepEqual(got, want) {
		t.Errorf("tables before and after the error exist = %q, want %q", got, want)
	}

	_, err = s.query(db, "SELECT * FROM missing")
	if err == nil || !strings.Contains(err.Error(), `relation "missing" does not exist`) {
		t.Errorf("query of a missing table: err = %v", err)
	}
}

func testQueryOutput(t *testing.T, s *Server) {
	db := s.CreateDB(t)
	for _, tc := range []struct {
		query string
		want  [][]string
	}{
		{"SELECT 1 WHERE false", nil},
		{"SELECT NULL", [][]string{{""}}},
		{"SELECT ''", [][]string{{""}}},
		{"SELECT NULL, 1", [][]string{{"", "1"}}},
		{"SELECT g, g * 2 FROM generate_series(1, 3) g", [][]string{{"1", "2"}, {"2", "4"}, {"3", "6"}}},
		// Tabs, newlines, "|" and non-ASCII survive, since the separators
		// are control bytes that never appear in such values.
		{`SELECT E'a\nb', E'c\td', 'e|f', 'ü'`, [][]string{{"a\nb", "c\td", "e|f", "ü"}}},
		{`SELECT E'trailing\n'`, [][]string{{"trailing\n"}}},
	} {
		if got := s.Query(t, db, tc.query); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Query(%q) = %q, want %q", tc.query, got, tc.want)
		}
	}
}

func testDSN(t *testing.T, s *Server) {
	db := s.CreateDB(t)
	// pgx reads these, unlike psql, which runs without them; the DSN must
	// override every one.
	t.Setenv("PGHOST", "/nonexistent")
	t.Setenv("PGPORT", "1")
	t.Setenv("PGUSER", "nobody")
	t.Setenv("PGDATABASE", "nonexistent")
	t.Setenv("PGOPTIONS", "-c app.leaked=1")
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, s.DSN(db))
	if err != nil {
		t.Fatalf("pgx.Connect(DSN(%q)): %v", db, err)
	}
	defer conn.Close(ctx)
	var gotDB, gotUser string
	var leaked *string
	if err := conn.QueryRow(ctx, "SELECT current_database(), current_user, current_setting('app.leaked', true)").Scan(&gotDB, &gotUser, &leaked); err != nil {
		t.Fatal(err)
	}
	if gotDB != db || gotUser != superuser {
		t.Errorf("connected to database %q as %q, want %q as %q", gotDB, gotUser, db, superuser)
	}
	if leaked != nil {
		t.Errorf("PGOPTIONS reached the session: app.leaked = %q", *leaked)
	}

	// TMPDIR is the caller's, so the socket directory may need quoting.
	odd := &Server{sockDir: `/tmp/a b\c'd`, port: 5499}
	cfg, err := pgconn.ParseConfig(odd.DSN("x y"))
	if err != nil {
		t.Fatalf("ParseConfig(%q): %v", odd.DSN("x y"), err)
	}
	if cfg.Host != odd.sockDir || cfg.Port != 5499 || cfg.Database != "x y" || cfg.User != superuser {
		t.Errorf("ParseConfig(%q) = host %q port %d database %q user %q", odd.DSN("x y"), cfg.Host, cfg.Port, cfg.Database, cfg.User)
	}
}

// postmasterPID reads the server's PID from the first line of postmaster.pid.
func postmasterPID(t *testing.T, s *Server) int {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(s.dir, "data", "postmaster.pid"))
	if err != nil {
		t.Fatal(err)
	}
	line, _, _ := strings.Cut(string(b), "\n")
	pid, err := strconv.Atoi(strings.TrimSpace(line))
	if err != nil {
		t.Fatalf("postmaster.pid: %v", err)
	}
	return pid
}

// processGone waits for pid to exit. A zombie counts as gone: the postmaster
// is reparented away from us, and whether its new parent reaps it promptly
// is not the server's doing.
func processGone(pid int, wait time.Duration) bool {
	deadline := time.Now().Add(wait)
	for {
		if err := syscall.Kill(pid, 0); errors.Is(err, syscall.ESRCH) {
			return true
		}
		if stat, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat"); err == nil {
			// The state follows the parenthesised command name.
			if i := strings.LastIndexByte(string(stat), ')'); i >= 0 && strings.HasPrefix(string(stat[i+1:]), " Z") {
				return true
			}
		}
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(50 * time.Millisecond)
	}
}
