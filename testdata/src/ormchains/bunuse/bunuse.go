// Package bunuse holds bun chains, each unscoped one beside its scoped
// twin.
package bunuse

import (
	"context"
	"database/sql"

	"github.com/uptrace/bun"
)

type Order struct {
	ID         int64 `bun:",pk,autoincrement"`
	TenantID   string
	CustomerID int64
	Total      int
}

type OrderItem struct {
	bun.BaseModel `bun:"table:order_items,alias:oi"`

	ID       int64 `bun:",pk"`
	OrderID  int64
	TenantID string
	SKU      string `bun:"sku"`
	Order    *Order `bun:"rel:belongs-to,join:order_id=id"`
}

// Plan names a table that is not a tenant table.
type Plan struct {
	bun.BaseModel `bun:"table:price_plans"`

	ID   int64 `bun:",pk"`
	Name string
}

type Repo struct{ db *bun.DB }

// The textbook IDOR: fetch by id with no tenant.
func (r *Repo) Get(ctx context.Context, id int64) (Order, error) {
	var o Order
	err := r.db.NewSelect().Model(&o).Where("id = ?", id).Scan(ctx) // want `TV101: select from "orders" has no tenant_id predicate; add order.tenant_id = \$n`
	return o, err
}

func (r *Repo) nopeGet(ctx context.Context, tenant string, id int64) (Order, error) {
	var o Order
	err := r.db.NewSelect().Model(&o).Where("tenant_id = ?", tenant).Where("id = ?", id).Scan(ctx)
	return o, err
}

func (r *Repo) selects(ctx context.Context, tenant string, id int64, ids []int64) {
	var orders []Order
	r.db.NewSelect().Model(&orders).Scan(ctx) // want `TV101: select from "orders"`
	r.db.NewSelect().Model(&orders).Where("?TableAlias.tenant_id = ?", tenant).Scan(ctx)
	r.db.NewSelect().Model(&orders).Where("tenant_id = ?", tenant).WhereOr("id = ?", id).Scan(ctx) // want `TV101: select from "orders"`
	r.db.NewSelect().Model(&orders).Where("tenant_id = ?", tenant).WhereGroup(" AND ", func(q *bun.SelectQuery) *bun.SelectQuery {
		return q.Where("id = ?", id).WhereOr("total > 0")
	}).Scan(ctx)
	r.db.NewSelect().Model(&orders).Where("id = ?", id).WhereGroup(" OR ", func(q *bun.SelectQuery) *bun.SelectQuery { // want `TV101: select from "orders"`
		return q.Where("tenant_id = ?", tenant)
	}).Scan(ctx)
	// bun drops the separator of the first clause, a group's too.
	r.db.NewSelect().Model(&orders).WhereGroup(" OR ", func(q *bun.SelectQuery) *bun.SelectQuery {
		return q.Where("tenant_id = ?", tenant)
	}).Where("id = ?", id).Scan(ctx)
	r.db.NewSelect().Model(&orders).Where("tenant_id IN (?)", bun.In(ids)).Scan(ctx) // want `TV101: select from "orders"`
	r.db.NewSelect().Model(&orders).Where("tenant_id IN (?)", bun.In([]string{tenant})).Scan(ctx)
	r.db.NewSelect().Model(&orders).WherePK().Scan(ctx)            // want `TV101: select from "orders"`
	r.db.NewSelect().Model(&orders).WherePK("tenant_id").Scan(ctx) // want `TV101: select from "orders"`
	var o Order
	r.db.NewSelect().Model(&o).WherePK("tenant_id", "id").Scan(ctx)
	r.db.NewSelect().Model((*Order)(nil)).Column("id").ColumnExpr("total * 2").Where("total > ?", 1).Scan(ctx, &ids) // want `TV101: select from "orders"`
	r.db.NewSelect().Model((*Order)(nil)).Column("id").ColumnExpr("total * 2").Where("tenant_id = ?", tenant).Scan(ctx, &ids)
	r.db.NewSelect().Model(&orders).ExcludeColumn("total").Order("id DESC").OrderExpr("total").Limit(5).Offset(5).Scan(ctx) // want `TV101: select from "orders"`
	r.db.NewSelect().Model(&orders).ExcludeColumn("total").Order("id DESC").OrderExpr("total").Limit(5).Offset(5).Where("tenant_id = ?", tenant).Scan(ctx)
	r.db.NewSelect().Model((*Order)(nil)).ColumnExpr("customer_id, count(*)").Group("customer_id").Having("count(*) > 1").Scan(ctx, &ids) // want `TV101: select from "orders"`
	r.db.NewSelect().Model((*Order)(nil)).ColumnExpr("customer_id, count(*)").Group("customer_id").Having("count(*) > 1").Where("tenant_id = ?", tenant).Scan(ctx, &ids)
	r.db.NewSelect().Table("orders").Column("id").Scan(ctx, &ids) // want `TV101: select from "orders"`
	r.db.NewSelect().TableExpr("orders AS o").Column("o.id").Where("o.tenant_id = ?", tenant).Scan(ctx, &ids)
	r.db.NewSelect().Model(&orders).ModelTableExpr("orders AS o").Where("o.id = ?", id).Scan(ctx) // want `TV101: select from "orders"`
	r.db.NewSelect().Model(&orders).ModelTableExpr("orders AS o").Where("o.tenant_id = ?", tenant).Scan(ctx)
	r.db.NewSelect().Model(&Plan{}).Scan(ctx)
	r.db.NewSelect().Model(&orders).Relation("Items").Scan(ctx) // an association: unknown, and silent
}

