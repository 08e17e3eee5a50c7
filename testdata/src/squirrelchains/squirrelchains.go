// Package squirrelchains holds squirrel builder chains. Findings are
// reported at the call that runs or renders the chain, whose position is
// where the chain starts.
package squirrelchains

import (
	"context"
	"database/sql"

	sq "github.com/Masterminds/squirrel"
)

func selects(db *sql.DB, tenant string, id int64) {
	sq.Select("id", "total").From("orders").Where("id = ?", id).ToSql() // want `TV101: select from "orders" has no tenant_id predicate; add orders.tenant_id = \$n`
	sq.Select("id", "total").From("orders").Where("tenant_id = ? AND id = ?", tenant, id).ToSql()
	sq.Select("id").From("price_plans").MustSql()                                      // not a tenant table
	sq.Select("name").From(`"APIToken"`).Where(sq.Eq{"id": id}).RunWith(db).QueryRow() // want `TV101: select from "APIToken" has no "tenantId" predicate`
	sq.Select("name").From(`"APIToken"`).Where(sq.Eq{`"tenantId"`: tenant, "id": id}).RunWith(db).QueryRow()
}

// The finding is at the start of the chain, however many lines it spans.
func multiline(db *sql.DB, id int64) {
	rows, _ := sq.Select("id"). // want `TV101: select from "orders"`
					From("orders").
					Where("id = ?", id).
					RunWith(db).
					Query()
	_ = rows
}

func updates(ctx context.Context, db *sql.DB, tenant string, id int64) {
	sq.Update("orders").Set("total", 0).Where("id = ?", id).RunWith(db).Exec() // want `TV101: update of "orders" has no tenant_id predicate`
	sq.Update("orders").Set("total", 0).Where("id = ?", id).Where("tenant_id = ?", tenant).RunWith(db).ExecContext(ctx)
	sq.Update("orders").Set("tenant_id", tenant).Where(sq.Eq{"tenant_id": tenant}).ToSql() // want `TV103: update "orders" sets tenant_id`
	sq.Update("orders").SetMap(map[string]interface{}{"total": 1, "customer_id": id}).Where(sq.Eq{"tenant_id": tenant}).ToSql()
	sq.Update("orders").SetMap(map[string]interface{}{"total": 1, "tenant_id": tenant}).Where(sq.Eq{"tenant_id": tenant}).ToSql() // want `TV103: update "orders" sets tenant_id`
}

func deletes(ctx context.Context, db *sql.DB, tenant string, id int64) {
	sq.Delete("orders").Where(sq.Eq{"id": id}).RunWith(db).ExecContext(ctx) // want `TV101: delete from "orders" has no tenant_id predicate`
	sq.Delete("orders").Where(sq.Eq{"id": id, "tenant_id": tenant}).RunWith(db).ExecContext(ctx)
	sq.Delete("").From("order_items").Where("sku = ?", "x").ToSql() // want `TV101: delete from "order_items"`
	sq.Delete("").From("order_items").Where("sku = ?", "x").Where("tenant_id = ?", tenant).ToSql()
	sq.ExecWith(db, sq.Delete("orders")) // want `TV101: delete from "orders"`
	sq.ExecWith(db, sq.Delete("orders").Where("tenant_id = ?", tenant))
}

func inserts(db *sql.DB, tenant string) {
	sq.Insert("orders").Columns("id", "total").Values(1, 2).RunWith(db).Exec() // want `TV102: insert into "orders" does not set tenant_id`
	sq.Insert("orders").Columns("tenant_id", "id", "total").Values(tenant, 1, 2).RunWith(db).Exec()
	sq.Insert("").Into("order_items").Columns("order_id", "sku").Values(1, "a").Values(2, "b").ToSql() // want `TV102: insert into "order_items" does not set tenant_id`
	sq.Insert("").Into("order_items").Columns("tenant_id", "order_id", "sku").Values(tenant, 1, "a").Values(tenant, 2, "b").ToSql()
	sq.Insert("orders").SetMap(map[string]interface{}{"id": 1, "total": 2}).ToSql() // want `TV102: insert into "orders" does not set tenant_id`
	sq.Insert("orders").SetMap(map[string]interface{}{"id": 1, "tenant_id": tenant}).Suffix("RETURNING id").ToSql()
	sq.Insert("price_plans").Columns("id", "name").Values(1, "basic").ToSql()
}

// psql is kept in a package variable, as squirrel's README suggests.
var psql = sq.StatementBuilder.PlaceholderFormat(sq.Dollar)

