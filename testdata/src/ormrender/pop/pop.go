// Package render holds pop chains whose rebuilt SQL TestSquirrelSQL
// compares with the want comments: "sql: <text>", or "unknown" for a chain
// that tenantvet does not follow.
package render

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

// Item has a UUID key, which Create writes, and columns of every kind.
type Item struct {
	ID        UUID   `db:"id"`
	TenantID  string `db:"tenant_id"`
	SKU       string `db:"sku"`
	Note      string `db:"-"`
	Lines     int    `rw:"r" db:"lines"`
	Token     string `rw:"w" db:"token"`
	Total     int    `db:"total" select:"(SELECT 1) AS total"`
	Untagged  string
	Parent    *Order `belongs_to:"orders"`
	CreatedAt Time   `db:"created_at"`
	UpdatedAt Time   `db:"updated_at"`
}

type UUID [16]byte

type Time struct{ wall uint64 }

// Plan names its table with a context, as kratos's models do.
type Plan struct {
	ID   int64  `db:"id"`
	Name string `db:"name"`
}

func (Plan) TableName(context.Context) string { return "price_plans" } // want TableName:`constResult\("price_plans"\)`

// Base is embedded: its fields are the model's.
type Base struct {
	ID       int64  `db:"id"`
	TenantID string `db:"tenant_id"`
}

type Note struct {
	Base
	Body string `db:"body"`
}

func finders(c *pop.Connection, id int64, tenant string, ids []int64, sort string) {
	var o Order
	var os []Order
	c.Find(&o, id)                                                                                                                  // want `^sql: SELECT orders.customer_id, orders.id, orders.tenant_id, orders.total FROM orders AS orders WHERE orders.id = \? LIMIT 1$`
	c.Where("tenant_id = ?", tenant).Find(&o, id)                                                                                   // want `^sql: SELECT orders.customer_id, orders.id, orders.tenant_id, orders.total FROM orders AS orders WHERE tenant_id = \? AND orders.id = \? LIMIT 1$`
	c.First(&o)                                                                                                                     // want `^sql: SELECT orders.customer_id, orders.id, orders.tenant_id, orders.total FROM orders AS orders LIMIT 1$`
	c.Order("total").Last(&o)                                                                                                       // want `^sql: SELECT orders.customer_id, orders.id, orders.tenant_id, orders.total FROM orders AS orders ORDER BY total, created_at DESC, id DESC LIMIT 1$`
	c.Q().Where("a = ?", 1).Where("b = ? OR c = ?", 2, 3).All(&os)                                                                  // want `^sql: SELECT orders.customer_id, orders.id, orders.tenant_id, orders.total FROM orders AS orders WHERE a = \? AND b = \? OR c = \?$`
	pop.Q(c).Order(sort).Paginate(2, 10).All(&os)                                                                                   // want `^sql: SELECT orders.customer_id, orders.id, orders.tenant_id, orders.total FROM orders AS orders ORDER BY 1 LIMIT 1 OFFSET 1$`
	c.Limit(5).Select("id", " ", "total AS t", "id").All(&os)                                                                       // want `^sql: SELECT id, total AS t FROM orders AS orders LIMIT 1$`
	c.Where("id in (?)", 1, 2, 3).All(&os)                                                                                          // want `^sql: SELECT orders.customer_id, orders.id, orders.tenant_id, orders.total FROM orders AS orders WHERE id  IN \(\?,\?,\?\)$`
	c.Where("id IN (?)", ids).All(&os)                                                                                              // want `^sql: SELECT orders.customer_id, orders.id, orders.tenant_id, orders.total FROM orders AS orders WHERE id  IN \(\?,\?\)$`
	c.Where("tenant_id in (?)", []string{tenant}).All(&os)                                                                          // want `^sql: SELECT orders.customer_id, orders.id, orders.tenant_id, orders.total FROM orders AS orders WHERE tenant_id  IN \(\?\)$`
	c.Count(&o)                                                                                                                     // want `^sql: SELECT COUNT\(\*\) AS row_count FROM \(SELECT orders.customer_id, orders.id, orders.tenant_id, orders.total FROM orders AS orders\) a$`
	c.Where("total > 1").Order("id").Limit(3).CountByField(&o, "total")                                                             // want `^sql: SELECT COUNT\(total\) AS row_count FROM \(SELECT orders.customer_id, orders.id, orders.tenant_id, orders.total FROM orders AS orders WHERE total > 1\) a$`
	c.Where("id = ?", id).Exists(&o)                                                                                                // want `^sql: SELECT EXISTS \(SELECT orders.customer_id, orders.id, orders.tenant_id, orders.total FROM orders AS orders WHERE id = \?\)$`
	c.Q().Join("order_items i", "i.order_id = orders.id AND i.sku = ?", "x").LeftJoin("plans", "").All(&os)                         // want `^sql: SELECT orders.customer_id, orders.id, orders.tenant_id, orders.total FROM orders AS orders JOIN order_items i ON i.order_id = orders.id AND i.sku = \? LEFT JOIN plans$`
	c.Q().RightJoin("a", "a.x = 1").LeftOuterJoin("b", "b.x = 1").RightOuterJoin("c", "c.x = 1").InnerJoin("d", "d.x = 1").All(&os) // want `^sql: SELECT orders.customer_id, orders.id, orders.tenant_id, orders.total FROM orders AS orders RIGHT JOIN a ON a.x = 1 LEFT OUTER JOIN b ON b.x = 1 RIGHT OUTER JOIN c ON c.x = 1 INNER JOIN d ON d.x = 1$`
	c.Select("customer_id", "count(*) AS n").GroupBy("customer_id").Having("count(*) > ?", 1).All(&os)                              // want `^sql: SELECT count\(\*\) AS n, customer_id FROM orders AS orders GROUP BY customer_id HAVING count\(\*\) > \?$`
	c.Q().Having("count(*) > 1").All(&os)                                                                                           // want `^sql: SELECT orders.customer_id, orders.id, orders.tenant_id, orders.total FROM orders AS orders$`
	c.Eager("Items").Where("tenant_id = ?", tenant).EagerPreload().First(&o)                                                        // want `^sql: SELECT orders.customer_id, orders.id, orders.tenant_id, orders.total FROM orders AS orders WHERE tenant_id = \? LIMIT 1$`
	c.BelongsToAs(&o, "order_id").All(&[]Item{})                                                                                    // want `^sql: SELECT \(SELECT 1\) AS total, items.Untagged, items.created_at, items.id, items.lines, items.sku, items.tenant_id, items.updated_at FROM items AS items WHERE order_id = \?$`
	c.Reload(&o)                                                                                                                    // want `^sql: SELECT orders.customer_id, orders.id, orders.tenant_id, orders.total FROM orders AS orders WHERE orders.id = \? LIMIT 1$`
	c.All(&[]*Plan{})                                                                                                               // want `^sql: SELECT price_plans.id, price_plans.name FROM price_plans AS price_plans$`
	c.First(&Note{})                                                                                                                // want `^sql: SELECT notes.body, notes.id, notes.tenant_id FROM notes AS notes LIMIT 1$`
	c.Where(sort).All(&os)                                                                                                          // want `^unknown$`
	c.BelongsTo(&o).All(&os)                                                                                                        // want `^unknown$`
	c.First(o.Total)                                                                                                                // want `^unknown$`
	c.Where("id = ?", id).Exec()
	c.RawQuery("SELECT 1").All(&os)
	c.RawQuery("SELECT 1").Where("a = 1").Exec()
}

