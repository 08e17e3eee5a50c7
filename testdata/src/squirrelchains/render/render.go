// Package render holds squirrel chains whose rebuilt SQL TestSquirrelSQL
// compares with the want comments: "sql: <text>", or "unknown" for a chain
// that tenantvet does not follow.
package render

import (
	"database/sql"

	sq "github.com/Masterminds/squirrel"

	sqbase "squirrelchains/base"
)

func clauses(id int64, tenant string, ids []int64, sort string) {
	sq.Select("id", "total").From("orders").Where("id = ?", id).Where("tenant_id = ?", tenant).OrderBy("id").Limit(10).Offset(5).ToSql()                 // want `^sql: SELECT id, total FROM orders WHERE id = \? AND tenant_id = \? ORDER BY id LIMIT 1 OFFSET 1$`
	sq.Select("a").From("x").OrderBy(sort).ToSql()                                                                                                       // want `^sql: SELECT a FROM x ORDER BY 1$`
	sq.Select().Distinct().Columns("a").Column("b + ?", 1).Column(sq.Alias(sq.Expr("c"), "cc")).From("x").GroupBy("a").Having("count(*) > ?", 1).ToSql() // want `^sql: SELECT DISTINCT a, b \+ \?, \(c\) AS cc FROM x GROUP BY a HAVING count\(\*\) > \?$`
	sq.Select("a").From("x").Join("y ON y.id = ?", 1).LeftJoin("z").RightJoin("w").InnerJoin("v").CrossJoin("u").ToSql()                                 // want `^sql: SELECT a FROM x JOIN y ON y.id = \? LEFT JOIN z RIGHT JOIN w INNER JOIN v CROSS JOIN u$`
	sq.Select("a").From("x").Where(nil).Where("").Where(sq.Eq{}).Where(sq.Or{}).ToSql()                                                                  // want `^sql: SELECT a FROM x WHERE \(1=1\) AND \(1=0\)$`
	sq.Select("a").From("x").Where("data ?? 'k'").ToSql()                                                                                                // want `^sql: SELECT a FROM x WHERE data \? 'k'$`
	sq.Select("1").Prefix("WITH t AS (?)", sq.Select("a").From("x")).From("t").Suffix("FOR UPDATE").ToSql()                                              // want `^sql: WITH t AS \(SELECT a FROM x\) SELECT 1 FROM t FOR UPDATE$`
	sq.Select("s.a").FromSelect(sq.Select("a").From("x"), "s").ToSql()                                                                                   // want `^sql: SELECT s.a FROM \(SELECT a FROM x\) AS s$`
	sq.Select("a").From("x").Where(sq.Eq{"c": ids, "b": 1, "a": nil, "d": []int{1, 2, 3}}).ToSql()                                                       // want `^sql: SELECT a FROM x WHERE a IS NULL AND b = \? AND c IN \(\?,\?\) AND d IN \(\?,\?,\?\)$`
	sq.Select("a").From("x").Where(sq.NotEq{"a": nil, "b": ids, "c": 1}).ToSql()                                                                         // want `^sql: SELECT a FROM x WHERE a IS NOT NULL AND b NOT IN \(\?,\?\) AND c <> \?$`
	sq.Select("a").From("x").Where(sq.Eq{"b": []byte("x"), "c": []int{}}).ToSql()                                                                        // want `^sql: SELECT a FROM x WHERE b = \? AND \(1=0\)$`
	sq.Select("a").From("x").Where(sq.Or{sq.Eq{"a": 1}, sq.And{sq.Gt{"b": 1}, sq.ILike{"c": "x"}}}).ToSql()                                              // want `^sql: SELECT a FROM x WHERE \(a = \? OR \(b > \? AND c ILIKE \?\)\)$`
	sq.Select("a").From("x").Where(sq.Expr("a IN (?) AND b = ?", sq.Select("a").From("y"), 2)).ToSql()                                                   // want `^sql: SELECT a FROM x WHERE a IN \(SELECT a FROM y\) AND b = \?$`
	sq.Select("a").From("x").Where(sq.ConcatExpr("b = ", sq.Expr("?", 1), " OR c IN (", sq.Select("c").From("y"), ")")).ToSql()                          // want `^sql: SELECT a FROM x WHERE b = \? OR c IN \(SELECT c FROM y\)$`
	sq.Select("a").From("x").Where(sq.Like{"a": nil}).ToSql()                                                                                            // want `^unknown$`
	sq.Select().From("x").ToSql()                                                                                                                        // want `^unknown$`
}

func statements(db *sql.DB, vals []interface{}) {
	sq.Update("orders").Set("total", 1).Set("n", sq.Expr("n + ?", 1)).SetMap(map[string]interface{}{"z": 1, "y": 2}).From("x").Where("a = ?", 1).ToSql() // want `^sql: UPDATE orders SET total = \?, n = n \+ \?, y = \?, z = \? FROM x WHERE a = \?$`
	sq.Update("orders").Set("total", sq.Select("sum(x)").From("order_items")).ToSql()                                                                    // want `^sql: UPDATE orders SET total = \(SELECT sum\(x\) FROM order_items\)$`
	sq.Update("orders").Where("a = 1").ToSql()                                                                                                           // want `^unknown$`
	sq.Insert("orders").Columns("a", "b").Values(1, sq.Expr("now()")).Values(vals...).Suffix("RETURNING id").ToSql()                                     // want `^sql: INSERT INTO orders \(a,b\) VALUES \(\?,now\(\)\),\(\?,\?\) RETURNING id$`
	sq.Replace("orders").Columns("a").Values(1).ToSql()                                                                                                  // want `^sql: REPLACE INTO orders \(a\) VALUES \(\?\)$`
	sq.Insert("orders").Columns("a").Select(sq.Select("a").From("x")).ToSql()                                                                            // want `^sql: INSERT INTO orders \(a\) SELECT a FROM x$`
	sq.Insert("orders").Columns("a").Values(1).SetMap(map[string]interface{}{"c": 1, "b": 2}).ToSql()                                                    // want `^sql: INSERT INTO orders \(b,c\) VALUES \(\?,\?\)$`
	sq.StatementBuilder.Where("t = 1").Delete("x").Where("a = 2").ToSql()                                                                                // want `^sql: DELETE FROM x WHERE t = 1 AND a = 2$`
	sq.Delete("x").Where(sq.Lt{"a": 1}).Where(sq.GtOrEq{"b": 2}).Limit(1).RunWith(db).Exec()                                                             // want `^sql: DELETE FROM x WHERE a < \? AND b >= \? LIMIT 1$`
	sq.ExecWith(db, sq.Expr("DELETE FROM x"))                                                                                                            // want `^sql: DELETE FROM x$`
}

