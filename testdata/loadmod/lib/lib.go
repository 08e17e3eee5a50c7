// Package lib is a third-party module to the one that imports it, with a
// wrapper of database/sql: standalone, tenantvet loads it from export data
// and does not see the wrapper; go vet, which runs on every package, does.
package lib

import (
	"context"
	"database/sql"
)

func Query(ctx context.Context, db *sql.DB, q string, args ...any) {
	db.QueryContext(ctx, q, args...)
}
