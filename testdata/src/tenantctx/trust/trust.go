// Package trust relies on row-level security (trust_rls), which holds only
// where a transaction was given the tenant before the query.
package trust

import (
	"context"
	"database/sql"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jmoiron/sqlx"
)

const setTenant = "SELECT set_config('app.current_tenant', $1, true)"

type querier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
}

func onPool(ctx context.Context, pool *pgxpool.Pool, db *sql.DB, tenant string) {
	pool.Query(ctx, "SELECT id FROM orders WHERE status = 'open'") // want `TV305: query on "orders" relies on row-level security, but \*pgxpool.Pool runs it outside any transaction, where no SET LOCAL can have set app.current_tenant; call set_config\('app.current_tenant', \$1, true\) on the transaction first`
	db.Query("SELECT id FROM orders")                              // want `TV305: query on "orders" relies on row-level security, but \*sql.DB runs it`
	pool.Query(ctx, "SELECT id FROM orders WHERE tenant_id = $1", tenant)
}

func setFirst(ctx context.Context, pool *pgxpool.Pool, tenant string) {
	tx, _ := pool.Begin(ctx)
	defer tx.Rollback(ctx)
	tx.Exec(ctx, setTenant, tenant)
	tx.Query(ctx, "SELECT id FROM orders")
	tx.Commit(ctx)
}

func notSet(ctx context.Context, pool *pgxpool.Pool) {
	tx, _ := pool.Begin(ctx)
	defer tx.Rollback(ctx)
	tx.Query(ctx, "SELECT id FROM orders") // want `TV305: query on "orders" relies on row-level security, but app.current_tenant is not set on this pgx.Tx before it on every path`
}

func setOnOneBranch(ctx context.Context, pool *pgxpool.Pool, tenant string, admin bool) {
	tx, _ := pool.Begin(ctx)
	if !admin {
		tx.Exec(ctx, setTenant, tenant)
	}
	tx.Query(ctx, "SELECT id FROM orders") // want `TV305: query on "orders"`
}

func setOnEveryBranch(ctx context.Context, pool *pgxpool.Pool, tenant string, admin bool) {
	tx, _ := pool.Begin(ctx)
	if admin {
		tx.Exec(ctx, "SET LOCAL app.current_tenant = '00000000-0000-0000-0000-000000000000'")
	} else {
		tx.Exec(ctx, setTenant, tenant)
	}
	tx.Query(ctx, "SELECT id FROM orders")
}

func setAfter(ctx context.Context, pool *pgxpool.Pool, tenant string) {
	tx, _ := pool.Begin(ctx)
	tx.Query(ctx, "SELECT id FROM orders") // want `TV305: query on "orders"`
	tx.Exec(ctx, setTenant, tenant)
}

// A transaction that comes in is the caller's to set; one passed to a
// helper may be set there.
func fromCaller(ctx context.Context, tx pgx.Tx) {
	tx.Query(ctx, "SELECT id FROM orders")
}

func withTenant(ctx context.Context, tx pgx.Tx, tenant string) { tx.Exec(ctx, setTenant, tenant) }

func throughHelper(ctx context.Context, pool *pgxpool.Pool, tenant string) {
	tx, _ := pool.Begin(ctx)
	withTenant(ctx, tx, tenant)
	tx.Query(ctx, "SELECT id FROM orders")
}

func inClosure(ctx context.Context, pool *pgxpool.Pool) {
	tx, _ := pool.Begin(ctx)
	run := func() { tx.Query(ctx, "SELECT id FROM orders") }
	run()
}

func sqlTx(ctx context.Context, db *sql.DB, x *sqlx.DB, tenant string) {
	tx, _ := db.BeginTx(ctx, nil)
	tx.QueryContext(ctx, "SELECT id FROM orders") // want `TV305: query on "orders" relies on row-level security, but app.current_tenant is not set on this \*sql.Tx`
	xt, _ := x.Beginx()
	var ids []int64
	xt.Select(&ids, "SELECT id FROM orders") // want `TV305: query on "orders" relies on row-level security, but app.current_tenant is not set on this \*sqlx.Tx`
	st, _ := db.BeginTx(ctx, nil)
	st.ExecContext(ctx, setTenant, tenant)
	st.QueryContext(ctx, "SELECT id FROM orders")
}

func unknownHandle(ctx context.Context, q querier) {
	q.Query(ctx, "SELECT id FROM orders")
}

// A transaction held elsewhere, in a field or behind an interface, is not
// followed.
type store struct{ tx pgx.Tx }

func (s *store) fromField(ctx context.Context, q any) {
	tx := s.tx
	tx.Query(ctx, "SELECT id FROM orders")
	qt := q.(pgx.Tx)
	qt.Query(ctx, "SELECT id FROM orders")
}

// A helper of the application's that begins the transaction may set the
// tenant in it, and a transaction's Begin makes a savepoint in it, which
// keeps what the caller gave the transaction: neither is a fresh one.
type db struct{ pool *pgxpool.Pool }

func (d *db) BeginTenant(ctx context.Context, tenant string) (pgx.Tx, error) {
	tx, err := d.pool.Begin(ctx)
	if err == nil {
		_, err = tx.Exec(ctx, setTenant, tenant)
	}
	return tx, err
}

func throughBeginHelper(ctx context.Context, d *db, tenant string) {
	tx, _ := d.BeginTenant(ctx, tenant)
	tx.Query(ctx, "SELECT id FROM orders")
}

func savepoint(ctx context.Context, tx pgx.Tx) {
	sp, _ := tx.Begin(ctx)
	sp.Query(ctx, "SELECT id FROM orders")
}

// A text of several statements runs as one transaction.
func oneText(ctx context.Context, db *sql.DB) {
	db.QueryContext(ctx, "SET LOCAL app.current_tenant = '42'; SELECT id FROM orders")
}
