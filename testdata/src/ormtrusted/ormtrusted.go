// Package ormtrusted runs under orm_scoped: [gorm], where gorm's own tenant
// mechanism scopes its chains; raw SQL is still checked.
package ormtrusted

import "gorm.io/gorm"

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
