// Package popapp uses the real pop, as the stand-in tests in
// testdata/src/ormchains/popuse do.
package popapp

import (
	"context"

	"github.com/gobuffalo/pop/v6"
)

type Order struct {
	ID         int64  `db:"id"`
	TenantID   string `db:"tenant_id"`
	CustomerID int64  `db:"customer_id"`
	Total      int    `db:"total"`
}

type Plan struct {
	ID   int64  `db:"id"`
	Name string `db:"name"`
}

func (Plan) TableName(ctx context.Context) string { return "price_plans" }

type Repo struct{ c *pop.Connection }

func (r *Repo) Use(ctx context.Context, tenant string, id int64, o *Order) error {
	var order Order
	var orders []Order
	c := r.c.WithContext(ctx)
	c.Find(&order, id)
	c.Where("tenant_id = ?", tenant).Find(&order, id)
	c.Where("tenant_id = ?", tenant).Where("id = ? OR total > ?", id, 0).All(&orders)
	c.Where("tenant_id = ?", tenant).Where("(id = ? OR total > ?)", id, 0).All(&orders)
	c.Q().Where("total > 0").Count(&Order{})
	c.Where("tenant_id = ?", tenant).Exists(&Order{})
	c.Destroy(o)
	c.Create(&Order{ID: id, Total: 1})
	c.Create(&Order{ID: id, TenantID: tenant})
	c.RawQuery("SELECT * FROM orders WHERE id = ?", id).First(&order)
	c.All(&[]Plan{})
	return c.Transaction(func(tx *pop.Connection) error {
		return tx.Where("tenant_id = ?", tenant).Where("id = ?", id).First(&order)
	})
}
