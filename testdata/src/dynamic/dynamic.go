package dynamic

//
// (Ballast comment to make it easier to adjust line numbers when imports change.)
//

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/jackc/pgx/v5"

	"models"
)

const ordersTable = "orders"

type item struct{}

func (item) TableName() string { return "order_items" } // want TableName:`constResult\("order_items"\)`

func sprintf(db *sql.DB, tenant string, where string) {
	db.Query(fmt.Sprintf("SELECT id FROM %s WHERE total > %d", ordersTable, 10)) // want `TV101: select from "orders"`
	db.Query(fmt.Sprintf("SELECT id FROM %s WHERE tenant_id = $1", ordersTable), tenant)
	db.Query(fmt.Sprintf("SELECT id FROM %s", models.Order{}.TableName())) // want `TV101: select from "orders"`
	db.Query(fmt.Sprintf("SELECT id FROM %s", models.Plan{}.TableName()))
	db.Query(fmt.Sprintf("DELETE FROM %s", item{}.TableName())) // want `TV101: delete from "order_items"`
	db.Query(fmt.Sprintf("SELECT id FROM orders WHERE %s", where)) // not constant: silent without -strict
}

func copyFrom(ctx context.Context, conn *pgx.Conn, rows [][]any, cols []string) {
	conn.CopyFrom(ctx, pgx.Identifier{"orders"}, []string{"id", "total"}, pgx.CopyFromRows(rows)) // want `TV102: insert into "orders" does not set tenant_id`
	conn.CopyFrom(ctx, pgx.Identifier{"orders"}, []string{"tenant_id", "id"}, pgx.CopyFromRows(rows))
	conn.CopyFrom(ctx, pgx.Identifier{"public", "order_items"}, []string{"id"}, pgx.CopyFromRows(rows)) // want `TV102: insert into "order_items" does not set tenant_id`
	conn.CopyFrom(ctx, pgx.Identifier{"price_plans"}, []string{"id"}, pgx.CopyFromRows(rows))
	conn.CopyFrom(ctx, pgx.Identifier{"orders"}, cols, pgx.CopyFromRows(rows)) // columns unknown: silent without -strict
}
