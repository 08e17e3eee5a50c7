// Package base holds functions that return squirrel builders, which the
// chains of their callers start from, here and in package basecaller.
package base

import (
	"database/sql"

	sq "github.com/Masterminds/squirrel"
)

var psql = sq.StatementBuilder.PlaceholderFormat(sq.Dollar)

func orders() sq.SelectBuilder { return psql.Select("o.id", "o.total").From("orders o") } // want orders:`sqResult\("SELECT o.id, o.total FROM orders o"\)`

// Orders starts from another base.
func Orders() sq.SelectBuilder { return orders().Where("o.total > 0") } // want Orders:`sqResult\("SELECT o.id, o.total FROM orders o WHERE o.total > 0"\)`

// ForTenant binds the tenant itself, so its callers' chains are scoped.
func ForTenant() sq.DeleteBuilder { // want ForTenant:`sqResult\("DELETE FROM orders WHERE tenant_id = current_setting\('app.tenant'\)"\)`
	return psql.Delete("orders").Where("tenant_id = current_setting('app.tenant')")
}

// PSQL is a statement builder, which callers start a statement from.
func PSQL() sq.StatementBuilderType { return sq.StatementBuilder.PlaceholderFormat(sq.Dollar) } // want PSQL:`sqResult\(unfinished statement builder\)`

// Items has a parameter that the builder does not use.
func Items(label string) sq.SelectBuilder { return sq.Select("sku").From("order_items") } // want Items:`sqResult\("SELECT sku FROM order_items"\)`

// Repo's methods return builders too.
type Repo struct {
	DB   *sql.DB
	base sq.SelectBuilder
}

func (r *Repo) Items() sq.SelectBuilder { return sq.Select("id").From("order_items") } // want Items:`sqResult\("SELECT id FROM order_items"\)`

// Insert spreads its values, so the columns count them.
func Insert() sq.InsertBuilder { return sq.Insert("orders").Columns("id", "total").Values(vals...) } // want Insert:`sqResult\("INSERT INTO orders \(id,total\) VALUES \(\?,\?\)"\)`

var vals = []interface{}{1, 2}

// ItemInsert lists the tenant column, so its callers' values set it.
func ItemInsert() sq.InsertBuilder { return sq.Insert("order_items").Columns("tenant_id", "order_id") } // want ItemInsert:`sqResult\(unfinished insert\)`

// NoValues has a row of no values, which is not a spread one.
func NoValues() sq.InsertBuilder { return sq.Insert("order_items").Values() } // want NoValues:`sqResult\("INSERT INTO order_items VALUES \(\)"\)`

// These depend on their callers, so their builders are unknown.

func ByStatus(status string) sq.SelectBuilder {
	return sq.Select("id").From("orders").Where("status = ?", status)
}

func (r *Repo) Base() sq.SelectBuilder { return r.base }

func (r *Repo) Own() sq.SelectBuilder { return sq.Select("id").From("orders").RunWith(r.DB) }

func Branch(all bool) sq.SelectBuilder {
	if all {
		return sq.Select("id").From("orders")
	}
	return sq.Select("id").From("orders").Where("tenant_id = current_setting('app.tenant')")
}

func Built() sq.SelectBuilder {
	q := sq.Select("id").From("orders")
	return q
}

func Generic[T any]() sq.SelectBuilder { return sq.Select("id").From("orders") }

func cycleA() sq.SelectBuilder { return cycleB().Where("a") }

func cycleB() sq.SelectBuilder { return cycleA().Where("b") }

// The chains of this package start from the bases too.
func uses(db *sql.DB, r *Repo, tenant string) {
	orders().RunWith(db).Query() // want `TV101: select from "orders" has no tenant_id predicate; add o.tenant_id = \$n`
	orders().Where(sq.Eq{"o.tenant_id": tenant}).RunWith(db).Query()
	Orders().Where("o.id = ?", 1).ToSql() // want `TV101: select from "orders"`
	Orders().Where("o.tenant_id = ?", tenant).ToSql()
	r.Items().Where("id = ?", 1).ToSql() // want `TV101: select from "order_items"`
	r.Items().Where("tenant_id = ?", tenant).ToSql()
	q := orders()
	q = q.Where("o.id = ?", 1)
	q.ToSql() // want `TV101: select from "orders"`
	// A chain from a function without the fact is unknown, and silent.
	ByStatus("open").ToSql()
	cycleA().ToSql()
}
