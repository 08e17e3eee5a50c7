package basic

//
// (Ballast comment to make it easier to adjust line numbers when imports change.)
//

import (
	"context"
	"database/sql"

	"consts"
)

func selects(ctx context.Context, db *sql.DB, tenant string, id int64) {
	db.QueryContext(ctx, "SELECT id, total FROM orders WHERE id = $1", id)                       // want `TV101: select from "orders" has no tenant_id predicate; add orders.tenant_id = \$n`
	db.QueryRowContext(ctx, "SELECT o.id FROM orders o WHERE o.id = ?", id)                     // want `TV101: select from "orders" has no tenant_id predicate; add o.tenant_id = \$n`
	db.Query("SELECT id FROM price_plans")                                                      // non-tenant table
	db.QueryRow("SELECT name FROM \"APIToken\" WHERE id = $1", id)                              // want `TV101: select from "APIToken" has no "tenantId" predicate; add "APIToken"."tenantId" = \$n`
	db.ExecContext(ctx, "DELETE FROM orders WHERE tenant_id = $1 AND id = $2", tenant, id)      // scoped
	db.Exec("UPDATE orders SET total = 0")                                                      // want `TV101: update of "orders" has no tenant_id predicate`
	db.Prepare("SELECT * FROM order_items i JOIN orders o ON o.id = i.order_id WHERE o.tenant_id = $1") // want `TV101: select from "order_items"`
}

func nopeSelects(ctx context.Context, db *sql.DB, tx *sql.Tx, conn *sql.Conn, tenant string) {
	db.QueryContext(ctx, "SELECT id FROM orders WHERE tenant_id = $1", tenant)
	tx.QueryContext(ctx, "SELECT id FROM orders WHERE $1 = tenant_id", tenant)
	conn.QueryRowContext(ctx, `SELECT name FROM "APIToken" WHERE "tenantId" = $1`, tenant)
	tx.PrepareContext(ctx, "SELECT 1")
}

const byCustomer = "SELECT id FROM orders WHERE customer_id = $1" // want `TV101: select from "orders"`

const byCustomerScoped = byCustomer + " AND tenant_id = $2"

func constants(db *sql.DB, tx *sql.Tx) {
	db.Query(byCustomer)             // the finding points into the constant's literal
	tx.Query(byCustomerScoped)       // concatenated constants
	db.Query(consts.ListOrders)      // want `TV101: select from "orders"`
	db.Query(consts.ListOrdersScoped)
}

const typedQuery query = "SELECT total FROM orders"

type query string

func typed(db *sql.DB) {
	db.Query(string(typedQuery)) // want `TV101: select from "orders"`
}

func escapes(db *sql.DB) {
	db.Query("SELECT \"total\"\t FROM orders") // want `TV101: select from "orders"`
}

func dynamic(db *sql.DB, table string) {
	db.Query("SELECT * FROM " + table) // not constant: silent without -strict
}

func parseError(db *sql.DB) {
	db.Query("SELECT id FORM orders") // want `TV001: sql does not parse: syntax error at or near "orders"; fix the query`
}

func inserts(db *sql.DB) {
	db.Exec("INSERT INTO orders (id, total) VALUES ($1, $2)")               // want `TV102: insert into "orders" does not set tenant_id`
	db.Exec("INSERT INTO orders (tenant_id, id, total) VALUES ($1, $2, $3)")
	db.Exec("TRUNCATE orders")                                                // want `TV104: truncate "orders"`
	db.Exec("INSERT INTO orders (tenant_id, id, total) VALUES ($1, $2, $3) ON CONFLICT (id) DO UPDATE SET total = EXCLUDED.total") // want `TV105: insert into "orders" … on conflict \(id\) do update can rewrite another tenant's row, since the key leaves out tenant_id; make the conflict target \(tenant_id, id\)`
	db.Exec("INSERT INTO orders (tenant_id, id, total) VALUES ($1, $2, $3) ON CONFLICT (tenant_id, id) DO UPDATE SET total = EXCLUDED.total")
}

func views(db *sql.DB) {
	db.Query("SELECT sum(total) FROM order_totals") // want `TV106: select from "order_totals" reads every tenant's rows of "orders" and has no tenant_id column to scope it by; add tenant_id to the view, or bind it inside with current_setting\(…\)`
	db.Query("SELECT sum(total) FROM my_orders")
}
