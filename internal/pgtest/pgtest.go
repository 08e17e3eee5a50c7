package pgtest

import (
	"bytes"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
)

// superuser is the role initdb creates; with trust authentication on a
// private socket it needs no password.
const superuser = "postgres"

// osUser runs the server when the tests run as root, because initdb and
// postgres refuse to run as root. Debian's postgresql package creates it.
const osUser = "postgres"

// Unaligned psql output is split on these bytes. They are ASCII unit and
// record separators, which do not occur in identifiers or catalog text, so
// unlike tab and newline they cannot be confused with data.
const (
	fieldSep  = "\x1f"
	recordSep = "\x1e"
)

// Server is a running throwaway PostgreSQL server.
type Server struct {
	dir     string // temporary directory holding data, socket and log
	sockDir string
	port    int
	psql    string
	version int
}

// dbSeq numbers databases across all servers of the test binary, so names
// stay unique and readable in failure messages.
var dbSeq atomic.Int64

// Start starts a server for the test, or skips the test when no PostgreSQL
// server binaries are installed — except in CI (env CI non-empty), where
// missing binaries fail the test. The server is stopped and its directory
// removed when the test ends. Starting takes one to two seconds, so start one
// server per test function and isolate subtests with CreateDB.
func Start(t testing.TB) *Server {
	t.Helper()
	bins, err := findBinaries()
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("pgtest: %v (CI must run PostgreSQL tests: install the postgresql package)", err)
		}
		t.Skipf("pgtest: %v", err)
	}
	run, err := newRunner()
	if err != nil {
		t.Fatalf("pgtest: %v", err)
	}

	// Not t.TempDir: its path is long (a unix socket path must stay under
	// about 100 bytes) and its parents are private to the test's user, so
	// the postgres user could not reach it.
	dir, err := os.MkdirTemp("", "pgtest-")
	if err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	t.Cleanup(func() {
		if err := os.RemoveAll(dir); err != nil {
			t.Errorf("pgtest: remove %s: %v", dir, err)
		}
	})
	sockDir := filepath.Join(dir, "sock")
	if err := os.Mkdir(sockDir, 0o700); err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	if err := run.own(dir, sockDir); err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	dataDir := filepath.Join(dir, "data")
	logFile := filepath.Join(dir, "server.log")

	out, err := run.command(dir, bins.initdb,
		"-D", dataDir, "-A", "trust", "-U", superuser,
		"--no-sync", "-E", "UTF8", "--locale=C").CombinedOutput()
	if err != nil {
		t.Fatalf("pgtest: initdb: %v\n%s", err, out)
	}

	port, err := freePort()
	if err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	// pg_ctl hands -o to a shell, hence the quoting. listen_addresses=''
	// turns TCP off; the port only names the socket file. Durability is
	// pointless for a server that is deleted at the end of the test.
	opts := strings.Join([]string{
		"-p", strconv.Itoa(port),
		"-c", "listen_addresses=''",
		"-c", "unix_socket_directories=" + shellQuote(sockDir),
		"-c", "fsync=off",
		"-c", "synchronous_commit=off",
		"-c", "full_page_writes=off",
	}, " ")
	// Registered before starting so that a start that times out with the
	// server half up still gets stopped; cleanups run last-in first-out, so
	// this runs before the directory is removed.
	t.Cleanup(func() {
		out, err := run.command(dir, bins.pgCtl, "-D", dataDir, "-m", "immediate", "-w", "stop").CombinedOutput()
		if err != nil && !bytes.Contains(out, []byte("Is server running?")) {
			t.Errorf("pgtest: pg_ctl stop: %v\n%s", err, out)
		}
	})
	out, err = run.command(dir, bins.pgCtl, "-w", "-D", dataDir, "-o", opts, "-l", logFile, "start").CombinedOutput()
	if err != nil {
		log, _ := os.ReadFile(logFile)
		t.Fatalf("pgtest: pg_ctl start: %v\n%s\nserver log:\n%s", err, out, log)
	}

	s := &Server{dir: dir, sockDir: sockDir, port: port, psql: bins.psql}
	rows, err := s.query("postgres", "SHOW server_version_num")
	if err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	num, err := strconv.Atoi(singleValue(rows))
	if err != nil {
		t.Fatalf("pgtest: server_version_num: %v", err)
	}
	s.version = num / 10000
	return s
}

// CreateDB creates a fresh database and returns its name.
func (s *Server) CreateDB(t testing.TB) string {
	t.Helper()
	name := fmt.Sprintf("pgtest_%d", dbSeq.Add(1))
	if _, err := s.query("postgres", "CREATE DATABASE "+name); err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	return name
}

