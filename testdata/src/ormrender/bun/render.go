// Package render holds bun chains whose rebuilt SQL TestChainSQL compares
// with the want comments: "sql: <text>", or "unknown" for a chain that
// tenantvet does not follow.
package render

import (
	"context"
	"time"

	"github.com/uptrace/bun"
)

type Order struct {
	ID         int64 `bun:",pk,autoincrement"`
	TenantID   string
	CustomerID int64
	Total      int
}

type Item struct {
	bun.BaseModel `bun:"table:order_items,alias:oi"`

	ID       int64 `bun:"id,pk"`
	OrderID  int64
	TenantID string `bun:"tenant_id,notnull"`
	SKU      string `bun:"sku"`
	Note     string `bun:"-"`
	Order    *Order `bun:"rel:belongs-to,join:order_id=id"`
}

type Rule struct {
	ID        int64 `bun:",pk"`
	OrgID     string
	DeletedAt *time.Time `bun:",soft_delete,nullzero"`
}

type Plan struct {
	bun.BaseModel `bun:"price_plans"`
	ID            int64 `bun:",pk"`
	Name          string
}

func selects(ctx context.Context, db *bun.DB, id int64, tenant string, ids []int64) {
	var o Order
	var orders []Order
	db.NewSelect().Model(&o).Where("id = ?", id).Scan(ctx)                                                                                                                // want `^sql: SELECT "order"\."id", "order"\."tenant_id", "order"\."customer_id", "order"\."total" FROM "orders" AS "order" WHERE \(id = \?\)$`
	db.NewSelect().Model(&orders).Where("tenant_id = ?", tenant).WhereOr("id = ?", id).Order("id DESC").Limit(10).Offset(20).Scan(ctx)                                    // want `^sql: SELECT "order"\."id", "order"\."tenant_id", "order"\."customer_id", "order"\."total" FROM "orders" AS "order" WHERE \(tenant_id = \?\) OR \(id = \?\) ORDER BY "id" DESC LIMIT 10 OFFSET 20$`
	db.NewSelect().Model((*Order)(nil)).Column("id", "total", "o.x").ColumnExpr("count(*) AS n").Group("id").Having("count(*) > ?", 1).Scan(ctx)                          // want `^sql: SELECT "order"\."id", "order"\."total", "o"\."x", count\(\*\) AS n FROM "orders" AS "order" GROUP BY "id" HAVING \(count\(\*\) > \?\)$`
	db.NewSelect().Model(&o).ExcludeColumn("total", "customer_id").WherePK().Scan(ctx)                                                                                    // want `^sql: SELECT "order"\."id", "order"\."tenant_id" FROM "orders" AS "order" WHERE \("order"\."id" = \?\)$`
	db.NewSelect().Model(&orders).WherePK("tenant_id", "id").Scan(ctx)                                                                                                    // want `^sql: SELECT "order"\."id", "order"\."tenant_id", "order"\."customer_id", "order"\."total" FROM "orders" AS "order" WHERE \("order"\."tenant_id", "order"\."id"\) IN \(\(\?, \?\), \(\?, \?\)\)$`
	db.NewSelect().Model(&o).Where("?TableAlias.tenant_id = ?", tenant).Where("?TableName.id IN (?)", bun.In(ids)).Scan(ctx)                                              // want `^sql: SELECT "order"\."id", "order"\."tenant_id", "order"\."customer_id", "order"\."total" FROM "orders" AS "order" WHERE \("order"\.tenant_id = \?\) AND \("orders"\.id IN \(\?, \?\)\)$`
	db.NewSelect().Model(&o).Where("id IN (?)", bun.In([]int64{1})).Where("x = ?0 AND y = ?0", id).Scan(ctx)                                                              // want `^sql: SELECT "order"\."id", "order"\."tenant_id", "order"\."customer_id", "order"\."total" FROM "orders" AS "order" WHERE \(id IN \(\?\)\) AND \(x = \? AND y = \?\)$`
	db.NewSelect().Table("orders").Column("id").Where("tenant_id = ?", tenant).Scan(ctx, &ids)                                                                            // want `^sql: SELECT "id" FROM "orders" WHERE \(tenant_id = \?\)$`
	db.NewSelect().TableExpr("orders AS o").ColumnExpr("o.id").Join("JOIN order_items AS oi").JoinOn("oi.order_id = o.id").JoinOnOr("oi.tenant_id = ?", tenant).Scan(ctx) // want `^sql: SELECT o\.id FROM orders AS o JOIN order_items AS oi ON \(oi\.order_id = o\.id\) OR \(oi\.tenant_id = \?\)$`
	db.NewSelect().Model(&o).WhereGroup(" AND ", func(q *bun.SelectQuery) *bun.SelectQuery {                                                                              // want `^sql: SELECT "order"\."id", "order"\."tenant_id", "order"\."customer_id", "order"\."total" FROM "orders" AS "order" WHERE \(\(tenant_id = \?\) OR \(tenant_id IS NULL\)\) AND \(id = \?\)$`
		return q.Where("tenant_id = ?", tenant).WhereOr("tenant_id IS NULL")
	}).Where("id = ?", id).Scan(ctx)
	db.NewSelect().Model(&o).Where("id = ?", id).Count(ctx)                                                                                              // want `^sql: SELECT count\(\*\) FROM "orders" AS "order" WHERE \(id = \?\)$`
	db.NewSelect().Model(&o).Distinct().Where("id = ?", id).Count(ctx)                                                                                   // want `^sql: WITH _count_wrapper AS \(SELECT DISTINCT "order"\."id", "order"\."tenant_id", "order"\."customer_id", "order"\."total" FROM "orders" AS "order" WHERE \(id = \?\)\) SELECT count\(\*\) FROM _count_wrapper$`
	db.NewSelect().Model(&o).Where("id = ?", id).Exists(ctx)                                                                                             // want `^sql: SELECT EXISTS \(SELECT "order"\."id", "order"\."tenant_id", "order"\."customer_id", "order"\."total" FROM "orders" AS "order" WHERE \(id = \?\)\)$`
	db.NewSelect().Model(&o).Where("id = ?", id).For("UPDATE").ScanAndCount(ctx)                                                                         // want `^sql: SELECT "order"\."id", "order"\."tenant_id", "order"\."customer_id", "order"\."total" FROM "orders" AS "order" WHERE \(id = \?\) FOR UPDATE$`
	db.NewSelect().Model(&o).ModelTableExpr("orders AS o").Where("o.id = ?", id).Scan(ctx)                                                               // want `^sql: SELECT "order"\."id", "order"\."tenant_id", "order"\."customer_id", "order"\."total" FROM orders AS o WHERE \(o\.id = \?\)$`
	db.NewSelect().Model(&o).OrderExpr("? DESC", bun.Ident("o.total")).Where("x = ?", bun.Safe("now()")).Scan(ctx)                                       // want `^sql: SELECT "order"\."id", "order"\."tenant_id", "order"\."customer_id", "order"\."total" FROM "orders" AS "order" WHERE \(x = now\(\)\) ORDER BY "o"\."total" DESC$`
	db.NewSelect().Model(&o).Where("customer_id IN (?)", db.NewSelect().Model((*Item)(nil)).Column("order_id").Where("tenant_id = ?", tenant)).Scan(ctx) // want `^sql: SELECT "order"\."id", "order"\."tenant_id", "order"\."customer_id", "order"\."total" FROM "orders" AS "order" WHERE \(customer_id IN \(SELECT "oi"\."order_id" FROM "order_items" AS "oi" WHERE \(tenant_id = \?\)\)\)$`
	db.NewSelect().Model(&o).Where("data \\? 'k' AND a = ?", 1).Where("b = ?").Scan(ctx)                                                                 // want `^sql: SELECT "order"\."id", "order"\."tenant_id", "order"\."customer_id", "order"\."total" FROM "orders" AS "order" WHERE \(data \? 'k' AND a = \?\) AND \(b = \?\)$`
	db.NewSelect().Model(&o).Where("tenant_id = ?tenant_id AND id = ?id", struct{ TenantID, ID string }{}).Scan(ctx)                                     // want `^sql: SELECT "order"\."id", "order"\."tenant_id", "order"\."customer_id", "order"\."total" FROM "orders" AS "order" WHERE \(tenant_id = \? AND id = \?\)$`
	db.NewSelect().Model(new(Item)).Where("oi.id = ?", id).Scan(ctx)                                                                                     // want `^sql: SELECT "oi"\."id", "oi"\."order_id", "oi"\."tenant_id", "oi"\."sku" FROM "order_items" AS "oi" WHERE \(oi\.id = \?\)$`
	db.NewSelect().Model(new(Plan)).Scan(ctx)                                                                                                            // want `^sql: SELECT "plan"\."id", "plan"\."name" FROM "price_plans" AS "plan"$`
}

