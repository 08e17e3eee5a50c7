// Package gormrender pins the SQL that gorm chains are rebuilt into.
package gormrender

import "gorm.io/gorm"

type Order struct {
	ID       int64
	TenantID string
	Total    int
}

type APIKey struct {
	gorm.Model
	OrgID string
	Label string `gorm:"column:name"`
	Skip  string `gorm:"-"`
}

type Person struct{ ID int64 }

type Category struct {
	Code  string `gorm:"primaryKey"`
	OrgID string `gorm:"primaryKey"`
}

func chains(db *gorm.DB, t string, id int64, ids []int64, k *APIKey, c *Category) {
	var o Order
	var os []Order
	var n int64
	db.First(&o, id)                                                                             // want `sql: SELECT \* FROM orders WHERE id = \? LIMIT 1`
	db.First(&o, "10")                                                                           // want `sql: SELECT \* FROM orders WHERE id = \? LIMIT 1`
	db.Find(&os, ids)                                                                            // want `sql: SELECT \* FROM orders WHERE id IN \(\?,\?\)`
	db.Find(&os, []int64{1, 2, 3})                                                               // want `sql: SELECT \* FROM orders WHERE id IN \(\?,\?,\?\)`
	db.Where("tenant_id = ?", t).Where("a = 1 or b = 2").Find(&os)                               // want `sql: SELECT \* FROM orders WHERE tenant_id = \? AND \(a = 1 or b = 2\)`
	db.Where("a = 1").Where("b = 2").Or("c = 3").Find(&os)                                       // want `sql: SELECT \* FROM orders WHERE a = 1 AND b = 2 OR c = 3`
	db.Not("a = ?", 1).Find(&os)                                                                 // want `sql: SELECT \* FROM orders WHERE NOT \(a = \?\)`
	db.Where("tenant_id IN ?", ids).Find(&os)                                                    // want `sql: SELECT \* FROM orders WHERE tenant_id IN \(\?,\?\)`
	db.Where(map[string]interface{}{"b": 1, "a": nil}).Find(&os)                                 // want `sql: SELECT \* FROM orders WHERE a IS NULL AND b = \?`
	db.Where(&APIKey{OrgID: t, Label: ""}).Find(&os)                                             // want `sql: SELECT \* FROM orders WHERE org_id = \?`
	db.Model(&APIKey{}).Count(&n)                                                                // want `sql: SELECT count\(\*\) FROM api_keys`
	db.Model(&Person{}).Where("id = @id", map[string]interface{}{"id": id}).Count(&n)            // want `sql: SELECT count\(\*\) FROM people WHERE id = @id`
	db.Table("orders o").Joins("JOIN items i ON i.order_id = o.id").Select("o.id").Scan(&os)     // want `sql: SELECT o.id FROM orders o JOIN items i ON i.order_id = o.id`
	db.Joins("Customer").Find(&os)                                                               // want `unknown`
	db.Where("id = ?", id).Group("total").Having("count(*) > ?", 1).Limit(5).Offset(1).Find(&os) // want `sql: SELECT \* FROM orders WHERE id = \? GROUP BY total HAVING count\(\*\) > \? LIMIT 1 OFFSET 1`
	db.Model(k).Update("name", "x")                                                              // want `sql: UPDATE api_keys SET name = \? WHERE id = \?`
	db.Model(c).Updates(map[string]interface{}{"b": 1, "a": 2})                                  // want `sql: UPDATE categories SET a = \?, b = \? WHERE code = \? AND org_id = \?`
	db.Model(&o).Update("total", db.Model(&Order{}).Select("max(total)"))                        // want `sql: UPDATE orders SET total = \(SELECT max\(total\) FROM orders\) WHERE id = \?`
	db.Delete(&Category{Code: "a"})                                                              // want `sql: DELETE FROM categories WHERE code = \?`
	db.Delete(&Order{}, "total = ?", 0)                                                          // want `sql: DELETE FROM orders WHERE total = \?`
	db.Create(&APIKey{OrgID: t, Label: "k", Skip: "s"})                                          // want `sql: INSERT INTO api_keys \(org_id,name\) VALUES \(\?,\?\)`
	db.Create(&Order{TenantID: t, Total: 0})                                                     // want `sql: INSERT INTO orders \(tenant_id,total\) VALUES \(\?,\?\)`
	db.Table("orders").Create(map[string]interface{}{"tenant_id": t})                            // want `sql: INSERT INTO orders \(tenant_id\) VALUES \(\?\)`
	db.Save(&Order{TenantID: t})                                                                 // want `sql: INSERT INTO orders \(tenant_id\) VALUES \(\?\)`
	db.Raw("SELECT 1").Scan(&n)
	db.Where(t).Find(&os)                                                                 // want `unknown`
	db.Where(&o).Find(&os)                                                                // want `unknown`
	db.Find(&os, t)                                                                       // want `unknown`
	db.Scopes(func(d *gorm.DB) *gorm.DB { return d.Where("tenant_id = ?", t) }).Find(&os) // want `sql: SELECT \* FROM orders WHERE tenant_id = \?`
}