func (r *Repo) terminals(ctx context.Context, tenant string) {
	var orders []Order
	r.db.NewSelect().Model((*Order)(nil)).Count(ctx) // want `TV101: select from "orders"`
	r.db.NewSelect().Model((*Order)(nil)).Where("tenant_id = ?", tenant).Count(ctx)
	r.db.NewSelect().Model((*Order)(nil)).Exists(ctx) // want `TV101: select from "orders"`
	r.db.NewSelect().Model((*Order)(nil)).Where("tenant_id = ?", tenant).Exists(ctx)
	r.db.NewSelect().Model(&orders).Limit(10).ScanAndCount(ctx) // want `TV101: select from "orders"`
	r.db.NewSelect().Model(&orders).Limit(10).Where("tenant_id = ?", tenant).ScanAndCount(ctx)
	r.db.NewSelect().Model(&orders).Exec(ctx) // want `TV101: select from "orders"`
	r.db.NewSelect().Model(&orders).Where("tenant_id = ?", tenant).Exec(ctx)
	r.db.NewSelect().Model(&orders).Rows(ctx) // want `TV101: select from "orders"`
	r.db.NewSelect().Model(&orders).Where("tenant_id = ?", tenant).Rows(ctx)
}

func (r *Repo) joins(ctx context.Context, tenant string) {
	var items []OrderItem
	r.db.NewSelect().Model(&items).Join("JOIN orders AS o").JoinOn("o.id = oi.order_id").Where("oi.tenant_id = ?", tenant).Scan(ctx) // want `TV101: select from "orders"`
	r.db.NewSelect().Model(&items).Join("JOIN orders AS o").JoinOn("o.id = oi.order_id").JoinOn("o.tenant_id = ?", tenant).Where("oi.tenant_id = ?", tenant).Scan(ctx)
	r.db.NewSelect().Model(&items).Join("JOIN orders AS o").JoinOn("o.id = oi.order_id").JoinOnOr("o.tenant_id = ?", tenant).Where("oi.tenant_id = ?", tenant).Scan(ctx) // want `TV101: select from "orders"`
	// A subquery is a block of its own.
	sub := r.db.NewSelect().Model((*OrderItem)(nil)).Column("order_id")
	r.db.NewSelect().Model((*Order)(nil)).Where("tenant_id = ? AND id IN (?)", tenant, sub).Scan(ctx) // want `TV101: select from "order_items"`
	scoped := r.db.NewSelect().Model((*OrderItem)(nil)).Column("order_id").Where("tenant_id = ?", tenant)
	r.db.NewSelect().Model((*Order)(nil)).Where("tenant_id = ? AND id IN (?)", tenant, scoped).Scan(ctx)
}

