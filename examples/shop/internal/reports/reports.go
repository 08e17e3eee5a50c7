// Package reports builds the shop's report queries with squirrel.
package reports

import sq "github.com/Masterminds/squirrel"

var psql = sq.StatementBuilder.PlaceholderFormat(sq.Dollar)

// OpenOrders builds a tenant's open-orders report. The status filter is
// optional; the tenant filter is not.
func OpenOrders(tenant, status string) (string, []any, error) {
	q := psql.Select("id", "total").From("orders").Where(sq.Eq{"tenant_id": tenant})
	if status != "" {
		q = q.Where(sq.Eq{"status": status})
	}
	return q.ToSql()
}

// TopCustomers ranks customers by spend. It filters orders by customer
// alone, so it ranks every tenant's customers together.
func TopCustomers(limit uint64) (string, []any, error) {
	return psql.Select("c.email", "sum(o.total)").
		From("customers c").
		Join("orders o ON o.customer_id = c.id").
		GroupBy("c.email").
		OrderBy("2 DESC").
		Limit(limit).
		ToSql()
}