func statementBuilder(tenant string, id int64) {
	sq.StatementBuilder.PlaceholderFormat(sq.Dollar).Select("id").From("orders").ToSql() // want `TV101: select from "orders"`
	sq.StatementBuilder.PlaceholderFormat(sq.Dollar).Select("id").From("orders").Where("tenant_id = ?", tenant).ToSql()
	psql.Select("id").From("orders").Where(sq.Eq{"id": id}).ToSql() // want `TV101: select from "orders"`
	psql.Select("id").From("orders").Where(sq.Eq{"id": id, "tenant_id": tenant}).ToSql()
	psql.Delete("order_items").Where("order_id = ?", id).ToSql() // want `TV101: delete from "order_items"`
	psql.Update("orders").Set("total", 2).Where("tenant_id = ? AND id = ?", tenant, id).ToSql()
	psql.Insert("orders").Columns("id").Values(id).ToSql() // want `TV102: insert into "orders"`
}

// scopedPSQL adds the tenant predicate to every statement built from it.
var scopedPSQL = sq.StatementBuilder.Where("tenant_id = current_setting('app.tenant')")

func statementBuilderWhere() {
	scopedPSQL.Select("id").From("orders").ToSql()
}

func joins(tenant string) {
	sq.Select("o.id", "i.sku").From("orders o").Join("order_items i ON i.order_id = o.id").Where("o.tenant_id = ?", tenant).ToSql() // want `TV101: select from "order_items" has no tenant_id predicate; add i.tenant_id = \$n`
	sq.Select("o.id", "i.sku").From("orders o").Join("order_items i ON i.order_id = o.id AND i.tenant_id = o.tenant_id").Where("o.tenant_id = ?", tenant).ToSql()
	sq.Select("o.id", "i.sku").From("orders o").LeftJoin("order_items i ON i.order_id = o.id").Where("o.tenant_id = ?", tenant).ToSql() // want `TV101: select from "order_items"`
	sq.Select("o.id", "i.sku").From("orders o").LeftJoin("order_items i ON i.order_id = o.id AND i.tenant_id = ?", tenant).Where("o.tenant_id = ?", tenant).ToSql()
	sq.Select("o.id", "i.sku").From("orders o").InnerJoin("order_items i USING (tenant_id)").Where("o.tenant_id = ?", tenant).ToSql()
	sq.Select("o.id", "p.name").From("orders o").CrossJoin("price_plans p").Where("o.tenant_id = ?", tenant).ToSql()
	sq.Select("o.id").From("price_plans p").RightJoin("orders o ON o.id = p.id").ToSql() // want `TV101: select from "orders"`
}

func conditions(tenant string, tenants []string, id int64, a, b string) {
	sq.Select("id").From("orders").Where(sq.Eq{"tenant_id": tenant}).ToSql()
	sq.Select("id").From("orders").Where(sq.Eq{"tenant_id": tenants}).ToSql()         // want `TV101: select from "orders"`
	sq.Select("id").From("orders").Where(sq.Eq{"tenant_id": []string{a, b}}).ToSql()  // want `TV101: select from "orders"`
	sq.Select("id").From("orders").Where(sq.Eq{"tenant_id": []string{a}}).ToSql()     // a one-element list names one tenant
	sq.Select("id").From("orders").Where(sq.Eq{"tenant_id": [2]string{a, b}}).ToSql() // want `TV101: select from "orders"`
	sq.Select("id").From("orders").Where(sq.NotEq{"tenant_id": tenant}).ToSql()       // want `TV101: select from "orders"`
	sq.Select("id").From("orders").Where(map[string]interface{}{"tenant_id": tenant}).ToSql()
	sq.Select("id").From("orders").Where(sq.Or{sq.Eq{"tenant_id": tenant}, sq.Eq{"id": id}}).ToSql() // want `TV101: select from "orders"`
	sq.Select("id").From("orders").Where(sq.Or{sq.Eq{"tenant_id": a}, sq.Eq{"tenant_id": b}}).ToSql() // want `TV101: select from "orders"`
	// squirrel binds every value to a placeholder of its own, so one
	// variable in two arms reads as two tenants: a false positive that
	// stays until rendering keeps the identity of the value.
	sq.Select("id").From("orders").Where(sq.Or{sq.And{sq.Eq{"tenant_id": a}, sq.Gt{"total": 10}}, sq.And{sq.Eq{"tenant_id": a}, sq.Lt{"total": 1}}}).ToSql() // want `TV101: select from "orders"`
	sq.Select("id").From("orders").Where(sq.And{sq.Eq{"tenant_id": a}, sq.Or{sq.Gt{"total": 10}, sq.Lt{"total": 1}}}).ToSql()
	sq.Select("id").From("orders").Where(sq.And{sq.Eq{"tenant_id": tenant}, sq.Gt{"total": 10}}).ToSql()
	sq.Select("id").From("orders").Where(sq.And{sq.Lt{"total": 10}, sq.GtOrEq{"id": id}}).ToSql()            // want `TV101: select from "orders"`
	sq.Select("id").From("order_items").Where(sq.Like{"sku": "a%"}).Where(sq.LtOrEq{"order_id": id}).ToSql() // want `TV101: select from "order_items"`
	sq.Select("id").From("order_items").Where(sq.Like{"sku": "a%"}).Where(sq.Eq{"tenant_id": tenant}).ToSql()
	sq.Select("id").From("orders").Where(sq.Expr("tenant_id = ?", tenant)).ToSql()
	sq.Select("id").From("orders").Where("id = ? OR tenant_id = ?", id, tenant).ToSql() // want `TV101: select from "orders"`
}