func (r *Repo) writes(ctx context.Context, tenant string, id int64, o *Order) {
	r.db.NewUpdate().Model((*Order)(nil)).Set("total = ?", 0).Where("id = ?", id).Exec(ctx) // want `TV101: update of "orders"`
	r.db.NewUpdate().Model((*Order)(nil)).Set("total = ?", 0).Where("tenant_id = ?", tenant).Where("id = ?", id).Exec(ctx)
	r.db.NewUpdate().Model((*Order)(nil)).SetColumn("total", "total + ?", 1).WherePK().Exec(ctx) // nil has no key: unknown
	r.db.NewUpdate().Model(o).Column("total").WherePK().Exec(ctx)                                // want `TV101: update of "orders"`
	r.db.NewUpdate().Model(o).Column("total").WherePK().Where("tenant_id = ?", tenant).Returning("id").Exec(ctx)
	r.db.NewUpdate().Model(o).WherePK().Where("tenant_id = ?", tenant).Exec(ctx) // want `TV103: update "orders" sets tenant_id`
	r.db.NewUpdate().Model(o).ExcludeColumn("tenant_id").WherePK().Where("tenant_id = ?", tenant).Exec(ctx)
	r.db.NewUpdate().Model(&Order{ID: id, Total: 2}).OmitZero().WherePK().Exec(ctx) // want `TV101: update of "orders"`
	r.db.NewUpdate().Model(&Order{ID: id, Total: 2}).OmitZero().WherePK().Where("tenant_id = ?", tenant).Exec(ctx)
	r.db.NewUpdate().Model(&Order{ID: id}).Column("total").Value("total", "total + 1").WherePK().Scan(ctx) // want `TV101: update of "orders"`
	r.db.NewUpdate().Model(&Order{ID: id}).Column("total").Value("total", "total + 1").WherePK("tenant_id", "id").Scan(ctx)
	r.db.NewUpdate().Table("orders").Set("total = 0").Exec(ctx)         // no WHERE: bun refuses it
	r.db.NewDelete().Model((*Order)(nil)).Where("id = ?", id).Exec(ctx) // want `TV101: delete from "orders"`
	r.db.NewDelete().Model((*Order)(nil)).Where("id = ?", id).Where("tenant_id = ?", tenant).Exec(ctx)
	r.db.NewDelete().Model(o).WherePK().Returning("id").Scan(ctx) // want `TV101: delete from "orders"`
	r.db.NewDelete().Model(o).WherePK().Where("tenant_id = ?", tenant).Scan(ctx)
	r.db.NewDelete().TableExpr("order_items").Where("order_id = ?", id).Exec(ctx) // want `TV101: delete from "order_items"`
	r.db.NewDelete().TableExpr("order_items").Where("order_id = ?", id).Where("tenant_id = ?", tenant).Exec(ctx)
}