func orders(ctx context.Context, db *bun.DB, sort string, n int64) {
	db.NewSelect().Model((*Order)(nil)).OrderBy("total", bun.OrderDesc).Order(sort).Limit(n).Offset(0).Scan(ctx) // want `^sql: SELECT "order"\."id", "order"\."tenant_id", "order"\."customer_id", "order"\."total" FROM "orders" AS "order" ORDER BY "total" DESC, 1 LIMIT 1$`
}

func softDeletes(ctx context.Context, db *bun.DB, id int64) {
	var rules []Rule
	db.NewSelect().Model(&rules).Where("id = ?", id).WhereOr("id = 2").Scan(ctx)   // want `^sql: SELECT "rule"\."id", "rule"\."org_id", "rule"\."deleted_at" FROM "rules" AS "rule" WHERE \(\(id = \?\) OR \(id = 2\)\) AND "rule"\."deleted_at" IS NULL$`
	db.NewSelect().Model(&rules).WhereDeleted().Scan(ctx)                          // want `^sql: SELECT "rule"\."id", "rule"\."org_id", "rule"\."deleted_at" FROM "rules" AS "rule" WHERE "rule"\."deleted_at" IS NOT NULL$`
	db.NewSelect().Model(&rules).WhereAllWithDeleted().Scan(ctx)                   // want `^sql: SELECT "rule"\."id", "rule"\."org_id", "rule"\."deleted_at" FROM "rules" AS "rule"$`
	db.NewDelete().Model((*Rule)(nil)).Where("id = ?", id).Exec(ctx)               // want `^sql: UPDATE "rules" AS "rule" SET "deleted_at" = \? WHERE \(id = \?\) AND "rule"\."deleted_at" IS NULL$`
	db.NewDelete().Model((*Rule)(nil)).Where("id = ?", id).ForceDelete().Exec(ctx) // want `^sql: DELETE FROM "rules" AS "rule" WHERE \(id = \?\)$`
}

