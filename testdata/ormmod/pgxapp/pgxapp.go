// Package pgxapp sets the tenant that the policies read (app.tenant_id)
// with the real pgx and database/sql, as the stand-in tests in
// testdata/src/tenantctx do.
package pgxapp

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

type key struct{}

func tenantOf(ctx context.Context) string { s, _ := ctx.Value(key{}).(string); return s }

func Use(ctx context.Context, pool *pgxpool.Pool, db *sql.DB, tenant string) error {
	pool.Exec(ctx, "SELECT set_config('app.tenant_id', $1, false)", tenant)
	db.ExecContext(ctx, "SET LOCAL app.tenant_id = '42'")
	tx, err := pool.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	tx.Exec(ctx, "SET LOCAL app.tenant_id = $1", tenant)
	tx.Exec(ctx, fmt.Sprintf("SET LOCAL app.tenant_id = '%s'", tenant))
	tx.Exec(ctx, "SELECT set_config('app.tenant', $1, true)", tenant)
	tx.Exec(ctx, "SELECT set_config('app.tenant_id', $1, true)", tenant)
	return tx.Commit(ctx)
}

func Hooks(cfg *pgxpool.Config) {
	cfg.BeforeAcquire = func(ctx context.Context, c *pgx.Conn) bool {
		_, err := c.Exec(ctx, "SELECT set_config('app.tenant_id', $1, false)", tenantOf(ctx))
		return err == nil
	}
}

func HooksWithReset(cfg *pgxpool.Config) {
	cfg.PrepareConn = func(ctx context.Context, c *pgx.Conn) (bool, error) {
		_, err := c.Exec(ctx, "SELECT set_config('app.tenant_id', $1, false)", tenantOf(ctx))
		return err == nil, err
	}
	cfg.AfterRelease = func(c *pgx.Conn) bool {
		_, err := c.Exec(context.Background(), "RESET app.tenant_id")
		return err == nil
	}
}