func (r *Repo) inserts(ctx context.Context, tenant string, id int64, o *Order) {
	r.db.NewInsert().Model(&Order{Total: 1}).Exec(ctx) // want `TV102: insert into "orders" does not set tenant_id`
	r.db.NewInsert().Model(&Order{TenantID: tenant, Total: 1}).Exec(ctx)
	r.db.NewInsert().Model(&Order{TenantID: "", Total: 1}).Exec(ctx) // want `TV102: insert into "orders" does not set tenant_id`
	r.db.NewInsert().Model(&Order{Total: 1}).Value("tenant_id", "?", tenant).Exec(ctx)
	r.db.NewInsert().Model(o).Exec(ctx)                                                      // a value whose fields are unknown
	r.db.NewInsert().Model(new(Order)).Returning("id").Scan(ctx)                             // want `TV102: insert into "orders" does not set tenant_id`
	r.db.NewInsert().Model(&[]OrderItem{{TenantID: tenant, SKU: "a"}, {SKU: "b"}}).Exec(ctx) // want `TV102: insert into "order_items" does not set tenant_id`
	r.db.NewInsert().Model(&[]OrderItem{{TenantID: tenant, SKU: "a"}, {TenantID: tenant}}).Exec(ctx)
	r.db.NewInsert().Model(&map[string]interface{}{"total": 1}).TableExpr("orders").Exec(ctx) // want `TV102: insert into "orders" does not set tenant_id`
	r.db.NewInsert().Model(&map[string]interface{}{"total": 1, "tenant_id": tenant}).TableExpr("orders").Exec(ctx)
	r.db.NewInsert().Model(&Order{TenantID: tenant}).On("CONFLICT (id) DO UPDATE").Set("total = EXCLUDED.total").Exec(ctx) // want `TV105: `
	r.db.NewInsert().Model(&Order{TenantID: tenant}).On("CONFLICT (tenant_id, id) DO UPDATE").Set("total = EXCLUDED.total").Exec(ctx)
	r.db.NewInsert().Model(&Order{TenantID: tenant}).Ignore().Exec(ctx)
}

// Raw SQL is checked where NewRaw is called, on any connection.
func (r *Repo) raw(ctx context.Context, tx bun.Tx, conn bun.Conn, idb bun.IDB, tenant string, id int64, ids []string) {
	var o Order
	r.db.NewRaw("SELECT * FROM orders WHERE id = ?", id).Scan(ctx, &o) // want `TV101: select from "orders"`
	r.db.NewRaw("SELECT * FROM orders WHERE tenant_id = ? AND id = ?", tenant, id).Scan(ctx, &o)
	tx.NewRaw("DELETE FROM orders WHERE id = ?", id).Exec(ctx)   // want `TV101: delete from "orders"`
	conn.NewRaw("DELETE FROM orders WHERE id = ?", id).Exec(ctx) // want `TV101: delete from "orders"`
	idb.NewRaw("DELETE FROM orders WHERE id = ?", id).Exec(ctx)  // want `TV101: delete from "orders"`
	idb.NewRaw("DELETE FROM orders WHERE tenant_id = ? AND id = ?", tenant, id).Exec(ctx)
	r.db.NewRaw("SELECT * FROM orders WHERE tenant_id IN (?)", bun.In(ids)).Scan(ctx, &o) // want `TV101: select from "orders"`
	bun.NewRawQuery(r.db, "SELECT * FROM orders WHERE id = ?", id).Scan(ctx, &o)          // want `TV101: select from "orders"`
	r.db.QueryContext(ctx, "SELECT * FROM orders WHERE id = ?", id)                       // want `TV101: select from "orders"`
}

// Transactions and connections of every kind start with no clause.
func (r *Repo) handles(ctx context.Context, conn bun.Conn, idb bun.IDB, tenant string, id int64) error {
	var o Order
	conn.NewSelect().Model(&o).Where("id = ?", id).Scan(ctx) // want `TV101: select from "orders"`
	conn.NewSelect().Model(&o).Where("tenant_id = ? AND id = ?", tenant, id).Scan(ctx)
	idb.NewDelete().Model(&o).WherePK().Exec(ctx) // want `TV101: delete from "orders"`
	idb.NewDelete().Model(&o).WherePK().Where("tenant_id = ?", tenant).Exec(ctx)
	return r.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if _, err := tx.NewUpdate().Model(&o).Column("total").WherePK().Exec(ctx); err != nil { // want `TV101: update of "orders"`
			return err
		}
		_, err := tx.NewUpdate().Model(&o).Column("total").WherePK().Where("tenant_id = ?", tenant).Exec(ctx)
		return err
	})
}

// Scopes that Apply runs, and functions that return a builder.
func forTenant(tenant string) func(*bun.SelectQuery) *bun.SelectQuery { // want forTenant:`bunScope\(unfinished statement builder\)`
	return func(q *bun.SelectQuery) *bun.SelectQuery { return q.Where("?TableAlias.tenant_id = ?", tenant) }
}