func writes(ctx context.Context, db *bun.DB, o *Order, id int64, tenant string) {
	db.NewUpdate().Model(o).WherePK().Exec(ctx)                                                                                              // want `^sql: UPDATE "orders" AS "order" SET "tenant_id" = \?, "customer_id" = \?, "total" = \? WHERE \("order"\."id" = \?\)$`
	db.NewUpdate().Model(o).Column("total").Where("id = ?", id).Returning("id").Exec(ctx)                                                    // want `^sql: UPDATE "orders" AS "order" SET "total" = \? WHERE \(id = \?\) RETURNING id$`
	db.NewUpdate().Model((*Order)(nil)).Set("total = ?", 1).SetColumn("customer_id", "?", 2).Where("id = ?", id).Exec(ctx)                   // want `^sql: UPDATE "orders" AS "order" SET total = \?, customer_id = \? WHERE \(id = \?\)$`
	db.NewUpdate().Model(&Order{ID: id, Total: 3}).OmitZero().WherePK().Exec(ctx)                                                            // want `^sql: UPDATE "orders" AS "order" SET "total" = \? WHERE \("order"\."id" = \?\)$`
	db.NewUpdate().Model(&Order{ID: id}).Value("total", "total + ?", 1).WherePK().Exec(ctx)                                                  // want `^sql: UPDATE "orders" AS "order" SET "tenant_id" = \?, "customer_id" = \?, "total" = total \+ \? WHERE \("order"\."id" = \?\)$`
	db.NewUpdate().Model(&map[string]interface{}{"total": 1, "customer_id": 2}).TableExpr("orders").Where("id = ?", id).Exec(ctx)            // want `^sql: UPDATE orders SET "customer_id" = \?, "total" = \? WHERE \(id = \?\)$`
	db.NewUpdate().Table("orders").Set("total = 0").Exec(ctx)                                                                                // want `^unknown$`
	db.NewDelete().Model((*Order)(nil)).Where("id = ?", id).Returning("NULL").Exec(ctx)                                                      // want `^sql: DELETE FROM "orders" AS "order" WHERE \(id = \?\)$`
	db.NewDelete().TableExpr("orders AS o").TableExpr("order_items AS oi").Where("o.id = oi.order_id").Exec(ctx)                             // want `^sql: DELETE FROM orders AS o USING order_items AS oi WHERE \(o\.id = oi\.order_id\)$`
	db.NewDelete().Model((*Order)(nil)).Where("id = ?", id).Limit(1).Exec(ctx)                                                               // want `^unknown$`
	db.NewInsert().Model(&Order{TenantID: tenant, Total: 1}).Exec(ctx)                                                                       // want `^sql: INSERT INTO "orders" \("id", "tenant_id", "total"\) VALUES \(DEFAULT, \?, \?\)$`
	db.NewInsert().Model(&Order{Total: 1, CustomerID: 0}).Exec(ctx)                                                                          // want `^sql: INSERT INTO "orders" \("id", "total"\) VALUES \(DEFAULT, \?\)$`
	db.NewInsert().Model(&Order{}).Exec(ctx)                                                                                                 // want `^sql: INSERT INTO "orders" \("id"\) VALUES \(DEFAULT\)$`
	db.NewInsert().Model(o).On("CONFLICT (id) DO UPDATE").Exec(ctx)                                                                          // want `^sql: INSERT INTO "orders" AS "order" \("id", "tenant_id", "customer_id", "total"\) VALUES \(\?, \?, \?, \?\) ON CONFLICT \(id\) DO UPDATE SET "tenant_id" = EXCLUDED\."tenant_id", "customer_id" = EXCLUDED\."customer_id", "total" = EXCLUDED\."total"$`
	db.NewInsert().Model(o).On("CONFLICT (id) DO UPDATE").Set("total = EXCLUDED.total").Where("?TableAlias.tenant_id = ?", tenant).Exec(ctx) // want `^sql: INSERT INTO "orders" AS "order" \("id", "tenant_id", "customer_id", "total"\) VALUES \(\?, \?, \?, \?\) ON CONFLICT \(id\) DO UPDATE SET total = EXCLUDED\.total WHERE \("order"\.tenant_id = \?\)$`
	db.NewInsert().Model(&[]Item{{TenantID: tenant, SKU: "a"}, {TenantID: tenant}}).Ignore().Exec(ctx)                                       // want `^sql: INSERT INTO "order_items" AS "oi" \("tenant_id"\) VALUES \(\?\), \(\?\) ON CONFLICT DO NOTHING$`
	db.NewInsert().Model(&map[string]interface{}{"tenant_id": tenant, "total": 1}).TableExpr("orders").Returning("id").Exec(ctx)             // want `^sql: INSERT INTO orders \("tenant_id", "total"\) VALUES \(\?, \?\) RETURNING id$`
	db.NewInsert().Model(&Order{Total: 1}).Value("tenant_id", "current_setting('app.tenant')").Exec(ctx)                                     // want `^sql: INSERT INTO "orders" \("id", "tenant_id", "total"\) VALUES \(DEFAULT, current_setting\('app\.tenant'\), \?\)$`
	db.NewInsert().Table("orders").Table("old_orders").Exec(ctx)                                                                             // want `^sql: INSERT INTO "orders" SELECT \* FROM "old_orders"$`
	db.NewInsert().Model(&Order{Total: 1}).Replace().Exec(ctx)                                                                               // want `^unknown$`
}

// A model that extends itself, through a pointer, is no table bun can read.
type Node struct {
	*Node `bun:",extend"`
	ID    int64
}

type Leaf struct {
	Node `bun:",extend"`
}

func selfExtend(ctx context.Context, db *bun.DB) {
	db.NewSelect().Model((*Node)(nil)).Scan(ctx) // want `^unknown$`
	db.NewSelect().Model((*Leaf)(nil)).Scan(ctx) // want `^unknown$`
}

type Quota struct{ ID int64 }

type Human struct{ ID int64 }

type Analysis struct{ ID int64 }

func plurals(ctx context.Context, db *bun.DB) {
	db.NewSelect().Model((*Quota)(nil)).Scan(ctx)    // want `^sql: SELECT "quota"\."id" FROM "quota"$`
	db.NewSelect().Model((*Human)(nil)).Scan(ctx)    // want `^sql: SELECT "human"\."id" FROM "humen" AS "human"$`
	db.NewSelect().Model((*Analysis)(nil)).Scan(ctx) // want `^sql: SELECT "analysis"\."id" FROM "analyses" AS "analysis"$`
}
