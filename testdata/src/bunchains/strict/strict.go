// Package strict holds bun chains that tenantvet does not follow, which
// -strict reports.
package strict

import (
	"context"

	"github.com/uptrace/bun"
)

type Order struct {
	ID       int64 `bun:",pk"`
	TenantID string
}

func unknown(ctx context.Context, db *bun.DB, q *bun.SelectQuery, cond string, tenant string) {
	var orders []Order
	db.NewSelect().Model(&orders).Relation("Items").Where("tenant_id = ?", tenant).Scan(ctx) // want `TV002: sql passed to bun.SelectQuery.Scan is not a constant string`
	db.NewSelect().Model(&orders).Where(cond).Scan(ctx)                                      // want `TV002: sql passed to bun.SelectQuery.Scan is not a constant string`
	q.Where("tenant_id = ?", tenant).Scan(ctx)                                               // want `TV002: sql passed to bun.SelectQuery.Scan is not a constant string`
	db.NewDelete().Model((*Order)(nil)).Exec(ctx)                                            // want `TV002: sql passed to bun.DeleteQuery.Exec is not a constant string`
	db.NewSelect().Model(&orders).Where("tenant_id = ?", tenant).Scan(ctx)
}
