// Package gormuse holds gorm chains, each unscoped one beside its scoped
// twin.
package gormuse

import (
	"context"

	"gorm.io/gorm"
)

type Order struct {
	ID         int64
	TenantID   string
	CustomerID int64
	Total      int
}

type OrderItem struct {
	ID       int64
	OrderID  int64
	TenantID string `gorm:"column:tenant_id"`
	SKU      string `gorm:"column:sku"`
}

// Plan names a table that is not a tenant table.
type Plan struct {
	ID   int64
	Name string
}

func (Plan) TableName() string { return "price_plans" } // want TableName:`constResult\("price_plans"\)`

type Repo struct{ db *gorm.DB }

// The textbook IDOR: fetch by id with no tenant.
func (r *Repo) Get(ctx context.Context, id int64) (Order, error) {
	var o Order
	err := r.db.WithContext(ctx).First(&o, id).Error // want `TV101: select from "orders" has no tenant_id predicate; add orders.tenant_id = \$n`
	return o, err
}

func (r *Repo) nopeGet(ctx context.Context, tenant string, id int64) (Order, error) {
	var o Order
	err := r.db.WithContext(ctx).Where("tenant_id = ?", tenant).First(&o, id).Error
	return o, err
}

func (r *Repo) finders(tenant string, id int64) {
	var orders []Order
	r.db.Find(&orders)                                // want `TV101: select from "orders"`
	r.db.Where("tenant_id = ?", tenant).Find(&orders) // scoped
	r.db.Where("id = ?", id).Take(&orders)            // want `TV101: select from "orders"`
	r.db.Where("tenant_id = ? AND id = ?", tenant, id).Last(&orders)
	r.db.Where("tenant_id", tenant).Find(&orders)            // a column and its value
	r.db.Where(&Order{TenantID: tenant}).Find(&orders)       // a struct condition
	r.db.Where(&Order{TenantID: "", Total: 5}).Find(&orders) // want `TV101: select from "orders"`
	r.db.Where(map[string]interface{}{"tenant_id": tenant}).Find(&orders)
	r.db.Where(map[string]interface{}{"tenant_id": []string{"a", "b"}}).Find(&orders) // want `TV101: select from "orders"`
	r.db.Where("tenant_id IN ?", []string{tenant}).Find(&orders)
	r.db.Find(&orders, "tenant_id = ?", tenant)
	r.db.Find(&orders, "total > ?", 5) // want `TV101: select from "orders"`
	r.db.Find(&orders, map[string]interface{}{"tenant_id": tenant})
	r.db.Find(&Plan{})
}

func (r *Repo) or(tenant string, id int64) {
	var orders []Order
	r.db.Where("tenant_id = ?", tenant).Or("id = ?", id).Find(&orders)                   // want `TV101: select from "orders"`
	r.db.Where("tenant_id = ?", tenant).Where("total > 1").Or("total < 0").Find(&orders) // want `TV101: select from "orders"`
	r.db.Where("tenant_id = ?", tenant).Not("total = 0").Find(&orders)
	r.db.Not("tenant_id = ?", tenant).Find(&orders)                // want `TV101: select from "orders"`
	r.db.Where("total > 1 OR tenant_id = ?", tenant).Find(&orders) // want `TV101: select from "orders"`
	r.db.Where("tenant_id = ?", tenant).Where("total > 1 OR total < 0").Find(&orders)
}

func (r *Repo) tables(tenant string) {
	var n int64
	r.db.Model(&Order{}).Count(&n) // want `TV101: select from "orders"`
	r.db.Model(&Order{}).Where("tenant_id = ?", tenant).Count(&n)
	r.db.Table("orders").Count(&n) // want `TV101: select from "orders"`
	r.db.Table("orders o").Where("o.tenant_id = ?", tenant).Count(&n)
	var totals []int
	r.db.Model(&Order{}).Pluck("total", &totals) // want `TV101: select from "orders"`
	r.db.Model(&Order{}).Where("tenant_id = ?", tenant).Pluck("total", &totals)
	var items []OrderItem
	r.db.Joins("JOIN orders ON orders.id = order_items.order_id").Where("order_items.tenant_id = ?", tenant).Find(&items) // want `TV101: select from "orders"`
	r.db.Joins("JOIN orders ON orders.id = order_items.order_id AND orders.tenant_id = ?", tenant).Where("order_items.tenant_id = ?", tenant).Find(&items)
	r.db.Model(&Plan{}).Count(&n)
	r.db.Model(&Order{}).Select("total").Where("tenant_id = ?", tenant).Scan(&totals)
	r.db.Model(&Order{}).Select("total").Scan(&totals) // want `TV101: select from "orders"`
	// A subquery is a block of its own.
	r.db.Where("tenant_id = ? AND customer_id IN (?)", tenant, r.db.Model(&OrderItem{}).Select("order_id")).Find(&items) // want `TV101: select from "order_items"`
	r.db.Where("tenant_id = ? AND customer_id IN (?)", tenant, r.db.Model(&OrderItem{}).Select("order_id").Where("tenant_id = ?", tenant)).Find(&items)
}

