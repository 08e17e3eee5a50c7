package wrapcaller

//
// (Ballast comment to make it easier to adjust line numbers when imports change.)
//

import (
	"context"
	"database/sql"

	"dbutil"
)

func callers(ctx context.Context, db *sql.DB, r *dbutil.Repo, tenant string) {
	dbutil.QueryLogged(ctx, db, "SELECT id FROM orders WHERE total > 0") // want `TV101: select from "orders"`
	dbutil.QueryLogged(ctx, db, "SELECT id FROM orders WHERE tenant_id = $1", tenant)
	dbutil.Timed(ctx, db, "count", "SELECT count(*) FROM order_items") // want `TV101: select from "order_items"`
	dbutil.Timed(ctx, db, "SELECT * FROM orders", "SELECT 1")          // the label is no SQL
	r.Exec(ctx, "DELETE FROM orders WHERE id = 1")                     // want `TV101: delete from "orders"`
	r.Exec(ctx, "DELETE FROM orders WHERE tenant_id = 'x' AND id = 1")
	dbutil.Get[int](ctx, db, "SELECT total FROM orders WHERE id = $1", 1) // want `TV101: select from "orders"`
	dbutil.Get[int](ctx, db, "SELECT total FROM orders WHERE tenant_id = $1", tenant)
	dbutil.Scoped(ctx, db, "DELETE FROM orders WHERE id = 1", tenant)
	dbutil.Scoped(ctx, db, "DELETE FROM orders WHERE id = 1 OR total = 0", tenant) // want `TV101: delete from "orders"`
	dbutil.Page(ctx, db, "SELECT id FROM orders WHERE tenant_id = $1", tenant, 10, 0)
	dbutil.Page(ctx, db, "SELECT id FROM orders", tenant, 10, 0) // want `TV101: select from "orders"`
	dbutil.Sorted(ctx, db, "SELECT id FROM order_items")         // want `TV101: select from "order_items"`
	dbutil.Sorted(ctx, db, "SELECT id FROM order_items WHERE tenant_id = 'x'")
	dbutil.Sorted(ctx, db, "SELECT id FROM order_items WHERE") // want `TV001: sql does not parse`
	dbutil.MaybeLimited(ctx, db, "SELECT id FROM orders", 1)
	dbutil.Filtered(ctx, db, "SELECT id FROM orders", "")
	dbutil.Trimmed(ctx, db, "DELETE FROM orders")
}
