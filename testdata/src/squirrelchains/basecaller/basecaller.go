// Package basecaller starts its squirrel chains from the builders that
// package base returns. Findings are reported here, at the chain that runs
// the query, not in base.
package basecaller

import (
	"context"
	"database/sql"

	sq "github.com/Masterminds/squirrel"

	"squirrelchains/base"
)

func callers(ctx context.Context, db *sql.DB, r *base.Repo, tenant string) {
	base.Orders().RunWith(db).Query() // want `TV101: select from "orders" has no tenant_id predicate; add o.tenant_id = \$n`
	base.Orders().Where(sq.Eq{"o.tenant_id": tenant}).RunWith(db).Query()
	base.ForTenant().Where("id = ?", 1).RunWith(db).ExecContext(ctx)
	base.PSQL().Select("id").From("orders").ToSql() // want `TV101: select from "orders"`
	base.PSQL().Select("id").From("orders").Where("tenant_id = ?", tenant).ToSql()
	base.Items("x").ToSql() // want `TV101: select from "order_items"`
	base.Items("x").Where(sq.Eq{"tenant_id": tenant}).ToSql()
	r.Items().RunWith(db).QueryRow() // want `TV101: select from "order_items"`
	r.Items().Where("tenant_id = ?", tenant).RunWith(db).QueryRow()
	base.Insert().ToSql() // want `TV102: insert into "orders" does not set tenant_id`
	base.ItemInsert().Values(tenant, 1).ToSql()
	sq.ExecWith(db, base.Orders()) // want `TV101: select from "orders"`
	sq.ExecWith(db, base.Orders().Where("o.tenant_id = ?", tenant))

	q := base.Orders()
	q = q.Where("o.id = ?", 1)
	q.RunWith(db).Query() // want `TV101: select from "orders"`

	// The builders of these depend on their callers: unknown, and silent.
	base.ByStatus("open").ToSql()
	r.Base().ToSql()
	r.Own().Query()
	base.Branch(true).ToSql()
	base.Built().ToSql()
	base.Generic[int]().ToSql()
}
