package sqlxuse

//
// (Ballast comment to make it easier to adjust line numbers when imports change.)
//

import (
	"context"

	"github.com/jmoiron/sqlx"
)

type order struct{ ID int64 }

func methods(ctx context.Context, db *sqlx.DB, tx *sqlx.Tx, tenant string) {
	var o order
	var os []order
	db.Select(&os, "SELECT * FROM orders")                                    // want `TV101: select from "orders"`
	db.Get(&o, "SELECT * FROM orders WHERE tenant_id = ? AND id = ?", tenant, 1)
	db.GetContext(ctx, &o, "SELECT * FROM orders WHERE id = ?", 1)            // want `TV101: select from "orders"`
	tx.Select(&os, "SELECT * FROM orders WHERE tenant_id = $1", tenant)
	db.Queryx("SELECT sku FROM order_items")                                  // want `TV101: select from "order_items"`
	db.MustExec("DELETE FROM orders WHERE tenant_id = $1", tenant)
	db.Query("SELECT id FROM orders")                                         // want `TV101: select from "orders"`
}

func named(ctx context.Context, db *sqlx.DB, o order) {
	db.NamedExec("INSERT INTO orders (id, total) VALUES (:id, :total)", o)   // want `TV102: insert into "orders" does not set tenant_id`
	db.NamedExec("INSERT INTO orders (tenant_id, id) VALUES (:tenant_id, :id)", o)
	db.NamedExecContext(ctx, "UPDATE orders SET total = :total WHERE tenant_id = :tenant_id AND id = :id", o)
	db.PrepareNamed("SELECT * FROM orders WHERE id = :id")                   // want `TV101: select from "orders"`
}

func rebind(db *sqlx.DB, tenant string, ids []int64) {
	var os []order
	db.Select(&os, db.Rebind("SELECT * FROM orders WHERE id = ?"), 1)        // want `TV101: select from "orders"`
	db.Select(&os, sqlx.Rebind(1, "SELECT * FROM orders WHERE tenant_id = ?"), tenant)
	sqlx.In("SELECT * FROM orders WHERE id IN (?)", ids)                      // want `TV101: select from "orders"`
	sqlx.In("SELECT * FROM orders WHERE tenant_id = ? AND id IN (?)", tenant, ids)
	sqlx.In("SELECT * FROM orders WHERE tenant_id IN (?)", []string{tenant}) // want `TV101: select from "orders"`
	sqlx.In("SELECT * FROM orders WHERE tenant_id IN (?) AND id IN (?)", tenant, ids)
	args := []any{tenant, ids}
	sqlx.In("SELECT * FROM orders WHERE tenant_id IN (?) AND id IN (?)", args...) // want `TV101: select from "orders"`
}

func functions(db *sqlx.DB, tenant string) {
	var os []order
	sqlx.Select(db, &os, "SELECT * FROM orders")                              // want `TV101: select from "orders"`
	sqlx.Get(db, &os, "SELECT * FROM orders WHERE tenant_id = $1", tenant)
}
