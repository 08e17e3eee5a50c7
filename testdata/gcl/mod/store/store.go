// Package store reads orders.
package store

import (
	"context"
	"database/sql"
)

// Get loads an order by id alone, whichever tenant owns it.
func Get(ctx context.Context, db *sql.DB, id int64) *sql.Row {
	return db.QueryRowContext(ctx, "SELECT id, status FROM orders WHERE id = $1", id)
}

// Purge deletes stale orders of every tenant, from a nightly job.
func Purge(ctx context.Context, db *sql.DB) error {
	_, err := db.ExecContext(ctx, "DELETE FROM orders WHERE status = 'stale'") //nolint:tenantvet // nightly job crosses tenants
	return err
}

// List lists a tenant's orders.
func List(ctx context.Context, db *sql.DB, tenant int64) (*sql.Rows, error) {
	return db.QueryContext(ctx, "SELECT id, status FROM orders WHERE tenant_id = $1", tenant)
}
