// Package tenantctx sets the tenant that the policies read, well and badly,
// on every kind of handle.
package tenantctx

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jmoiron/sqlx"
)

type querier interface {
	Exec(ctx context.Context, sql string, args ...any) (sql.Result, error)
}

func sessionOnPool(ctx context.Context, pool *pgxpool.Pool, tenant string) {
	pool.Exec(ctx, "SELECT set_config('app.current_tenant', $1, false)", tenant) // want `TV301: set_config\(…, false\) of app.current_tenant on \*pgxpool.Pool stays on the pooled connection, and the next request that gets it runs as this tenant; use set_config\('app.current_tenant', \$1, true\) inside the request's transaction`
	pool.Exec(ctx, "SET app.current_tenant = '42'")                              // want `TV301: SET of app.current_tenant on \*pgxpool.Pool`
}

func sessionOnDB(ctx context.Context, db *sql.DB, x *sqlx.DB) {
	db.ExecContext(ctx, "SET SESSION app.current_tenant = '42'") // want `TV301: SET of app.current_tenant on \*sql.DB`
	x.MustExec("SET app.current_tenant TO '42'")                 // want `TV301: SET of app.current_tenant on \*sqlx.DB`
	x.ExecContext(ctx, "SET app.current_tenant TO '42'")         // want `TV301: SET of app.current_tenant on \*sqlx.DB`
}

func sessionOnTx(ctx context.Context, pool *pgxpool.Pool, db *sql.DB, tenant string) error {
	tx, err := pool.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	tx.Exec(ctx, "SELECT set_config('app.current_tenant', $1, false)", tenant) // want `TV301: set_config\(…, false\) of app.current_tenant on pgx.Tx outlives the transaction: the connection goes back to the pool still set`
	stx, _ := db.BeginTx(ctx, nil)
	stx.ExecContext(ctx, "SET app.current_tenant = '1'") // want `TV301: SET of app.current_tenant on \*sql.Tx outlives the transaction`
	return tx.Commit(ctx)
}

func pooledConn(ctx context.Context, pool *pgxpool.Pool) {
	c, _ := pool.Acquire(ctx)
	defer c.Release()
	c.Exec(ctx, "SET app.current_tenant = '42'") // want `TV301: SET of app.current_tenant on \*pgxpool.Conn`
}

// A connection that the function returns clean, with a deferred reset, is
// not reported.
func pooledConnReset(ctx context.Context, db *sql.DB) {
	conn, _ := db.Conn(ctx)
	defer conn.Close()
	defer conn.ExecContext(ctx, "RESET app.current_tenant")
	conn.ExecContext(ctx, "SET app.current_tenant = '42'")
}

func pooledConnDiscard(ctx context.Context, pool *pgxpool.Pool) {
	c, _ := pool.Acquire(ctx)
	defer func() {
		c.Exec(ctx, "DISCARD ALL")
		c.Release()
	}()
	c.Exec(ctx, "SET app.current_tenant = '42'")
}

// A deferred call that is given the connection may reset it.
func pooledConnResetHelper(ctx context.Context, db *sql.DB) {
	conn, _ := db.Conn(ctx)
	defer conn.Close()
	defer clearTenant(ctx, conn)
	conn.ExecContext(ctx, "SET app.current_tenant = '42'")
}

func clearTenant(ctx context.Context, conn *sql.Conn) {
	conn.ExecContext(ctx, "RESET app.current_tenant")
}

// Setting it to the empty string clears it, as set_config(…, '', false)
// does.
func pooledConnClear(ctx context.Context, db *sql.DB) {
	conn, _ := db.Conn(ctx)
	defer conn.ExecContext(ctx, "SET app.current_tenant = ''")
	conn.ExecContext(ctx, "SET app.current_tenant = '42'")
}

// The reset is on another connection, so it does not count.
func pooledConnResetElsewhere(ctx context.Context, db *sql.DB) {
	conn, _ := db.Conn(ctx)
	other, _ := db.Conn(ctx)
	defer other.ExecContext(ctx, "RESET app.current_tenant")
	conn.ExecContext(ctx, "SET app.current_tenant = '42'") // want `TV301: SET of app.current_tenant on \*sql.Conn`
}

func localInTx(ctx context.Context, pool *pgxpool.Pool, tenant string) {
	tx, _ := pool.Begin(ctx)
	tx.Exec(ctx, "SELECT set_config('app.current_tenant', $1, true)", tenant)
	tx.Exec(ctx, "SET LOCAL app.current_tenant = '42'")
}

// A connection of its own, an interface and a setting that is not the
// tenant's are not reported.
func notReported(ctx context.Context, conn *pgx.Conn, q querier, pool *pgxpool.Pool) {
	conn.Exec(ctx, "SET app.current_tenant = '42'")
	q.Exec(ctx, "SET app.current_tenant = '42'")
	pool.Exec(ctx, "SET statement_timeout = '5s'")
	pool.Exec(ctx, "RESET app.current_tenant")
}

func tenantFrom(ctx context.Context) string { return ctx.Value("tenant").(string) }

func hookWithoutRelease(cfg *pgxpool.Config) {
	cfg.BeforeAcquire = func(ctx context.Context, c *pgx.Conn) bool {
		_, err := c.Exec(ctx, "SELECT set_config('app.current_tenant', $1, false)", tenantFrom(ctx)) // want `TV301: set_config\(…, false\) of app.current_tenant on \*pgx.Conn stays on the pooled connection after it is released, and no AfterRelease hook resets it`
		return err == nil
	}
}