// Exec runs SQL text in db: any number of statements, including
// dollar-quoted bodies and psql meta-commands. It stops at the first error
// and fails the test with psql's error output. Statements run in autocommit
// mode, so those before a failing one stay committed.
func (s *Server) Exec(t testing.TB, db, sql string) {
	t.Helper()
	if err := s.exec(db, sql); err != nil {
		t.Fatalf("pgtest: %v", err)
	}
}

// Query runs one query in db and returns its rows, each column as text in
// PostgreSQL's output format (booleans are "t" and "f"). NULL is returned as
// "", the same as an empty string; select "col IS NULL" where the difference
// matters.
func (s *Server) Query(t testing.TB, db, query string) [][]string {
	t.Helper()
	rows, err := s.query(db, query)
	if err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	return rows
}

// Version returns the server's major version number, e.g. 15.
func (s *Server) Version() int { return s.version }

// DSN returns a keyword/value connection string for db, for tests that need
// a Go driver such as pgx rather than psql: what a pooled connection keeps
// between uses, or how the extended protocol treats a statement, cannot be
// seen through psql. It connects as the superuser initdb created, over the
// private socket, which trusts it without a password. A driver in the test
// process reads PG* environment variables that psql runs without, so the
// string names everything they could change: host, port, user and database
// so that nothing redirects it, and an empty options so that PGOPTIONS
// cannot set session parameters behind the test's back.
func (s *Server) DSN(db string) string {
	return fmt.Sprintf("host=%s port=%d user=%s dbname=%s options=''",
		connQuote(s.sockDir), s.port, superuser, connQuote(db))
}

// exec is Exec returning the failure, so the failure path can be tested.
// The SQL goes through a file rather than -c so that psql splits it into
// statements itself, the way a migration tool would see it, and so that
// its length is not bounded by the argument list.
func (s *Server) exec(db, sql string) error {
	f, err := os.CreateTemp(s.dir, "exec-*.sql")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	if _, err := f.WriteString(sql); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	_, err = s.psqlRun(db, "-f", f.Name())
	return err
}

// query runs one query and parses psql's unaligned output into rows.
func (s *Server) query(db, query string) ([][]string, error) {
	out, err := s.psqlRun(db, "-c", query)
	if err != nil {
		return nil, err
	}
	return parseRows(out), nil
}

// psqlRun runs psql against db and returns its standard output, or an error
// carrying its standard error.
func (s *Server) psqlRun(db string, args ...string) (string, error) {
	base := []string{
		"-X", "-q", "-v", "ON_ERROR_STOP=1",
		"-h", s.sockDir, "-p", strconv.Itoa(s.port), "-U", superuser, "-d", db,
		"-A", "-t", "-F", fieldSep, "-R", recordSep,
	}
	cmd := exec.Command(s.psql, append(base, args...)...)
	cmd.Env = cleanEnv()
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("psql on database %s: %v\n%s", db, err, strings.TrimSpace(stderr.String()))
	}
	return stdout.String(), nil
}

// parseRows splits psql's unaligned, tuples-only output. psql ends the last
// record with a newline instead of the record separator, and prints nothing
// at all for zero rows — which is how zero rows differ from one row holding
// a single empty value (a lone newline).
func parseRows(out string) [][]string {
	if out == "" {
		return nil
	}
	out = strings.TrimSuffix(out, "\n")
	var rows [][]string
	for _, rec := range strings.Split(out, recordSep) {
		rows = append(rows, strings.Split(rec, fieldSep))
	}
	return rows
}

func singleValue(rows [][]string) string {
	if len(rows) != 1 || len(rows[0]) != 1 {
		return fmt.Sprintf("%q", rows)
	}
	return rows[0][0]
}

type binaries struct {
	initdb, pgCtl, psql string
}

// findBinaries looks where PostgreSQL's server binaries usually are:
// pg_config's answer, then PATH, then Debian's versioned directories, which
// are not on PATH by default.
func findBinaries() (binaries, error) {
	var dirs []string
	if out, err := exec.Command("pg_config", "--bindir").Output(); err == nil {
		// libpq-dev ships pg_config without the server, so its directory
		// may lack initdb; the existence check below handles that.
		dirs = append(dirs, strings.TrimSpace(string(out)))
	}
	if p, err := exec.LookPath("initdb"); err == nil {
		// Resolve symlinks such as /usr/local/bin/initdb: the directory
		// that matters is the one holding the real server binaries.
		if real, err := filepath.EvalSymlinks(p); err == nil {
			p = real
		}
		dirs = append(dirs, filepath.Dir(p))
	}
	dirs = append(dirs, debianBinDirs()...)
	for _, dir := range dirs {
		b := binaries{initdb: filepath.Join(dir, "initdb"), pgCtl: filepath.Join(dir, "pg_ctl")}
		if !isExecutable(b.initdb) || !isExecutable(b.pgCtl) {
			continue
		}
		// Prefer the psql of the same installation; Debian's /usr/bin/psql
		// is a wrapper script that picks a version on its own.
		b.psql = filepath.Join(dir, "psql")
		if !isExecutable(b.psql) {
			p, err := exec.LookPath("psql")
			if err != nil {
				return binaries{}, errors.New("psql not found next to initdb nor on PATH")
			}
			b.psql = p
		}
		return b, nil
	}
	return binaries{}, errors.New("no PostgreSQL server binaries found (initdb and pg_ctl: not in pg_config --bindir, on PATH, or in /usr/lib/postgresql/*/bin)")
}