func writes(c *pop.Connection, q *pop.Query, id int64, tenant string, o *Order, cols []string) {
	c.Where("tenant_id = ?", tenant).Delete(&Order{})                  // want `^sql: DELETE FROM orders AS orders WHERE tenant_id = \?$`
	c.Q().Join("x", "x.id = orders.id").Order("id").Limit(1).Delete(o) // want `^sql: DELETE FROM orders AS orders$`
	c.Destroy(o)                                                       // want `^sql: DELETE FROM "orders" AS orders WHERE orders.id = \?$`
	c.Update(o)                                                        // want `^sql: UPDATE "orders" AS orders SET "customer_id" = \?, "tenant_id" = \?, "total" = \? WHERE orders.id = \?$`
	c.ValidateAndUpdate(o, "tenant_id")                                // want `^sql: UPDATE "orders" AS orders SET "customer_id" = \?, "total" = \? WHERE orders.id = \?$`
	c.Update(&Item{})                                                  // want `^sql: UPDATE "items" AS items SET "Untagged" = \?, "sku" = \?, "tenant_id" = \?, "token" = \?, "updated_at" = \? WHERE items.id = \?$`
	c.UpdateColumns(o, "total", "id")                                  // want `^sql: UPDATE "orders" AS orders SET "total" = \? WHERE orders.id = \?$`
	c.UpdateColumns(o)                                                 // want `^sql: UPDATE "orders" AS orders SET "customer_id" = \?, "tenant_id" = \?, "total" = \? WHERE orders.id = \?$`
	c.Where("tenant_id = ?", tenant).UpdateQuery(o, "total")           // want `^sql: UPDATE "orders" AS orders SET "total" = \? WHERE tenant_id = \?$`
	c.Where("id = ?", id).UpdateQuery(&Item{}, "sku", "created_at")    // want `^sql: UPDATE "items" AS items SET "sku" = \?, "updated_at" = \? WHERE id = \?$`
	c.Q().UpdateQuery(o)                                               // want `^unknown$`
	c.UpdateColumns(o, cols...)                                        // want `^unknown$`
	c.Create(&Order{ID: id, Total: 1})                                 // want `^sql: INSERT INTO "orders" \("total"\) VALUES \(\?\) RETURNING id$`
	c.Create(&Order{TenantID: tenant, CustomerID: 0, Total: 1})        // want `^sql: INSERT INTO "orders" \("tenant_id","total"\) VALUES \(\?,\?\) RETURNING id$`
	c.Create(&Order{TenantID: tenant}, "tenant_id")                    // want `^sql: INSERT INTO "orders" DEFAULT VALUES RETURNING id$`
	c.ValidateAndCreate(&Order{1, tenant, 2, 3})                       // want `^sql: INSERT INTO "orders" \("customer_id","tenant_id","total"\) VALUES \(\?,\?,\?\) RETURNING id$`
	c.Create(&Item{SKU: "x", Token: "t", Lines: 2})                    // want `^sql: INSERT INTO "items" \("created_at","id","sku","token","updated_at"\) VALUES \(\?,\?,\?,\?,\?\)$`
	c.Create(&Note{Base: Base{TenantID: tenant}, Body: "b"})           // want `^sql: INSERT INTO "notes" \("body","tenant_id"\) VALUES \(\?,\?\) RETURNING id$`
	c.Create(&Note{Base: base(), Body: "b"})                           // want `^sql: INSERT INTO "notes" \("body","tenant_id"\) VALUES \(\?,\?\) RETURNING id$`
	c.Create(&Item{Parent: o})                                         // want `^unknown$`
	c.Create(o)                                                        // want `^unknown$`
	c.Save(&Order{ID: id, Total: 1})                                   // want `^sql: UPDATE "orders" AS orders SET "customer_id" = \?, "tenant_id" = \?, "total" = \? WHERE orders.id = \?$`
	c.ValidateAndSave(&Order{Total: 1}, "customer_id")                 // want `^sql: INSERT INTO "orders" \("total"\) VALUES \(\?\) RETURNING id$`
	c.Save(o)                                                          // want `^unknown$`
	q.Where("tenant_id = ?", tenant).All(&[]Order{})                   // want `^unknown$`
}

