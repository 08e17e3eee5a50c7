// Package billing writes invoices through the shared query interface.
package billing

import (
	"context"

	"example.com/shop/internal/db"
)

// Invoices keeps invoices.
type Invoices struct{ Q db.DBTX }

// Issue writes an invoice. The tenant column was added by a later
// migration, and this insert was never updated.
func (i *Invoices) Issue(ctx context.Context, order int64, amount int) error {
	_, err := i.Q.Exec(ctx, "INSERT INTO invoices (id, order_id, amount) VALUES ($1, $1, $2)", order, amount)
	return err
}

// Total sums a tenant's invoices for an order; the join binds orders to the
// invoice's tenant.
func (i *Invoices) Total(ctx context.Context, tenant string, order int64) (int, error) {
	var total int
	err := i.Q.QueryRow(ctx, `
		SELECT coalesce(sum(inv.amount), 0)
		FROM invoices inv
		JOIN orders o ON o.id = inv.order_id AND o.tenant_id = inv.tenant_id
		WHERE inv.tenant_id = $1 AND inv.order_id = $2`, tenant, order).Scan(&total)
	return total, err
}

// PlanPrice reads a plan; plans are shared by every tenant and exempt.
func (i *Invoices) PlanPrice(ctx context.Context, plan int64) (int, error) {
	var price int
	err := i.Q.QueryRow(ctx, "SELECT price FROM plans WHERE id = $1", plan).Scan(&price)
	return price, err
}

// Amount reads one invoice through the logging helper, by id alone.
func (i *Invoices) Amount(ctx context.Context, id int64) (int, error) {
	var amount int
	err := db.QueryRow(ctx, i.Q, "SELECT amount FROM invoices WHERE id = $1", id).Scan(&amount)
	return amount, err
}