// debianBinDirs lists /usr/lib/postgresql/*/bin, highest version first.
func debianBinDirs() []string {
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	version := func(dir string) []int {
		var v []int
		for _, part := range strings.Split(filepath.Base(filepath.Dir(dir)), ".") {
			n, _ := strconv.Atoi(part)
			v = append(v, n)
		}
		return v
	}
	sort.Slice(dirs, func(i, j int) bool {
		a, b := version(dirs[i]), version(dirs[j])
		for k := 0; k < len(a) && k < len(b); k++ {
			if a[k] != b[k] {
				return a[k] > b[k]
			}
		}
		return len(a) > len(b)
	})
	return dirs
}

func isExecutable(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.Mode().IsRegular() && fi.Mode()&0o111 != 0
}

// runner runs server binaries, as the postgres OS user when we are root.
type runner struct {
	asUser   bool
	uid, gid int
	runuser  string // empty: fall back to su
}

func newRunner() (runner, error) {
	if os.Geteuid() != 0 {
		return runner{}, nil
	}
	u, err := user.Lookup(osUser)
	if err != nil {
		return runner{}, fmt.Errorf("running as root, and initdb refuses root, but there is no %q OS user to run it as: %v", osUser, err)
	}
	r := runner{asUser: true}
	if r.uid, err = strconv.Atoi(u.Uid); err != nil {
		return runner{}, fmt.Errorf("uid of %s: %v", osUser, err)
	}
	if r.gid, err = strconv.Atoi(u.Gid); err != nil {
		return runner{}, fmt.Errorf("gid of %s: %v", osUser, err)
	}
	if p, err := exec.LookPath("runuser"); err == nil {
		r.runuser = p
	} else if _, err := exec.LookPath("su"); err != nil {
		return runner{}, errors.New("running as root, and neither runuser nor su is available to drop to the postgres user")
	}
	return r, nil
}

// own hands the directories to the user that runs the server.
func (r runner) own(dirs ...string) error {
	if !r.asUser {
		return nil
	}
	for _, d := range dirs {
		if err := os.Chown(d, r.uid, r.gid); err != nil {
			return err
		}
	}
	return nil
}

// command builds the command for a server binary. It runs in dir because
// initdb fails when it cannot read its working directory, which for the
// postgres user is likely with the test's package directory.
func (r runner) command(dir, name string, args ...string) *exec.Cmd {
	var cmd *exec.Cmd
	switch {
	case !r.asUser:
		cmd = exec.Command(name, args...)
	case r.runuser != "":
		cmd = exec.Command(r.runuser, append([]string{"-u", osUser, "--", name}, args...)...)
	default:
		words := []string{shellQuote(name)}
		for _, a := range args {
			words = append(words, shellQuote(a))
		}
		cmd = exec.Command("su", osUser, "-s", "/bin/sh", "-c", strings.Join(words, " "))
	}
	cmd.Dir = dir
	cmd.Env = cleanEnv()
	return cmd
}

// cleanEnv is the environment without PG* variables, which would otherwise
// redirect psql or pg_ctl (PGHOST, PGDATA, PGOPTIONS, ...), and with a fixed
// locale and client encoding so output and messages do not vary by machine.
func cleanEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "PG") || strings.HasPrefix(kv, "LC_") || strings.HasPrefix(kv, "LANG") {
			continue
		}
		env = append(env, kv)
	}
	return append(env, "LC_ALL=C", "PGCLIENTENCODING=UTF8")
}

// freePort returns a TCP port that was free a moment ago. The server does
// not listen on TCP, but distinct ports keep socket and lock file names
// distinct should anything look outside our directory.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// connQuote quotes a keyword/value connection string value, since the
// socket directory lives under TMPDIR, which may hold spaces or quotes.
func connQuote(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}

func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
