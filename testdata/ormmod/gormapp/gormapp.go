// Package gormapp uses the real gorm, as the stand-in tests in
// testdata/src/ormchains/gormuse and gormscopes do.
package gormapp

import (
	"context"

	"gorm.io/gorm"
)

type Order struct {
	TenantID   string `gorm:"primaryKey"`
	ID         int64  `gorm:"primaryKey"`
	CustomerID int64
	Total      int
}

type OrderItem struct {
	TenantID string
	ID       int64
	OrderID  int64
	SKU      string `gorm:"column:sku"`
}

type Plan struct {
	ID   int64
	Name string
}

func (Plan) TableName() string { return "price_plans" }

func ForTenant(t string) func(*gorm.DB) *gorm.DB {
	return func(db *gorm.DB) *gorm.DB { return db.Where("tenant_id = ?", t) }
}

type Repo struct{ db *gorm.DB }

func (r *Repo) Use(ctx context.Context, tenant string, id int64, o *Order) error {
	var order Order
	var orders []Order
	var n int64
	r.db.WithContext(ctx).First(&order, id)
	r.db.WithContext(ctx).Where("tenant_id = ?", tenant).First(&order, id)
	r.db.Scopes(ForTenant(tenant)).Find(&orders)
	r.db.Where(&Order{TenantID: tenant}).Find(&orders)
	r.db.Model(&OrderItem{}).Count(&n)
	r.db.Model(&Order{}).Where("id = ?", id).Update("total", 0)
	r.db.Model(o).Update("total", 0)
	r.db.Delete(&Order{}, id)
	r.db.Create(&Order{ID: id, Total: 1})
	r.db.Create(&Order{TenantID: tenant, ID: id})
	r.db.Raw("SELECT * FROM orders WHERE id = ?", id).Scan(&order)
	r.db.Find(&Plan{})
	return r.db.Transaction(func(tx *gorm.DB) error {
		return tx.Where("tenant_id = ?", tenant).Delete(&OrderItem{}, id).Error
	})
}
