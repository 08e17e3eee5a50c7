// Package popuse holds pop chains, each unscoped one beside its scoped
// twin.
package popuse

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

type OrderItem struct {
	ID       int64  `db:"id"`
	OrderID  int64  `db:"order_id"`
	TenantID string `db:"tenant_id"`
	SKU      string `db:"sku"`
}

// Plan names a table that is not a tenant table.
type Plan struct {
	ID   int64  `db:"id"`
	Name string `db:"name"`
}

func (Plan) TableName(ctx context.Context) string { return "price_plans" } // want TableName:`constResult\("price_plans"\)`

type Repo struct{ c *pop.Connection }

func (r *Repo) conn(ctx context.Context) *pop.Connection { return r.c.WithContext(ctx) }

// The textbook IDOR: fetch by id with no tenant.
func (r *Repo) Get(ctx context.Context, id int64) (Order, error) {
	var o Order
	err := r.conn(ctx).Find(&o, id) // want `TV101: select from "orders" has no tenant_id predicate; add orders.tenant_id = \$n`
	return o, err
}

func (r *Repo) nopeGet(ctx context.Context, tenant string, id int64) (Order, error) {
	var o Order
	err := r.conn(ctx).Where("tenant_id = ?", tenant).Find(&o, id)
	return o, err
}

func (r *Repo) finders(tenant string, id int64) {
	var o Order
	var os []Order
	r.c.All(&os)                                                // want `TV101: select from "orders"`
	r.c.Where("tenant_id = ?", tenant).All(&os)                 // scoped
	r.c.Where("id = ? AND tenant_id = ?", id, tenant).First(&o) // scoped
	r.c.Where("id = ?", id).First(&o)                           // want `TV101: select from "orders"`
	r.c.Q().Where("id = ?", id).Last(&o)                        // want `TV101: select from "orders"`
	pop.Q(r.c).Where("tenant_id = ?", tenant).Last(&o)
	r.c.Order("id").Paginate(1, 20).All(&os) // want `TV101: select from "orders"`
	r.c.Where("tenant_id = ?", tenant).Order("id").Paginate(1, 20).All(&os)
	r.c.Select("id", "total").All(&os) // want `TV101: select from "orders"`
	r.c.Select("id", "total").Where("tenant_id = ?", tenant).All(&os)
	r.c.Where("tenant_id in (?)", []string{tenant, "b"}).All(&os) // want `TV101: select from "orders"`
	r.c.Where("tenant_id in (?)", tenant).All(&os)
	r.c.Eager().Find(&o, id) // want `TV101: select from "orders"`
	r.c.Eager().Where("tenant_id = ?", tenant).Find(&o, id)
	r.c.Reload(&o) // want `TV101: select from "orders"`
	r.c.All(&[]Plan{})
	r.c.Find(&Plan{}, id)
	r.c.BelongsToAs(&o, "order_id").All(&[]OrderItem{}) // want `TV101: select from "order_items"`
	r.c.BelongsToAs(&o, "order_id").Where("tenant_id = ?", tenant).All(&[]OrderItem{})
}

func (r *Repo) counts(tenant string) {
	r.c.Count(&Order{}) // want `TV101: select from "orders"`
	r.c.Where("tenant_id = ?", tenant).Count(&Order{})
	r.c.Q().CountByField(&Order{}, "total") // want `TV101: select from "orders"`
	r.c.Where("tenant_id = ?", tenant).CountByField(&Order{}, "total")
	r.c.Where("total > 0").Exists(&Order{}) // want `TV101: select from "orders"`
	r.c.Where("total > 0 AND tenant_id = ?", tenant).Exists(&Order{})
	r.c.Count(new(Plan))
}

// pop joins Where fragments with AND and adds no parentheses: the shape of
// kratos's pagination bug (ory/kratos 93d364c8), where a page condition
// with OR escapes the tenant.
func (r *Repo) precedence(tenant string, total int, id int64) {
	var os []Order
	r.c.Where("orders.tenant_id = ?", tenant).Where("(total > ?) OR (total = ? AND id > ?)", total, total, id).All(&os) // want `TV101: select from "orders"`
	r.c.Where("orders.tenant_id = ?", tenant).Where("((total > ?) OR (total = ? AND id > ?))", total, total, id).All(&os)
	r.c.Where("orders.tenant_id = ?", tenant).Scope(keyset(total, id)).All(&os) // want `TV101: select from "orders"`
	r.c.Where("orders.tenant_id = ?", tenant).Scope(keysetFixed(total, id)).All(&os)
	r.c.Where("(total > ?) OR (total = ? AND id > ?)", total, total, id).Where("orders.tenant_id = ?", tenant).All(&os) // want `TV101: select from "orders"`
}

