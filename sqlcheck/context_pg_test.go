package sqlcheck_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/tenantvet/tenantvet/internal/pgtest"
)

// TestTenantContextClaims checks against a real server what the
// tenant-context checks (TV301–TV305) say in their messages about how
// PostgreSQL keeps a tenant setting such as app.current_tenant: that a
// session-level SET or set_config(…, false) outlives the request on a pooled
// connection, that a transaction-local one does not outlive its transaction,
// that SET LOCAL outside a transaction does nothing, that SET takes no
// parameter while set_config does, and that resetting on release clears what
// a request left behind. The messages are only as good as these facts.
//
// Every pool has one connection, so "the next request" is certainly the same
// session; each check of a reused connection also compares backend PIDs, so
// that a pool which quietly opened a new connection cannot pass for one that
// cleared the setting.
func TestTenantContextClaims(t *testing.T) {
	srv := pgtest.Start(t)
	dsn := srv.DSN(srv.CreateDB(t))
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()

	t.Run("session set survives on a pooled connection", func(t *testing.T) {
		pool := newPool(t, ctx, dsn, nil)
		first := tenantOf(t, ctx, pool)
		if first.value != nil {
			t.Fatalf("a fresh connection already has app.current_tenant = %s", first)
		}

		mustExec(t, ctx, pool, "SET app.current_tenant = 'a'")
		first.wantSame(t, "after SET app.current_tenant = 'a' on the pool, the next query", tenantOf(t, ctx, pool), "a")

		var ret string
		if err := pool.QueryRow(ctx, "SELECT set_config('app.current_tenant', 'b', false)").Scan(&ret); err != nil {
			t.Fatalf("set_config(…, false): %v", err)
		}
		first.wantSame(t, "after set_config('app.current_tenant', 'b', false), the next query", tenantOf(t, ctx, pool), "b")

		// A session-level SET inside a transaction is the session's once the
		// transaction commits.
		inTx(t, ctx, pool, func(tx pgx.Tx) {
			mustExec(t, ctx, tx, "SET app.current_tenant = 'c'")
		})
		first.wantSame(t, "after a transaction that ran SET app.current_tenant = 'c' and committed, the next query", tenantOf(t, ctx, pool), "c")

		// Unless it rolls back: then the SET is undone with the rest.
		tx, err := pool.Begin(ctx)
		if err != nil {
			t.Fatal(err)
		}
		mustExec(t, ctx, tx, "SET app.current_tenant = 'rolled back'")
		if err := tx.Rollback(ctx); err != nil {
			t.Fatal(err)
		}
		first.wantSame(t, "after a transaction that ran SET app.current_tenant = 'rolled back' and rolled back, the next query", tenantOf(t, ctx, pool), "c")
	})

	t.Run("transaction-local set does not outlive the transaction", func(t *testing.T) {
		pool := newPool(t, ctx, dsn, nil)
		first := tenantOf(t, ctx, pool)
		if first.value != nil {
			t.Fatalf("a fresh connection already has app.current_tenant = %s", first)
		}

		localSet := func(value string) {
			inTx(t, ctx, pool, func(tx pgx.Tx) {
				var ret string
				if err := tx.QueryRow(ctx, "SELECT set_config('app.current_tenant', $1, true)", value).Scan(&ret); err != nil {
					t.Fatalf("set_config('app.current_tenant', $1, true) with $1 = %q: %v", value, err)
				}
				if ret != value {
					t.Errorf("set_config returned %q, want %q", ret, value)
				}
				first.wantSame(t, "inside the transaction after set_config(…, $1, true), current_setting", tenantOf(t, ctx, tx), value)
			})
		}

		localSet("t-local")
		after := tenantOf(t, ctx, pool)
		first.wantSameConn(t, after)
		if after.is("t-local") {
			t.Errorf("after the transaction that ran set_config(…, 't-local', true) committed, the next query still sees %s", after)
		}
		// PostgreSQL 15 gives '' here, not NULL: set_config created the
		// placeholder variable for the session, and only its local value
		// went away. NULL is for a session that never named the setting.
		t.Logf("after a committed transaction-local set on a fresh connection, current_setting(…, true) = %s", after)

		// A local set over a session-level one falls back to the session's
		// value, not to nothing.
		mustExec(t, ctx, pool, "SET app.current_tenant = 'session'")
		localSet("t-local")
		first.wantSame(t, "after a transaction-local set over SET app.current_tenant = 'session' committed, the next query", tenantOf(t, ctx, pool), "session")
	})

	t.Run("SET LOCAL outside a transaction has no effect", func(t *testing.T) {
		var notices noticeLog
		pool := newPool(t, ctx, dsn, func(c *pgxpool.Config) { c.ConnConfig.OnNotice = notices.record })
		first := tenantOf(t, ctx, pool)

		if _, err := pool.Exec(ctx, "SET LOCAL app.current_tenant = 'x'"); err != nil {
			t.Fatalf("pgxpool: SET LOCAL outside a transaction failed, but PostgreSQL only warns: %v", err)
		}
		if got := notices.take(); len(got) != 1 || got[0] != "WARNING 25P01: SET LOCAL can only be used in transaction blocks" {
			t.Errorf("pgxpool: notices from SET LOCAL outside a transaction = %q, want the one warning 25P01", got)
		}
		after := tenantOf(t, ctx, pool)
		first.wantSameConn(t, after)
		if after.is("x") {
			t.Errorf("pgxpool: SET LOCAL outside a transaction took effect: the next query sees %s", after)
		}
		t.Logf("pgxpool: after SET LOCAL app.current_tenant = 'x' outside a transaction, current_setting(…, true) = %s", after)

		cfg, err := pgx.ParseConfig(dsn)
		if err != nil {
			t.Fatal(err)
		}
		db := stdlib.OpenDB(*cfg)
		defer db.Close()
		db.SetMaxOpenConns(1)
		sqlTenant := func() (sql.NullString, int) {
			t.Helper()
			var v sql.NullString
			var pid int
			if err := db.QueryRowContext(ctx, "SELECT current_setting('app.current_tenant', true), pg_backend_pid()").Scan(&v, &pid); err != nil {
				t.Fatalf("database/sql: %v", err)
			}
			return v, pid
		}
		_, pid := sqlTenant()
		if _, err := db.ExecContext(ctx, "SET LOCAL app.current_tenant = 'x'"); err != nil {
			t.Fatalf("database/sql: SET LOCAL outside a transaction failed, but PostgreSQL only warns: %v", err)
		}
		v, pid2 := sqlTenant()
		if pid2 != pid {
			t.Fatalf("database/sql with one open connection changed backend from %d to %d", pid, pid2)
		}
		if v.Valid && v.String == "x" {
			t.Errorf("database/sql: SET LOCAL outside a transaction took effect: the next query sees 'x'")
		}
		t.Logf("database/sql: after SET LOCAL outside a transaction, current_setting(…, true) = %s", nullString(v))
	})

	t.Run("statements sent as one text are one implicit transaction", func(t *testing.T) {
		var notices noticeLog
		pool := newPool(t, ctx, dsn, func(c *pgxpool.Config) { c.ConnConfig.OnNotice = notices.record })
		conn, err := pool.Acquire(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Release()
		first := tenantOf(t, ctx, conn)

		const text = "SET LOCAL app.current_tenant = 'y'; SELECT current_setting('app.current_tenant')"
		results, err := conn.Conn().PgConn().Exec(ctx, text).ReadAll()
		if err != nil {
			t.Fatalf("simple protocol %q: %v", text, err)
		}
		if len(results) != 2 || len(results[1].Rows) != 1 || len(results[1].Rows[0]) != 1 {
			t.Fatalf("simple protocol %q: got %d results, want 2 with the SELECT's one value", text, len(results))
		}
		if got := string(results[1].Rows[0][0]); got != "y" {
			t.Errorf("in the text %q the SELECT sees %q, want 'y': the text should be one implicit transaction", text, got)
		}
		if got := notices.take(); len(got) != 0 {
			t.Errorf("SET LOCAL in a text of several statements warned %q; the implicit transaction should count as a transaction block", got)
		}
		// The implicit transaction ends with the text.
		after := tenantOf(t, ctx, conn)
		first.wantSameConn(t, after)
		if after.is("y") {
			t.Errorf("after the text %q, the next query still sees %s", text, after)
		}
	})

	t.Run("SET takes no parameter, set_config does", func(t *testing.T) {
		pool := newPool(t, ctx, dsn, nil)
		for _, stmt := range []string{"SET LOCAL app.current_tenant = $1", "SET app.current_tenant = $1"} {
			_, err := pool.Exec(ctx, stmt, "a")
			wantSQLState(t, "pool.Exec("+stmt+")", err, "42601")

			tx, err := pool.Begin(ctx)
			if err != nil {
				t.Fatal(err)
			}
			_, err = tx.Exec(ctx, stmt, "a")
			wantSQLState(t, "tx.Exec("+stmt+")", err, "42601")
			if err := tx.Rollback(ctx); err != nil {
				t.Fatal(err)
			}
		}

		inTx(t, ctx, pool, func(tx pgx.Tx) {
			var ret string
			if err := tx.QueryRow(ctx, "SELECT set_config('app.current_tenant', $1, true)", "a").Scan(&ret); err != nil {
				t.Fatalf("set_config('app.current_tenant', $1, true) with $1 = 'a' failed in a transaction: %v", err)
			}
			if got := tenantOf(t, ctx, tx); !got.is("a") {
				t.Errorf("after set_config(…, $1, true) with $1 = 'a', current_setting = %s, want 'a'", got)
			}
		})

		// The 42601 comes from the server parsing SET with a $1 in it (the
		// extended protocol). pgx's simple protocol mode interpolates the
		// argument into the text on the client instead, so there the same
		// call succeeds: the failure depends on the driver's mode.
		inTx(t, ctx, pool, func(tx pgx.Tx) {
			if _, err := tx.Exec(ctx, "SET LOCAL app.current_tenant = $1", pgx.QueryExecModeSimpleProtocol, "a"); err != nil {
				t.Fatalf("SET LOCAL … = $1 in pgx's simple protocol mode: %v", err)
			}
			if got := tenantOf(t, ctx, tx); !got.is("a") {
				t.Errorf("after SET LOCAL … = $1 in pgx's simple protocol mode, current_setting = %s, want 'a'", got)
			}
		})
	})

	t.Run("a reset on release clears the session setting", func(t *testing.T) {
		// resetPool runs reset in AfterRelease, which runs outside any
		// transaction, where DISCARD ALL is allowed, and gets no context.
		resetPool := func(t *testing.T, reset string, after func(*pgx.Conn, context.Context) error) *pgxpool.Pool {
			return newPool(t, ctx, dsn, func(c *pgxpool.Config) {
				c.AfterRelease = func(conn *pgx.Conn) bool {
					ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
					defer cancel()
					_, err := conn.Exec(ctx, reset)
					if err == nil && after != nil {
						err = after(conn, ctx)
					}
					if err != nil {
						t.Errorf("AfterRelease %s: %v", reset, err)
						return false
					}
					return true
				}
			})
		}

		t.Run("RESET", func(t *testing.T) {
			pool := resetPool(t, "RESET app.current_tenant", nil)
			first := tenantOf(t, ctx, pool)
			mustExec(t, ctx, pool, "SET app.current_tenant = 'a'")
			after := tenantOf(t, ctx, pool)
			first.wantSameConn(t, after)
			if after.is("a") {
				t.Errorf("with AfterRelease running RESET app.current_tenant, the next acquire still sees %s", after)
			}
			t.Logf("after SET and a release that ran RESET, current_setting(…, true) = %s", after)
		})

		// DISCARD ALL clears the setting too, but also deallocates the
		// prepared statements that pgx's statement cache believes it has,
		// so the next query that pgx had prepared before fails. pgx's
		// DeallocateAll empties that cache as well.
		t.Run("DISCARD ALL", func(t *testing.T) {
			pool := resetPool(t, "DISCARD ALL", nil)
			first := tenantOf(t, ctx, pool) // prepares and caches the query
			mustExec(t, ctx, pool, "SET app.current_tenant = 'a'")
			_, err := readTenant(ctx, pool)
			wantSQLState(t, "after DISCARD ALL, the query pgx had cached", err, "26000")

			after := tenantOf(t, ctx, pool, pgx.QueryExecModeSimpleProtocol)
			first.wantSameConn(t, after)
			if after.is("a") {
				t.Errorf("with AfterRelease running DISCARD ALL, the next acquire still sees %s", after)
			}
			t.Logf("after SET and a release that ran DISCARD ALL, current_setting(…, true) = %s", after)
		})
		t.Run("DISCARD ALL and DeallocateAll", func(t *testing.T) {
			pool := resetPool(t, "DISCARD ALL", (*pgx.Conn).DeallocateAll)
			first := tenantOf(t, ctx, pool)
			mustExec(t, ctx, pool, "SET app.current_tenant = 'a'")
			after := tenantOf(t, ctx, pool)
			first.wantSameConn(t, after)
			if after.is("a") {
				t.Errorf("with AfterRelease running DISCARD ALL, the next acquire still sees %s", after)
			}
		})
	})

	t.Run("a set on acquire without a reset on release leaks", func(t *testing.T) {
		// A hook that sets the tenant on acquire, from the context, and
		// nothing that resets it: an acquire whose context carries no tenant
		// runs with the previous one. BeforeAcquire is deprecated for
		// PrepareConn, which pgxpool calls at the same point.
		type tenantKey struct{}
		setFromContext := func(ctx context.Context, conn *pgx.Conn) error {
			v, ok := ctx.Value(tenantKey{}).(string)
			if !ok {
				return nil
			}
			_, err := conn.Exec(ctx, "SELECT set_config('app.current_tenant', $1, false)", v)
			return err
		}
		for _, hook := range []string{"BeforeAcquire", "PrepareConn"} {
			t.Run(hook, func(t *testing.T) {
				pool := newPool(t, ctx, dsn, func(c *pgxpool.Config) {
					switch hook {
					case "BeforeAcquire":
						c.BeforeAcquire = func(ctx context.Context, conn *pgx.Conn) bool {
							if err := setFromContext(ctx, conn); err != nil {
								t.Errorf("BeforeAcquire: %v", err)
								return false
							}
							return true
						}
					case "PrepareConn":
						c.PrepareConn = func(ctx context.Context, conn *pgx.Conn) (bool, error) {
							return true, setFromContext(ctx, conn)
						}
					}
				})
				first := tenantOf(t, ctx, pool)
				first.wantSame(t, "an acquire whose context names tenant t1", tenantOf(t, context.WithValue(ctx, tenantKey{}, "t1"), pool), "t1")
				first.wantSame(t, "a later acquire whose context names no tenant", tenantOf(t, ctx, pool), "t1")
			})
		}
	})
}

// querier is what the checks read the setting through: a pool, a pooled
// connection or a transaction.
type querier interface {
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

type execer interface {
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
}

// tenant is app.current_tenant as one query saw it, and on which backend.
type tenant struct {
	value *string // nil: NULL, the setting does not exist in the session
	pid   int
}

func (s tenant) String() string {
	if s.value == nil {
		return "NULL"
	}
	return fmt.Sprintf("%q", *s.value)
}

func (s tenant) is(v string) bool { return s.value != nil && *s.value == v }

// wantSameConn fails unless later ran on the same backend as s, which is
// what makes it the next request on the same pooled connection.
func (s tenant) wantSameConn(t *testing.T, later tenant) {
	t.Helper()
	if later.pid != s.pid {
		t.Fatalf("the pool of one connection moved from backend %d to %d, so this is not the reused connection", s.pid, later.pid)
	}
}

// wantSame checks that later ran on s's connection and saw want.
func (s tenant) wantSame(t *testing.T, what string, later tenant, want string) {
	t.Helper()
	s.wantSameConn(t, later)
	if !later.is(want) {
		t.Errorf("%s sees app.current_tenant = %s, want %q", what, later, want)
	}
}

// tenantOf reads app.current_tenant through q; args may hold a
// pgx.QueryExecMode.
func tenantOf(t *testing.T, ctx context.Context, q querier, args ...any) tenant {
	t.Helper()
	s, err := readTenant(ctx, q, args...)
	if err != nil {
		t.Fatalf("reading app.current_tenant: %v", err)
	}
	return s
}

func readTenant(ctx context.Context, q querier, args ...any) (tenant, error) {
	var s tenant
	err := q.QueryRow(ctx, "SELECT current_setting('app.current_tenant', true), pg_backend_pid()", args...).Scan(&s.value, &s.pid)
	return s, err
}

func nullString(v sql.NullString) string {
	if !v.Valid {
		return "NULL"
	}
	return fmt.Sprintf("%q", v.String)
}

// newPool opens a pool of one connection, so that every request after the
// first reuses it, and closes it when the test ends.
func newPool(t *testing.T, ctx context.Context, dsn string, configure func(*pgxpool.Config)) *pgxpool.Pool {
	t.Helper()
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		t.Fatal(err)
	}
	cfg.MaxConns = 1
	if configure != nil {
		configure(cfg)
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	return pool
}

func mustExec(t *testing.T, ctx context.Context, e execer, stmt string, args ...any) {
	t.Helper()
	if _, err := e.Exec(ctx, stmt, args...); err != nil {
		t.Fatalf("%s: %v", stmt, err)
	}
}

// inTx runs body in a transaction on pool and commits it.
func inTx(t *testing.T, ctx context.Context, pool *pgxpool.Pool, body func(pgx.Tx)) {
	t.Helper()
	tx, err := pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx) // a no-op after Commit; ends the transaction if body fails the test
	body(tx)
	if err := tx.Commit(ctx); err != nil {
		t.Fatalf("commit: %v", err)
	}
}

func wantSQLState(t *testing.T, what string, err error, code string) {
	t.Helper()
	var pgErr *pgconn.PgError
	switch {
	case err == nil:
		t.Errorf("%s succeeded, want SQLSTATE %s", what, code)
	case !errors.As(err, &pgErr):
		t.Errorf("%s: %v, want a server error with SQLSTATE %s", what, err, code)
	case pgErr.Code != code:
		t.Errorf("%s: SQLSTATE %s (%s), want %s", what, pgErr.Code, pgErr.Message, code)
	}
}

// noticeLog collects the notices a connection receives, as
// "SEVERITY SQLSTATE: message".
type noticeLog struct {
	mu      sync.Mutex
	notices []string
}

func (l *noticeLog) record(_ *pgconn.PgConn, n *pgconn.Notice) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.notices = append(l.notices, n.Severity+" "+n.Code+": "+n.Message)
}

// take returns the notices so far and forgets them.
func (l *noticeLog) take() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	got := l.notices
	l.notices = nil
	return got
}