var base = sq.Select("a").From("x")

func variables(c bool, items []string, cond sq.Sqlizer) {
	base.Where("b = 1").ToSql() // want `^sql: SELECT a FROM x WHERE b = 1$`

	eq := sq.Eq{"b": 1}
	base.Where(eq).ToSql()   // want `^sql: SELECT a FROM x WHERE b = \?$`
	base.Where(cond).ToSql() // want `^unknown$`

	m := map[string]interface{}{"c": 1}
	sq.Update("x").SetMap(m).ToSql() // want `^sql: UPDATE x SET c = \?$`

	// A map written to after its literal is not followed anywhere.
	n := map[string]interface{}{"c": 1}
	sq.Update("x").SetMap(n).ToSql() // want `^unknown$`
	n["d"] = 2
	sq.Update("x").SetMap(n).ToSql() // want `^unknown$`

	q := sq.Select("a").From("x")
	{
		q = q.Where("b = 1")
		if c {
			q.ToSql() // want `^sql: SELECT a FROM x WHERE b = 1$`
		}
	}
	// Only the statements of the blocks that enclose the use count: the
	// Where in the bare block above is nested, so it is left out too.
	if c {
		q = q.Where("c = 1")
	}
	q.ToSql() // want `^sql: SELECT a FROM x$`

	if r := sq.Select("a").From("y"); c {
		r.ToSql() // want `^sql: SELECT a FROM y$`
	}

	switch s := sq.Select("a").From("z"); {
	case c:
		s = s.Where("d = 1")
		s.ToSql() // want `^sql: SELECT a FROM z WHERE d = 1$`
	default:
		s.ToSql() // want `^sql: SELECT a FROM z$`
	}
}

func reassigned(c bool, tbl string) {
	q := sq.Select("a").From("x")
	if c {
		q = sq.Select("z").From("z")
	}
	q.ToSql() // want `^unknown$`
	q = sq.Select("b").From("y")
	q.ToSql() // want `^sql: SELECT b FROM y$`

	r := sq.Select("a").From("x")
	if c {
		r = r.From(tbl)
	}
	r.ToSql() // want `^unknown$`
}

func loops(items []string) {
	q := sq.Select("a").From("x")
	for _, it := range items {
		q.ToSql() // want `^unknown$`
		q = q.Join(it)
	}

	r := sq.Select("a").From("x")
	for _, it := range items {
		r.ToSql() // want `^sql: SELECT a FROM x$`
		r = r.Where("b = ?", it)
	}
	r.ToSql() // want `^sql: SELECT a FROM x$`

	for s := sq.Select("a").From("x"); ; s = s.Join("y") {
		s.ToSql() // want `^unknown$`
	}
}

func local() sq.SelectBuilder { return sq.Select("a").From("x") } // want local:`sqResult\("SELECT a FROM x"\)`

func scoped() sq.StatementBuilderType { return sq.StatementBuilder.Where("t = 1") } // want scoped:`sqResult\(unfinished statement builder\)`

func update() sq.UpdateBuilder { return scoped().Update("x") } // want update:`sqResult\(unfinished update\)`

func byTable(t string) sq.SelectBuilder { return sq.Select("a").From("x").Where("b = ?", t) }

// Chains start from the builders that functions return, here and in
// package base.
func fromBases(db *sql.DB) {
	local().Where("b = 1").ToSql()                                                // want `^sql: SELECT a FROM x WHERE b = 1$`
	scoped().Delete("x").Where("a = 2").ToSql()                                   // want `^sql: DELETE FROM x WHERE t = 1 AND a = 2$`
	update().Set("a", 1).ToSql()                                                  // want `^sql: UPDATE x SET a = \? WHERE t = 1$`
	byTable("y").ToSql()                                                          // want `^unknown$`
	sqbase.Orders().Limit(1).ToSql()                                              // want `^sql: SELECT o.id, o.total FROM orders o WHERE o.total > 0 LIMIT 1$`
	sqbase.PSQL().Select("a").From("x").RunWith(db).Query()                       // want `^sql: SELECT a FROM x$`
	sqbase.Insert().Suffix("RETURNING id").ToSql()                                // want `^sql: INSERT INTO orders \(id,total\) VALUES \(\?,\?\) RETURNING id$`
	sqbase.NoValues().ToSql()                                                     // want `^sql: INSERT INTO order_items VALUES \(\)$`
	sq.Select("a").From("x").Where(sq.Expr("a IN (?)", sqbase.Items(""))).ToSql() // want `^sql: SELECT a FROM x WHERE a IN \(SELECT sku FROM order_items\)$`
	sqbase.ByStatus("open").ToSql()                                               // want `^unknown$`
}
