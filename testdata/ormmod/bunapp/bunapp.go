// Package bunapp uses the real bun, as the stand-in tests in
// testdata/src/ormchains/bunuse and bunchains/advisory do.
package bunapp

import (
	"context"

	"github.com/uptrace/bun"
)

type Order struct {
	ID         int64 `bun:",pk,autoincrement"`
	TenantID   string
	CustomerID int64
	Total      int
}

// StorableRule is the model of SigNoz's advisory GHSA-h37r-3qfp-73w6.
type StorableRule struct {
	bun.BaseModel `bun:"table:rules"`

	ID    string `bun:"id,pk,type:text"`
	OrgID string `bun:"org_id,type:text"`
	Name  string `bun:"name"`
}

type Repo struct{ db *bun.DB }

func (r *Repo) Use(ctx context.Context, tenant, org, ruleID string, id int64) error {
	var o Order
	var orders []Order
	rule := new(StorableRule)
	r.db.NewSelect().Model(rule).Where("id = ?", ruleID).Scan(ctx)
	r.db.NewSelect().Model(rule).Where("id = ?", ruleID).Where("org_id = ?", org).Scan(ctx)
	r.db.NewUpdate().Model(rule).Where("id = ?", ruleID).Exec(ctx)
	r.db.NewUpdate().Model(rule).ExcludeColumn("org_id").Where("id = ?", ruleID).Where("org_id = ?", org).Exec(ctx)
	r.db.NewDelete().Model(new(StorableRule)).Where("id = ?", ruleID).Exec(ctx)
	r.db.NewSelect().Model(&orders).Where("?TableAlias.tenant_id = ?", tenant).Scan(ctx)
	r.db.NewSelect().Model(&orders).Where("tenant_id = ?", tenant).WhereOr("id = ?", id).Scan(ctx)
	r.db.NewSelect().Model(&orders).Where("tenant_id = ?", tenant).WhereGroup(" AND ", func(q *bun.SelectQuery) *bun.SelectQuery {
		return q.Where("id = ?", id).WhereOr("total > 0")
	}).Scan(ctx)
	r.db.NewSelect().Model((*Order)(nil)).Where("tenant_id IN (?)", bun.In([]string{tenant})).Count(ctx)
	r.db.NewInsert().Model(&Order{ID: id, Total: 1}).Exec(ctx)
	r.db.NewInsert().Model(&Order{TenantID: tenant, ID: id}).Exec(ctx)
	r.db.NewRaw("SELECT * FROM orders WHERE id = ?", id).Scan(ctx, &o)
	return r.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		_, err := tx.NewDelete().Model((*Order)(nil)).Where("tenant_id = ?", tenant).Where("id = ?", id).Exec(ctx)
		return err
	})
}
