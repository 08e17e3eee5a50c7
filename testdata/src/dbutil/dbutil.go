// Package dbutil holds query wrappers of the kinds teams write, which
// tenantvet follows into their callers through facts.
package dbutil

//
// (Ballast comment to make it easier to adjust line numbers when imports change.)
//

import (
	"context"
	"database/sql"
	"log"
	"strings"
	"time"
)

// QueryLogged logs the SQL, then runs it.
func QueryLogged(ctx context.Context, db *sql.DB, q string, args ...any) (*sql.Rows, error) { // want QueryLogged:"queryWrapper\\(q\\)"
	log.Printf("query: %s", q)
	return db.QueryContext(ctx, q, args...)
}

// Timed times the SQL through another wrapper.
func Timed(ctx context.Context, db *sql.DB, label, query string) error { // want Timed:"queryWrapper\\(query\\)"
	start := time.Now()
	defer log.Print(label, time.Since(start))
	_, err := QueryLogged(ctx, db, query)
	return err
}

// Repo wraps a connection.
type Repo struct{ db *sql.DB }

func (r *Repo) query(ctx context.Context, stmt string, args ...any) (*sql.Rows, error) { // want query:"queryWrapper\\(stmt\\)"
	return r.db.QueryContext(ctx, stmt, args...)
}

// Exec runs a statement through the unexported method.
func (r *Repo) Exec(ctx context.Context, stmt string) error { // want Exec:"queryWrapper\\(stmt\\)"
	_, err := r.query(ctx, stmt)
	return err
}

// Querier is what the generic helper needs.
type Querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Get is a generic helper.
func Get[T any](ctx context.Context, q Querier, sqlText string, args ...any) (T, error) { // want Get:"queryWrapper\\(sqlText\\)"
	var v T
	err := q.QueryRowContext(ctx, sqlText, args...).Scan(&v)
	return v, err
}

// Scoped appends the tenant predicate before running the SQL: its callers'
// SQL, with the suffix, is what runs.
func Scoped(ctx context.Context, db *sql.DB, q string, tenant string) error { // want Scoped:`queryWrapper\(q \+ " AND tenant_id = \$1"\)`
	q = q + " AND tenant_id = $1"
	_, err := db.ExecContext(ctx, q, tenant)
	return err
}

// Page appends paging to the SQL it runs.
func Page(ctx context.Context, db *sql.DB, query string, tenant string, limit, offset int) (*sql.Rows, error) { // want Page:`queryWrapper\(query \+ " LIMIT \$2 OFFSET \$3"\)`
	query += " LIMIT $2"
	query += " OFFSET $3"
	return db.QueryContext(ctx, query, tenant, limit, offset)
}

// Sorted appends an ORDER BY in the call, through another wrapper.
func Sorted(ctx context.Context, db *sql.DB, query string) (*sql.Rows, error) { // want Sorted:`queryWrapper\(query \+ " ORDER BY id"\)`
	return QueryLogged(ctx, db, query+" ORDER BY id")
}

// MaybeLimited appends only on one path, so what runs is not known.
func MaybeLimited(ctx context.Context, db *sql.DB, query string, limit int) (*sql.Rows, error) {
	if limit > 0 {
		query += " LIMIT 10"
	}
	return db.QueryContext(ctx, query)
}

// Filtered appends text that is not constant.
func Filtered(ctx context.Context, db *sql.DB, query, filter string) (*sql.Rows, error) {
	query += filter
	return db.QueryContext(ctx, query)
}

// Trimmed runs a changed copy, which is not the parameter either.
func Trimmed(ctx context.Context, db *sql.DB, q string) error {
	_, err := db.ExecContext(ctx, strings.TrimSpace(q))
	return err
}

func internal(ctx context.Context, db *sql.DB) {
	QueryLogged(ctx, db, "SELECT * FROM orders") // want `TV101: select from "orders"`
	QueryLogged(ctx, db, "SELECT * FROM orders WHERE tenant_id = $1", "t")
}
