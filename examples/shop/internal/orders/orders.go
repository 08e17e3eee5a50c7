// Package orders reads and writes the shop's orders through database/sql.
package orders

import (
	"context"
	"database/sql"
)

// Store keeps orders.
type Store struct{ DB *sql.DB }

const listOpen = `
SELECT o.id, o.total, c.email
FROM orders o
JOIN customers c ON c.id = o.customer_id AND c.tenant_id = o.tenant_id
WHERE o.tenant_id = $1 AND o.status = 'open'`

// ListOpen lists a tenant's open orders.
func (s *Store) ListOpen(ctx context.Context, tenant string) (*sql.Rows, error) {
	return s.DB.QueryContext(ctx, listOpen, tenant)
}

// Get loads one order by id. It forgets the tenant: any tenant that guesses
// an id reads another tenant's order.
func (s *Store) Get(ctx context.Context, id int64) *sql.Row {
	return s.DB.QueryRowContext(ctx, "SELECT id, total, status FROM orders WHERE id = $1", id)
}

// Close closes an order. The tenant is checked only under OR, so a
// request with the right status closes any tenant's order.
func (s *Store) Close(ctx context.Context, tenant string, id int64) error {
	_, err := s.DB.ExecContext(ctx,
		"UPDATE orders SET status = 'closed' WHERE id = $2 AND tenant_id = $1 OR status = 'stale'", tenant, id)
	return err
}

// Create inserts an order for a tenant.
func (s *Store) Create(ctx context.Context, tenant string, customer int64, total int) error {
	_, err := s.DB.ExecContext(ctx,
		"INSERT INTO orders (id, tenant_id, customer_id, total) VALUES (nextval('orders_id'), $1, $2, $3)",
		tenant, customer, total)
	return err
}

// PurgeStale deletes stale orders of every tenant. It runs from a nightly
// job, so it is meant to cross tenants.
func (s *Store) PurgeStale(ctx context.Context) error {
	//tenantvet:ignore nightly job purges stale orders across all tenants
	_, err := s.DB.ExecContext(ctx, "DELETE FROM orders WHERE status = 'stale'")
	return err
}
