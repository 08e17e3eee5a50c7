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

// A variable that only its declaration sets holds a constant too.
var listAll = "SELECT id FROM orders"

// ListScoped may be set by another package, so it is not followed.
var ListScoped = "SELECT id FROM orders"

func variables(ctx context.Context, db *sql.DB, conn *pgx.Conn, tenant string, filtered bool) {
	q := fmt.Sprintf("SELECT id FROM %s WHERE total > %d", ordersTable, 10)
	conn.QueryRow(ctx, q) // want `TV101: select from "orders"`
	scoped := "SELECT id FROM orders WHERE tenant_id = $1"
	conn.QueryRow(ctx, scoped, tenant)
	var del = "DELETE FROM " + ordersTable
	db.Exec(del) // want `TV101: delete from "orders"`
	alias := del
	db.Exec(alias) // want `TV101: delete from "orders"`
	db.Query(listAll) // want `TV101: select from "orders"`
	db.Query(ListScoped)

	changed := "SELECT id FROM orders"
	changed = "SELECT 1"
	db.Query(changed)
	branch := "SELECT id FROM orders"
	if filtered {
		branch += " WHERE tenant_id = $1"
	}
	db.Query(branch, tenant)
	addressed := "SELECT id FROM orders"
	setSQL(&addressed)
	db.Query(addressed)
	inClosure := "SELECT id FROM orders"
	func() { inClosure = "SELECT id FROM orders WHERE tenant_id = $1" }()
	db.Query(inClosure, tenant)
}

func setSQL(q *string) { *q = "SELECT 1" }

// Columns and tables kept in variables that nothing changes.
var (
	orderColumns  = []string{"id", "total"}
	scopedColumns = []string{"tenant_id", "id", "total"}
	itemsTable    = pgx.Identifier{"order_items"}
	changedCols   = []string{"tenant_id", "id"}
)

func copyVariables(ctx context.Context, conn *pgx.Conn, rows [][]any) {
	conn.CopyFrom(ctx, pgx.Identifier{"orders"}, orderColumns, pgx.CopyFromRows(rows)) // want `TV102: insert into "orders" does not set tenant_id`
	conn.CopyFrom(ctx, pgx.Identifier{"orders"}, scopedColumns, pgx.CopyFromRows(rows))
	local := []string{"id"}
	conn.CopyFrom(ctx, itemsTable, local, pgx.CopyFromRows(rows)) // want `TV102: insert into "order_items" does not set tenant_id`
	changedCols[0] = "id"
	conn.CopyFrom(ctx, pgx.Identifier{"orders"}, changedCols, pgx.CopyFromRows(rows))
}

// A table of queries run in a loop runs each of its queries, each checked
// where it is written.
type report struct {
	name string
	sql  string
}

var reports = []report{
	{name: "all orders", sql: "SELECT id FROM orders"}, // want `TV101: select from "orders"`
	{name: "scoped", sql: "SELECT id FROM orders WHERE tenant_id = $1"},
	{"items", "DELETE FROM order_items WHERE total = $1"}, // want `TV101: delete from "order_items"`
}

var byIndex = [2]report{
	{sql: "SELECT id FROM price_plans"},
	{sql: "UPDATE orders SET total = 0 WHERE id = $1"}, // want `TV101: update of "orders"`
}

var named = map[string]string{
	"plans":  "SELECT id FROM price_plans",
	"orders": "SELECT total FROM orders", // want `TV101: select from "orders"`
}

var (
	rewritten  = []report{{sql: "SELECT id FROM orders"}}
	copiedOver = []report{{sql: "SELECT id FROM orders"}}
	pointers   = []*report{{sql: "SELECT id FROM orders"}}
	unnamed    = []report{{name: "no sql"}}
)

func queryTables(ctx context.Context, db *sql.DB, tenant string, given []report) {
	for _, rep := range reports {
		db.QueryContext(ctx, rep.sql, tenant)
	}
	for i := range byIndex {
		db.Exec(byIndex[i].sql, tenant)
	}
	for _, q := range named {
		db.Query(q)
	}
	for _, q := range []string{"SELECT id FROM price_plans", "DELETE FROM orders"} { // want `TV101: delete from "orders"`
		db.Exec(q)
	}

	// Where some value that reaches the call is not written out, the SQL
	// is unknown: silent without -strict.
	rewritten[0].sql = "SELECT 1"
	for _, rep := range rewritten {
		db.Query(rep.sql)
	}
	copy(copiedOver, given)
	for _, rep := range copiedOver {
		db.Query(rep.sql)
	}
	for _, rep := range pointers {
		db.Query(rep.sql)
	}
	for _, rep := range unnamed {
		db.Query(rep.sql)
	}
	for _, rep := range given {
		db.Query(rep.sql)
	}
	for _, rep := range reports {
		rep.sql += " LIMIT 1"
		db.Query(rep.sql)
	}
}