func byTotal(q *bun.SelectQuery) *bun.SelectQuery { return q.Where("total > 0") } // want byTotal:`bunExtends\(0, unfinished statement builder\)`

func (r *Repo) ordersOf(db bun.IDB) *bun.SelectQuery { // want ordersOf:`bunResult\(unfinished select\)`
	return db.NewSelect().Model((*Order)(nil)).Column("id")
}

func (r *Repo) scopes(ctx context.Context, tenant string, ids []int64) {
	r.db.NewSelect().Model((*Order)(nil)).Column("id").Apply(byTotal).Scan(ctx, &ids) // want `TV101: select from "orders"`
	r.db.NewSelect().Model((*Order)(nil)).Column("id").Apply(byTotal, forTenant(tenant)).Scan(ctx, &ids)
	r.db.NewSelect().Model((*Order)(nil)).Column("id").Apply(func(q *bun.SelectQuery) *bun.SelectQuery { // want `TV101: select from "orders"`
		return q.Where("total > 0")
	}).Scan(ctx, &ids)
	r.db.NewSelect().Model((*Order)(nil)).Column("id").Apply(func(q *bun.SelectQuery) *bun.SelectQuery {
		return q.Where("tenant_id = ?", tenant)
	}).Scan(ctx, &ids)
	r.ordersOf(r.db).Scan(ctx, &ids) // want `TV101: select from "orders"`
	r.ordersOf(r.db).Apply(forTenant(tenant)).Scan(ctx, &ids)
}

// A Where added in place, or only on some paths, is not followed.
func (r *Repo) locals(ctx context.Context, tenant string, id int64, all bool) {
	var o Order
	q := r.db.NewSelect().Model(&o).Where("id = ?", id)
	if !all {
		q = q.Where("tenant_id = ?", tenant)
	}
	q.Scan(ctx) // want `TV101: select from "orders"`

	p := r.db.NewSelect().Model(&o).Where("id = ?", id)
	p = p.Where("tenant_id = ?", tenant)
	p.Scan(ctx)

	s := r.db.NewSelect().Model(&o)
	s.Where("tenant_id = ?", tenant)
	s.Scan(ctx) // changed in place: unknown, and silent
}

// Hooks may set the tenant column or add to the query.
type Invoice struct {
	bun.BaseModel `bun:"table:orders,alias:i"`

	ID       int64 `bun:",pk"`
	TenantID string
}

func (i *Invoice) BeforeAppendModel(ctx context.Context, q bun.Query) error { return nil }

type Scoped struct {
	bun.BaseModel `bun:"table:orders,alias:s"`

	ID       int64 `bun:",pk"`
	TenantID string
}

func (s *Scoped) BeforeSelect(ctx context.Context, q *bun.SelectQuery) error { return nil }

func (r *Repo) hooks(ctx context.Context, id int64) {
	r.db.NewInsert().Model(&Invoice{ID: id}).Exec(ctx)
	r.db.NewSelect().Model(&Invoice{}).Where("id = ?", id).Scan(ctx) // want `TV101: select from "orders"`
	r.db.NewSelect().Model(&Scoped{}).Where("id = ?", id).Scan(ctx)
}

var _ = sql.ErrNoRows

// bun names the table by jinzhu/inflection's rules, which keep a name
// that ends in s: OrderItems is order_items.
type OrderItems struct {
	ID       int64 `bun:",pk"`
	OrderID  int64
	TenantID string
}

func (r *Repo) plurals(ctx context.Context, tenant string, id int64) {
	r.db.NewSelect().Model((*OrderItems)(nil)).Where("order_id = ?", id).Scan(ctx) // want `TV101: select from "order_items"`
	r.db.NewSelect().Model((*OrderItems)(nil)).Where("order_id = ?", id).Where("tenant_id = ?", tenant).Scan(ctx)
}