func base() Base { return Base{} }

// A query kept in a variable counts the clauses added on every path.
func locals(c *pop.Connection, tenant string, all bool) {
	var os []Order
	q := c.Where("total > 0")
	if !all {
		q = q.Where("tenant_id = ?", tenant)
	}
	q.All(&os) // want `^sql: SELECT orders.customer_id, orders.id, orders.tenant_id, orders.total FROM orders AS orders WHERE total > 0$`

	p := c.Q()
	p.Where("tenant_id = ?", tenant)
	p.All(&os) // want `^unknown$`
}

// Scopes and the functions that build a query.
func byTenant(tenant string) pop.ScopeFunc { // want byTenant:`popScope\(unfinished statement builder\)`
	return func(q *pop.Query) *pop.Query { return q.Where("tenant_id = ?", tenant) }
}

func recent(q *pop.Query) *pop.Query { return q.Order("id DESC") } // want recent:`popExtends\(0, unfinished statement builder\)`

func scoped(c *pop.Connection, tenant string) *pop.Query { return c.Where("tenant_id = ?", tenant) } // want scoped:`popResult\(unfinished statement builder\)`

func scopes(c *pop.Connection, tenant string, sf pop.ScopeFunc) {
	var os []Order
	c.Scope(byTenant(tenant)).Scope(recent).All(&os)                                  // want `^sql: SELECT orders.customer_id, orders.id, orders.tenant_id, orders.total FROM orders AS orders WHERE tenant_id = \? ORDER BY id DESC$`
	c.Q().Scope(func(q *pop.Query) *pop.Query { return q.Where("a = 1") }).First(&os) // want `^sql: SELECT orders.customer_id, orders.id, orders.tenant_id, orders.total FROM orders AS orders WHERE a = 1 LIMIT 1$`
	recent(scoped(c, tenant)).All(&os)                                                // want `^sql: SELECT orders.customer_id, orders.id, orders.tenant_id, orders.total FROM orders AS orders WHERE tenant_id = \? ORDER BY id DESC$`
	c.Scope(sf).All(&os)                                                              // want `^unknown$`
}
