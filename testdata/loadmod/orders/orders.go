// Package orders queries through a wrapper of its own module and one of
// another module.
package orders

import (
	"context"
	"database/sql"

	"example.com/lib"
	"example.com/loadmod/dbutil"
)

func Use(ctx context.Context, db *sql.DB, tenant string, id int64) {
	dbutil.Get(ctx, db, "SELECT total FROM orders WHERE id = $1", id)
	dbutil.Get(ctx, db, "SELECT total FROM orders WHERE tenant_id = $1 AND id = $2", tenant, id)
	lib.Query(ctx, db, "DELETE FROM orders WHERE id = $1", id)
}