func subqueries(tenant string) {
	items := sq.Select("order_id").From("order_items").Where("sku = ?", "x")
	sq.Select("id").From("orders").Where("tenant_id = ?", tenant).Where(sq.Expr("id IN (?)", items)).ToSql() // want `TV101: select from "order_items"`
	scopedItems := items.Where("tenant_id = ?", tenant)
	sq.Select("id").From("orders").Where("tenant_id = ?", tenant).Where(sq.Expr("id IN (?)", scopedItems)).ToSql()
	sq.Select("s.id").FromSelect(sq.Select("id").From("orders"), "s").ToSql() // want `TV101: select from "orders"`
}

// A builder in a local variable is followed through the statements that
// run every time the query does.
func localEveryPath(db *sql.DB, tenant string, id int64) {
	q := sq.Select("id").From("orders")
	q = q.Where("id = ?", id)
	q = q.Where("tenant_id = ?", tenant)
	q.RunWith(db).Query()
}

func localUnscoped(id int64) {
	q := sq.Select("id").From("orders")
	q = q.Where("id = ?", id)
	q.ToSql() // want `TV101: select from "orders"`
}

// A Where added on one path only does not scope the query.
func localConditional(tenant string, scoped bool) {
	q := sq.Select("id").From("orders")
	if scoped {
		q = q.Where("tenant_id = ?", tenant)
	}
	q.ToSql() // want `TV101: select from "orders"`
}

func localLoop(tenant string, filters []string) {
	q := sq.Select("id").From("orders").Where("tenant_id = ?", tenant)
	for _, f := range filters {
		q = q.Where(sq.Eq{"status": f})
	}
	q.ToSql()
}

func localNested(tenant string, admin bool) {
	q := psql.Delete("orders")
	if !admin {
		q = q.Where("tenant_id = ?", tenant)
		q.ToSql() // scoped on this path
	}
	q.ToSql() // want `TV101: delete from "orders"`
}

// A join added on one path only cannot be judged either way.
func localConditionalJoin(tenant string, withItems bool) {
	q := sq.Select("o.id").From("orders o").Where("o.tenant_id = ?", tenant)
	if withItems {
		q = q.Join("order_items i ON i.order_id = o.id")
	}
	q.ToSql()
}

// A builder that escapes to other code is not followed.
func escapes(db *sql.DB, tenant string) {
	q := sq.Select("id").From("orders")
	q = scope(q, tenant)
	q.RunWith(db).Query()

	r := sq.Select("id").From("orders")
	log(r)
	r.ToSql()

	s := sq.Select("id").From("orders")
	func() { s = s.Where("tenant_id = ?", tenant) }()
	s.ToSql()

	t := sq.Select("id").From("orders")
	addScope(&t, tenant)
	t.ToSql()
}

func scope(q sq.SelectBuilder, tenant string) sq.SelectBuilder {
	return q.Where("tenant_id = ?", tenant)
}

func addScope(q *sq.SelectBuilder, tenant string) { *q = q.Where("tenant_id = ?", tenant) }

func log(q sq.SelectBuilder) {}

func parameter(q sq.SelectBuilder) {
	q.ToSql()
}

// returned's builder is built from constants, so a chain may start from
// it (see package base).
func returned() sq.SelectBuilder { // want returned:`sqResult\("SELECT id FROM orders"\)`
	return sq.Select("id").From("orders")
}

type repo struct{ base sq.SelectBuilder }

func (r repo) field() {
	r.base.ToSql()
	returned().ToSql() // want `TV101: select from "orders"`
}

func dynamic(table string, cols []string) {
	sq.Select("id").From(table).ToSql()
	sq.Select(cols...).From("orders").ToSql()
}

// reassigned is assigned after its declaration, so its declaration does
// not tell what it holds.
var reassigned = sq.Select("id").From("orders").Where("tenant_id = ?", "t1")

func reassign() {
	reassigned = sq.Select("id").From("orders")
}

func useReassigned() {
	reassigned.ToSql()
}

func ignored(id int64) {
	//tenantvet:ignore admin report over every tenant
	sq.Select("id").From("orders").Where("id = ?", id).ToSql()
}
