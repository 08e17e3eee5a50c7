// Package store is the module that the command's integration test checks
// both standalone and under go vet.
package store

import (
	"context"
	"database/sql"
)

func Orders(ctx context.Context, db *sql.DB, id int64) {
	db.QueryContext(ctx, "SELECT total FROM orders WHERE id = $1", id)
}

func Notes(ctx context.Context, db *sql.DB) {
	db.QueryContext(ctx, "SELECT body FROM notes")
}

func Scoped(ctx context.Context, db *sql.DB, tenant string) {
	db.ExecContext(ctx, "DELETE FROM orders WHERE tenant_id = $1", tenant)
}