func keyset(total int, id int64) pop.ScopeFunc { // want keyset:`popScope\(unfinished statement builder\)`
	return func(q *pop.Query) *pop.Query {
		return q.Where("(total > ?) OR (total = ? AND id > ?)", total, total, id).Order("total, id")
	}
}

func keysetFixed(total int, id int64) pop.ScopeFunc { // want keysetFixed:`popScope\(unfinished statement builder\)`
	return func(q *pop.Query) *pop.Query {
		return q.Where("((total > ?) OR (total = ? AND id > ?))", total, total, id).Order("total, id")
	}
}

// A scope function, and a helper that scopes the connection.
func forTenant(tenant string) pop.ScopeFunc { // want forTenant:`popScope\(unfinished statement builder\)`
	return func(q *pop.Query) *pop.Query { return q.Where("tenant_id = ?", tenant) }
}

func (r *Repo) scoped(tenant string) *pop.Query { return r.c.Where("tenant_id = ?", tenant) } // want scoped:`popResult\(unfinished statement builder\)`

func (r *Repo) scopes(tenant string, id int64) {
	var o Order
	r.c.Scope(forTenant(tenant)).Find(&o, id)
	r.c.Q().Scope(forTenant(tenant)).Find(&o, id)
	r.c.Scope(func(q *pop.Query) *pop.Query { return q.Where("id = ?", id) }).First(&o) // want `TV101: select from "orders"`
	r.scoped(tenant).Find(&o, id)
	r.scoped(tenant).Where("id = ?", id).Delete(&Order{})
}

func (r *Repo) joins(tenant string) {
	var items []OrderItem
	r.c.Q().Join("orders", "orders.id = order_items.order_id").Where("order_items.tenant_id = ?", tenant).All(&items) // want `TV101: select from "orders"`
	r.c.Q().Join("orders", "orders.id = order_items.order_id AND orders.tenant_id = order_items.tenant_id").Where("order_items.tenant_id = ?", tenant).All(&items)
	r.c.Q().LeftJoin("price_plans p", "p.id = order_items.id").Where("order_items.tenant_id = ?", tenant).All(&items)
	r.c.Q().InnerJoin("orders o", "o.id = order_items.order_id").Where("o.tenant_id = ?", tenant).All(&items) // want `TV101: select from "order_items"`
}

func (r *Repo) groups(tenant string) {
	var os []Order
	r.c.Select("customer_id", "sum(total) AS total").GroupBy("customer_id").Having("sum(total) > ?", 10).All(&os) // want `TV101: select from "orders"`
	r.c.Select("customer_id", "sum(total) AS total").Where("tenant_id = ?", tenant).GroupBy("customer_id").Having("sum(total) > ?", 10).All(&os)
}

// Writes through the connection name the row by its id alone.
func (r *Repo) writes(tenant string, id int64, o *Order) {
	r.c.Update(o)                         // want `TV101: update of "orders"` `TV103: update "orders" sets tenant_id`
	r.c.Update(o, "tenant_id")            // want `TV101: update of "orders"`
	r.c.ValidateAndUpdate(o, "tenant_id") // want `TV101: update of "orders"`
	r.c.UpdateColumns(o, "total")         // want `TV101: update of "orders"`
	r.c.Update(&Plan{})
	r.c.Destroy(o) // want `TV101: delete from "orders"`
	r.c.Destroy(&Plan{})
	r.c.Where("id = ?", id).Delete(&Order{}) // want `TV101: delete from "orders"`
	r.c.Where("tenant_id = ? AND id = ?", tenant, id).Delete(&Order{})
	r.c.Where("id = ?", id).UpdateQuery(o, "total") // want `TV101: update of "orders"`
	r.c.Where("tenant_id = ? AND id = ?", tenant, id).UpdateQuery(o, "total")
	r.c.Where("tenant_id = ? AND id = ?", tenant, id).UpdateQuery(o, "total", "tenant_id") // want `TV103: update "orders" sets tenant_id`
	r.c.Save(&Order{ID: id, TenantID: tenant}, "tenant_id")                                // want `TV101: update of "orders"`
}