func hookWithRelease(cfg *pgxpool.Config) {
	cfg.PrepareConn = func(ctx context.Context, c *pgx.Conn) (bool, error) {
		_, err := c.Exec(ctx, "SELECT set_config('app.current_tenant', $1, false)", tenantFrom(ctx))
		return err == nil, err
	}
	cfg.AfterRelease = func(c *pgx.Conn) bool {
		_, err := c.Exec(context.Background(), "RESET app.current_tenant")
		return err == nil
	}
}

// An AfterRelease declared elsewhere may reset the setting.
func hookWithNamedRelease(cfg *pgxpool.Config) {
	cfg.BeforeAcquire = func(ctx context.Context, c *pgx.Conn) bool {
		_, err := c.Exec(ctx, "SELECT set_config('app.current_tenant', $1, false)", tenantFrom(ctx))
		return err == nil
	}
	cfg.AfterRelease = resetTenant
}

func resetTenant(c *pgx.Conn) bool {
	_, err := c.Exec(context.Background(), "RESET app.current_tenant")
	return err == nil
}

func localOnPool(ctx context.Context, pool *pgxpool.Pool, db *sql.DB, tenant string) {
	pool.Exec(ctx, "SET LOCAL app.current_tenant = '42'")                            // want `TV302: SET LOCAL of app.current_tenant on \*pgxpool.Pool runs outside any transaction, so it sets nothing; begin a transaction and call set_config\('app.current_tenant', \$1, true\) on it`
	db.ExecContext(ctx, "SELECT set_config('app.current_tenant', $1, true)", tenant) // want `TV302: set_config\(…, true\) of app.current_tenant on \*sql.DB runs outside any transaction`
	x := &sqlx.DB{DB: db}
	x.MustExec("SET LOCAL app.current_tenant = '42'") // want `TV302: SET LOCAL of app.current_tenant on \*sqlx.DB runs outside any transaction`
	// One text of several statements is one implicit transaction.
	pool.Exec(ctx, "SET LOCAL app.current_tenant = '42'; UPDATE orders SET status = 'paid' WHERE tenant_id = '42'")
}

func parameterInSet(ctx context.Context, tx pgx.Tx, tenant string, timeout string) {
	tx.Exec(ctx, "SET LOCAL app.current_tenant = $1", tenant)                                // want `TV303: SET of app.current_tenant with a parameter does not parse: SET takes none, unless the driver fills parameters in itself \(pgx.s simple protocol\); use SELECT set_config\('app.current_tenant', \$1, true\)`
	tx.Exec(ctx, fmt.Sprintf("SET LOCAL app.current_tenant = '%s'", tenant))                 // want `TV303: SET LOCAL of app.current_tenant formats the tenant into the sql, which is sql injection through the tenant id`
	tx.Exec(ctx, fmt.Sprintf("SELECT set_config('app.current_tenant', '%s', true)", tenant)) // want `TV303: set_config\(…, true\) of app.current_tenant formats the tenant into the sql`
	tx.Exec(ctx, "SET LOCAL statement_timeout = $1", timeout)                                // want `TV001: sql does not parse`
	tx.Exec(ctx, fmt.Sprintf("SET LOCAL statement_timeout = '%s'", timeout))
	tx.Exec(ctx, fmt.Sprintf("SET LOCAL app.current_tenant = '%s'", "42"))
}

// helixauth's BeginTxn formats the tenant into a session-level SET.
func formattedThroughVariable(ctx context.Context, db *sql.DB, tenant string) {
	tx, _ := db.BeginTx(ctx, nil)
	cmd := fmt.Sprintf("SET app.current_tenant = '%v';", tenant) // want `TV303: SET of app.current_tenant formats the tenant into the sql` `TV301: SET of app.current_tenant on \*sql.Tx outlives the transaction`
	tx.ExecContext(ctx, cmd)
}

func wrongNameSQL(ctx context.Context, db *sql.DB, x *sqlx.DB, tenant string) {
	tx, _ := db.BeginTx(ctx, nil)
	tx.ExecContext(ctx, "SET LOCAL app.tenant = '42'") // want `TV304: SET LOCAL sets app.tenant, which nothing in the migrations reads`
	xt, _ := x.Beginx()
	xt.ExecContext(ctx, "SET LOCAL app.current_tenant = $1", tenant) // want `TV303: SET of app.current_tenant with a parameter does not parse`
}

func wrongName(ctx context.Context, tx pgx.Tx, tenant, user string) {
	tx.Exec(ctx, "SELECT set_config('app.tenant_id', $1, true)", tenant) // want `TV304: set_config\(…, true\) sets app.tenant_id, which nothing in the migrations reads, while the policies read app.current_tenant; set app.current_tenant`
	tx.Exec(ctx, "SELECT set_config('app.user_id', $1, true)", user)
	tx.Exec(ctx, "SET LOCAL pg_trgm.similarity_threshold = 0.5")
}

// A directive in the SQL is used when it suppresses a finding of either
// kind, the query's or the tenant context's.
func directives(ctx context.Context, pool *pgxpool.Pool, db *sql.DB) {
	db.ExecContext(ctx, "DELETE FROM orders WHERE status = 'void' -- tenantvet:ignore TV101 the nightly purge spans every tenant")
	pool.Exec(ctx, "SET app.current_tenant = '42' -- tenantvet:ignore TV301 this pool serves one tenant")
	pool.Exec(ctx, "SET app.current_tenant = '42' -- tenantvet:ignore TV101 wrong check") // want `TV301: SET of app.current_tenant` `TV004: ignore directive suppresses nothing`
}
