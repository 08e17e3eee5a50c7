// Package strict holds squirrel chains that tenantvet cannot follow, which
// -strict reports.
package strict

import (
	"database/sql"

	sq "github.com/Masterminds/squirrel"

	"squirrelchains/base"
)

func escapes(db *sql.DB, tenant, table string) {
	q := sq.Select("id").From("orders")
	q = scope(q, tenant)
	q.RunWith(db).Query() // want `TV002: sql passed to squirrel.SelectBuilder.Query is not a constant string`

	sq.Select("id").From(table).Where("tenant_id = ?", tenant).ToSql() // want `TV002: sql passed to squirrel.SelectBuilder.ToSql is not a constant string`
	sq.Select("id").From("orders").Where("tenant_id = ?", tenant).ToSql()
}

func scope(q sq.SelectBuilder, tenant string) sq.SelectBuilder {
	return q.Where("tenant_id = ?", tenant)
}

func parameter(q sq.DeleteBuilder) {
	q.ToSql() // want `TV002: sql passed to squirrel.DeleteBuilder.ToSql is not a constant string`
}

// A chain that starts from a function without the fact is unknown; one
// that starts from a builder of constants is checked.
func bases(db *sql.DB, tenant string) {
	base.ByStatus("open").Where("tenant_id = ?", tenant).RunWith(db).Query() // want `TV002: sql passed to squirrel.SelectBuilder.Query is not a constant string`
	base.Orders().Where("o.tenant_id = ?", tenant).RunWith(db).Query()
}
