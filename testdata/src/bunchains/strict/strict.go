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

// bun's builders change in place, so a chain on q that is not assigned
// back to q changes what a later q.Scan runs: here WHERE (tenant_id = ?)
// OR (id = ?).
func inPlace(ctx context.Context, db *bun.DB, tenant string, id int64) {
	var orders []Order
	q := db.NewSelect().Model(&orders).Where("tenant_id = ?", tenant)
	_ = q.WhereOr("id = ?", id)
	q.Scan(ctx) // want `TV002: sql passed to bun.SelectQuery.Scan is not a constant string`

	p := db.NewSelect().Model(&orders).Where("tenant_id = ?", tenant)
	if n, err := p.WhereOr("id = ?", id).Count(ctx); err != nil || n == 0 { // want `TV101: select from "orders"`
		return
	}
	p.Scan(ctx) // want `TV002: sql passed to bun.SelectQuery.Scan is not a constant string`

	// A Where added in place only narrows what comes after.
	s := db.NewSelect().Model(&orders).Where("tenant_id = ?", tenant)
	_ = s.Where("id = ?", id)
	s.Scan(ctx)
	n := db.NewSelect().Model(&orders).Where("tenant_id = ?", tenant)
	n.Limit(10).Scan(ctx)
	n.Count(ctx)
}
