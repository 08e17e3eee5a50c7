package shapes

//
// (Ballast comment to make it easier to adjust line numbers when imports change.)
//

import "context"

// Queryer is a team's own interface with database/sql's method shapes.
type Queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (any, error)
	ExecContext(ctx context.Context, query string, args ...any) (any, error)
}

func queryer(ctx context.Context, q Queryer, tenant string) {
	q.QueryContext(ctx, "SELECT id FROM orders")                           // want `TV101: select from "orders"`
	q.ExecContext(ctx, "DELETE FROM orders WHERE tenant_id = $1", tenant)
}

// Store is a named type whose methods have pgx's shapes.
type Store struct{}

func (Store) Query(ctx context.Context, sql string, args ...any) (any, error) { return nil, nil }

func store(ctx context.Context, s Store) {
	s.Query(ctx, "SELECT * FROM order_items") // want `TV101: select from "order_items"`
}

// Runner shares method names with query APIs but not their shapes, so its
// string arguments are not SQL.
type Runner struct{}

func (Runner) Exec(cmd string, args ...string) error    { return nil }
func (Runner) Get(key string) any                       { return nil }
func (Runner) Query(name string) string                 { return name }
func (Runner) Select(ctx context.Context, sql int) bool { return false }

func nopeRunner(r Runner) {
	r.Exec("SELECT * FROM orders")
	r.Get("SELECT * FROM orders")
	r.Query("SELECT * FROM orders")
}
