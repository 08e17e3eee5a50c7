// Package ormtrusted runs under orm_scoped: [gorm, bun], where the tenant
// mechanisms of gorm and bun scope their chains; their raw SQL is still
// checked, and pop, which is not listed, is not trusted.
package ormtrusted

import (
	"context"

	"github.com/gobuffalo/pop/v6"
	"github.com/uptrace/bun"
	"gorm.io/gorm"
)

type Order struct {
	ID       int64
	TenantID string
}

func use(db *gorm.DB, id int64) {
	var o Order
	db.First(&o, id)
	db.Create(&Order{ID: id})
	db.Model(&Order{}).Where("id = ?", id).Update("tenant_id", "x") // want `TV103: update "orders" sets tenant_id`
	db.Raw("SELECT * FROM orders WHERE id = ?", id).Scan(&o)        // want `TV101: select from "orders"`
	db.Exec("DELETE FROM orders WHERE id = ?", id)                  // want `TV101: delete from "orders"`
}

func useBun(ctx context.Context, db *bun.DB, id int64) {
	var o Order
	db.NewSelect().Model(&o).Where("id = ?", id).Scan(ctx)
	db.NewDelete().Model(&o).Where("id = ?", id).Exec(ctx)
	db.NewRaw("SELECT * FROM orders WHERE id = ?", id).Scan(ctx, &o) // want `TV101: select from "orders"`
}

func usePop(c *pop.Connection, id int64) {
	var o Order
	c.Where("id = ?", id).First(&o) // want `TV101: select from "orders"`
}
