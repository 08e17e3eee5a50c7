// Package dbutil is a wrapper in the main module, which its callers'
// findings need whatever packages the command line names.
package dbutil

import (
	"context"
	"database/sql"
)

func Get(ctx context.Context, db *sql.DB, q string, args ...any) {
	db.QueryContext(ctx, q, args...)
}