func (r *Repo) writes(tenant string, id int64, o *Order) {
	r.db.Model(&Order{}).Where("id = ?", id).Update("total", 0) // want `TV101: update of "orders"`
	r.db.Model(&Order{}).Where("tenant_id = ? AND id = ?", tenant, id).Update("total", 0)
	r.db.Model(o).Update("total", 0) // want `TV101: update of "orders"`
	r.db.Model(o).Where("tenant_id = ?", tenant).Update("total", 0)
	r.db.Model(&Order{}).Where("id = ?", id).Updates(map[string]interface{}{"total": 0}) // want `TV101: update of "orders"`
	r.db.Model(&Order{}).Where("tenant_id = ?", tenant).Updates(map[string]interface{}{"total": 0})
	r.db.Model(&Order{}).Where("id = ?", id).Updates(Order{Total: 3}) // want `TV101: update of "orders"`
	r.db.Model(&Order{}).Where("tenant_id = ?", tenant).Updates(Order{Total: 3})
	r.db.Model(&Order{}).Where("tenant_id = ?", tenant).Updates(Order{TenantID: "other"}) // want `TV103: `
	r.db.Delete(&Order{}, id)                                                             // want `TV101: delete from "orders"`
	r.db.Where("tenant_id = ?", tenant).Delete(&Order{}, id)
	r.db.Delete(o) // want `TV101: delete from "orders"`
	r.db.Where("tenant_id = ?", tenant).Delete(o)
	r.db.Create(&Order{ID: id, Total: 1}) // want `TV102: insert into "orders" does not set tenant_id`
	r.db.Create(&Order{ID: id, TenantID: tenant, Total: 1})
	r.db.Create(o)                                                            // a value whose fields are unknown
	r.db.Save(&Order{ID: id, TenantID: tenant})                               // want `TV101: update of "orders"` `TV103: update "orders" sets tenant_id`
	r.db.Model(&Order{}).Create(map[string]interface{}{"id": id, "total": 1}) // want `TV102: insert into "orders" does not set tenant_id`
	r.db.Model(&Order{}).Create(map[string]interface{}{"id": id, "tenant_id": tenant})
}

// Raw SQL is checked where Raw and Exec are called.
func (r *Repo) raw(tenant string, id int64) {
	var o Order
	r.db.Raw("SELECT * FROM orders WHERE id = ?", id).Scan(&o) // want `TV101: select from "orders"`
	r.db.Raw("SELECT * FROM orders WHERE tenant_id = ? AND id = ?", tenant, id).Scan(&o)
	r.db.Exec("DELETE FROM orders WHERE id = @id", map[string]interface{}{"id": id}) // want `TV101: delete from "orders"`
	r.db.Exec("DELETE FROM orders WHERE tenant_id = @t AND id = @id", map[string]interface{}{"t": tenant, "id": id})
}

// A transaction's handle starts with no clause; a session keeps them.
func (r *Repo) tx(tenant string, id int64) error {
	return r.db.Transaction(func(tx *gorm.DB) error {
		var o Order
		if err := tx.First(&o, id).Error; err != nil { // want `TV101: select from "orders"`
			return err
		}
		return tx.Where("tenant_id = ?", tenant).First(&o, id).Error
	})
}

func (r *Repo) sessions(tenant string, id int64) {
	var o Order
	scoped := r.db.Where("tenant_id = ?", tenant)
	scoped.Session(&gorm.Session{}).First(&o, id)
	scoped.Session(&gorm.Session{NewDB: true}).First(&o, id) // want `TV101: select from "orders"`
	scoped.Unscoped().Debug().First(&o, id)
	tx := r.db.Begin()
	tx.First(&o, id) // want `TV101: select from "orders"`
	tx = tx.Where("tenant_id = ?", tenant)
	tx.First(&o, id)
}

// A Where added in place, or only on some paths, is not followed.
func (r *Repo) locals(tenant string, id int64, all bool) {
	var o Order
	q := r.db.Model(&Order{})
	if !all {
		q = q.Where("tenant_id = ?", tenant)
	}
	q.First(&o, id) // want `TV101: select from "orders"`

	p := r.db.Model(&Order{})
	p.Where("tenant_id = ?", tenant)
	p.First(&o, id) // changed in place: unknown, and silent
}

// Hooks may set the tenant column, so a Create through them is unknown.
type Invoice struct {
	ID       int64
	TenantID string
}

func (i *Invoice) BeforeCreate(tx *gorm.DB) error { return nil }

func (r *Repo) hooks(id int64) {
	r.db.Create(&Invoice{ID: id})
}
