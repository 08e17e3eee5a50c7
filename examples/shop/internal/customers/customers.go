// Package customers reads and writes customers through a pgx pool.
package customers

import (
	"context"
	"io"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Repo keeps customers.
type Repo struct{ Pool *pgxpool.Pool }

// ByEmail finds a tenant's customer by email.
func (r *Repo) ByEmail(ctx context.Context, tenant, email string) pgx.Row {
	return r.Pool.QueryRow(ctx, "SELECT id, email FROM customers WHERE tenant_id = $1 AND email = $2", tenant, email)
}

// Search matches customers by email prefix. The tenant filter sits inside a
// CASE, so an empty tenant matches every tenant's customers.
func (r *Repo) Search(ctx context.Context, tenant, prefix string) (pgx.Rows, error) {
	return r.Pool.Query(ctx, `
		SELECT id, email FROM customers
		WHERE email LIKE $2 || '%'
		  AND CASE WHEN $1 <> '' THEN tenant_id = $1::uuid ELSE true END`, tenant, prefix)
}

// Rename changes a customer's email in a transaction.
func Rename(ctx context.Context, tx pgx.Tx, tenant string, id int64, email string) error {
	_, err := tx.Exec(ctx, "UPDATE customers SET email = $3 WHERE tenant_id = $1 AND id = $2", tenant, id, email)
	return err
}

// Export writes a tenant's customers as CSV, through the connection's COPY.
// It forgets the tenant, so the file holds every tenant's customers.
func Export(ctx context.Context, conn *pgx.Conn, w io.Writer) error {
	_, err := conn.PgConn().CopyTo(ctx, w, "COPY (SELECT id, email FROM customers) TO STDOUT WITH (FORMAT csv)")
	return err
}
