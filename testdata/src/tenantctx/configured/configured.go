// Package configured names its tenant setting in the config, for policies
// that no migration shows: the checks run on it, but nothing can be known of
// what reads any other setting.
package configured

import (
	"context"

	"github.com/jackc/pgx/v5/pgxpool"
)

func use(ctx context.Context, pool *pgxpool.Pool, tenant string) {
	pool.Exec(ctx, "SET app.current_tenant = '42'") // want `TV301: SET of app.current_tenant on \*pgxpool.Pool`
	tx, _ := pool.Begin(ctx)
	tx.Exec(ctx, "SELECT set_config('app.tenant_id', $1, true)", tenant)
}