// Create writes every column, a zero tenant too, which is no tenant.
func (r *Repo) creates(tenant string, id int64, o *Order) {
	r.c.Create(&Order{Total: 1}) // want `TV102: insert into "orders" does not set tenant_id`
	r.c.Create(&Order{TenantID: tenant, Total: 1})
	r.c.Create(&Order{TenantID: "", Total: 1}) // want `TV102: insert into "orders" does not set tenant_id`
	r.c.ValidateAndCreate(&Order{Total: 1})    // want `TV102: insert into "orders" does not set tenant_id`
	r.c.ValidateAndCreate(&Order{TenantID: tenant})
	r.c.Create(&OrderItem{TenantID: tenant, SKU: "x"}, "tenant_id") // want `TV102: insert into "order_items" does not set tenant_id`
	r.c.Save(&Order{Total: 1})                                      // want `TV102: insert into "orders" does not set tenant_id`
	r.c.ValidateAndSave(&Order{TenantID: tenant, Total: 1})
	r.c.Create(o) // a value whose fields are unknown
	r.c.Create(&Plan{Name: "p"})
	r.c.Eager().Create(&Order{Total: 1}) // want `TV102: insert into "orders" does not set tenant_id`
}

// Hooks may set the tenant column, so a Create through them is unknown.
type HookedOrder struct {
	ID       int64  `db:"id"`
	TenantID string `db:"tenant_id"`
	Total    int    `db:"total"`
}

func (HookedOrder) TableName() string { return "orders" } // want TableName:`constResult\("orders"\)`

func (o *HookedOrder) BeforeCreate(tx *pop.Connection) error { return nil }

type ValidatedOrder struct {
	ID       int64  `db:"id"`
	TenantID string `db:"tenant_id"`
}

func (ValidatedOrder) TableName() string { return "orders" } // want TableName:`constResult\("orders"\)`

func (o *ValidatedOrder) BeforeValidate(tx *pop.Connection) error { return nil }

func (r *Repo) hooks(id int64) {
	r.c.Create(&HookedOrder{Total: 1})
	r.c.Save(&HookedOrder{Total: 1})
	r.c.ValidateAndCreate(&ValidatedOrder{})
	r.c.Create(&ValidatedOrder{})    // want `TV102: insert into "orders" has no column list`
	r.c.Update(&HookedOrder{ID: id}) // want `TV101: update of "orders"` `TV103: update "orders" sets tenant_id`
}

// Raw SQL is checked where RawQuery is called, not where it runs.
func (r *Repo) raw(tenant string, id int64) {
	var o Order
	r.c.RawQuery("SELECT * FROM orders WHERE id = ?", id).First(&o) // want `TV101: select from "orders"`
	r.c.RawQuery("SELECT * FROM orders WHERE tenant_id = ? AND id = ?", tenant, id).First(&o)
	r.c.RawQuery("DELETE FROM orders WHERE id = ?", id).Exec() // want `TV101: delete from "orders"`
	r.c.RawQuery("DELETE FROM orders WHERE tenant_id = ? AND id = ?", tenant, id).ExecWithCount()
	r.c.Q().RawQuery("UPDATE orders SET total = 0 WHERE id = ?", id).Exec() // want `TV101: update of "orders"`
	r.c.RawQuery("SELECT * FROM orders WHERE tenant_id = ?", tenant).Where("id = ?", id).All(&o)
}

// A transaction's connection, and one from a helper, hold no clause.
func (r *Repo) tx(tenant string, id int64) error {
	return r.c.Transaction(func(tx *pop.Connection) error {
		var o Order
		if err := tx.Find(&o, id); err != nil { // want `TV101: select from "orders"`
			return err
		}
		return tx.Where("tenant_id = ?", tenant).Find(&o, id)
	})
}

// Any connection holds no clause, a local one and one a method returns too.
func (r *Repo) connections(ctx context.Context, tenant string, id int64) {
	var o Order
	c := r.c.WithContext(ctx)
	c.Find(&o, id) // want `TV101: select from "orders"`
	c.Where("tenant_id = ?", tenant).Find(&o, id)
	r.c.WithContext(ctx).Eager("Items").First(&o) // want `TV101: select from "orders"`
	if tx, err := r.c.NewTransaction(); err == nil {
		tx.Where("tenant_id = ?", tenant).Find(&o, id)
		tx.Find(&o, id) // want `TV101: select from "orders"`
	}
}

// A Where added only on some paths, or in place, is not followed.
func (r *Repo) locals(tenant string, id int64, all bool) {
	var os []Order
	q := r.c.Where("total > 0")
	if !all {
		q = q.Where("tenant_id = ?", tenant)
	}
	q.All(&os) // want `TV101: select from "orders"`

	p := r.c.Where("tenant_id = ?", tenant)
	p = p.Order("id")
	p.All(&os)

	s := r.c.Q()
	s.Where("tenant_id = ?", tenant)
	s.All(&os) // changed in place: unknown, and silent
}
