package sqlcheck

import "testing"

// These tests pin down the scoping contract of design.md section 3, one
// rule at a time, each with a case that is reported and a nearby case that
// is not. The schema is testSchema in check_test.go.

// TestScopeWhere covers the forms of a tenant predicate in WHERE: which
// comparisons and which values bind a reference, and how AND, OR, NOT and
// CASE combine them.
func TestScopeWhere(t *testing.T) {
	runCheckCases(t, []checkCase{
		// The basic rule.
		{"bound", "SELECT id FROM orders WHERE tenant_id = $1", nil},
		{"no where", "SELECT id FROM orders", []string{"TV101 orders"}},
		{"where without tenant", "SELECT id FROM orders WHERE id = $1", []string{"TV101 orders"}},

		// How R.tc may be written.
		{"qualified by alias", "SELECT o.id FROM orders o WHERE o.tenant_id = $1", nil},
		{"qualified by name", "SELECT orders.id FROM orders WHERE orders.tenant_id = $1", nil},
		{"other alias's column", "SELECT o.id FROM orders o, customers c WHERE c.tenant_id = $1 AND o.id = c.id",
			[]string{"TV101 orders"}},
		{"unqualified, only owner", "SELECT o.id FROM orders o JOIN plans p ON p.id = o.id WHERE tenant_id = $1", nil},
		// Both relations have tenant_id, so the unqualified name is not R's
		// alone (PostgreSQL rejects it as ambiguous, too).
		{"unqualified, two owners", "SELECT 1 FROM orders o JOIN customers c ON c.id = o.customer_id WHERE tenant_id = $1",
			[]string{"TV101 orders", "TV101 customers"}},

		// Both orders of the comparison.
		{"param on the left", "SELECT o.id FROM orders o WHERE $1 = o.tenant_id", nil},
		{"param on the left, other column", "SELECT o.id FROM orders o WHERE $1 = o.customer_id", []string{"TV101 orders"}},

		// Comparison forms.
		{"is not distinct from", "SELECT id FROM orders WHERE tenant_id IS NOT DISTINCT FROM $1", nil},
		{"row comparison", "SELECT id FROM orders WHERE (tenant_id, id) = ($1, $2)", nil},
		{"row comparison without the tenant", "SELECT id FROM orders WHERE (customer_id, id) = ($1, $2)", []string{"TV101 orders"}},
		{"row in with one element", "SELECT id FROM orders WHERE (id, tenant_id) IN (($1, $2))", nil},
		{"is distinct from", "SELECT id FROM orders WHERE tenant_id IS DISTINCT FROM $1", []string{"TV101 orders"}},
		{"in one", "SELECT id FROM orders WHERE tenant_id IN ($1)", nil},
		{"in two", "SELECT id FROM orders WHERE tenant_id IN ($1, $2)", []string{"TV101 orders"}},
		{"any", "SELECT id FROM orders WHERE tenant_id = ANY($1)", []string{"TV101 orders"}},
		{"not equal", "SELECT id FROM orders WHERE tenant_id <> $1", []string{"TV101 orders"}},
		{"is not null", "SELECT id FROM orders WHERE tenant_id IS NOT NULL", []string{"TV101 orders"}},

		// Tenant values.
		{"literal", "SELECT id FROM orders WHERE tenant_id = '6c1f2a3e-0000-4000-8000-000000000001'", nil},
		{"cast param ::", "SELECT id FROM orders WHERE tenant_id = $1::uuid", nil},
		{"cast param CAST", "SELECT id FROM orders WHERE tenant_id = CAST($1 AS uuid)", nil},
		{"cast literal", "SELECT id FROM orders WHERE tenant_id = 'x'::uuid", nil},
		{"current_setting", "SELECT id FROM orders WHERE tenant_id = current_setting('app.tenant')::uuid", nil},
		{"other function", "SELECT id FROM orders WHERE tenant_id = gen_random_uuid()", []string{"TV101 orders"}},
		{"other column", "SELECT id FROM orders WHERE tenant_id = customer_id", []string{"TV101 orders"}},
		// A scalar subquery yields at most one value, which names one
		// tenant as a parameter does, unless it reads the outer row.
		{"scalar subquery names one tenant", "SELECT id FROM orders WHERE tenant_id = (SELECT id FROM tenants WHERE slug = $1)", nil},
		{"scalar subquery of the outer row", "SELECT id FROM orders o WHERE o.tenant_id = (SELECT c.tenant_id FROM customers c WHERE c.id = o.customer_id)",
			[]string{"TV101 orders", "TV101 customers"}},
		{"scalar subquery of the outer row, unqualified", "SELECT id FROM orders o WHERE o.tenant_id = (SELECT t.id FROM tenants t WHERE t.slug = customer_id::text)",
			[]string{"TV101 orders"}},
		{"array subquery names many", "SELECT id FROM orders WHERE tenant_id = ANY (ARRAY(SELECT id FROM tenants))", []string{"TV101 orders"}},
		{"coalesce with own column", "SELECT id FROM orders WHERE tenant_id = COALESCE($1, tenant_id)", []string{"TV101 orders"}},

		// R.tc = R.tc.
		{"self comparison", "SELECT id FROM orders WHERE tenant_id = tenant_id", []string{"TV101 orders"}},
		{"self comparison qualified", "SELECT o.id FROM orders o WHERE o.tenant_id = o.tenant_id", []string{"TV101 orders"}},

		// Top-level conjuncts: AND and parentheses.
		{"and chain", "SELECT id FROM orders WHERE status = 'x' AND tenant_id = $1 AND id = $2", nil},
		{"nested parens", "SELECT id FROM orders WHERE (status = 'x' AND (id = $2 AND (tenant_id = $1)))", nil},
		{"double parens", "SELECT id FROM orders WHERE ((tenant_id = $1))", nil},

		// OR.
		{"or both arms", "SELECT id FROM orders WHERE (tenant_id = $1 AND status = 'a') OR (tenant_id = $1 AND status = 'b')", nil},
		{"or every arm, different values", "SELECT id FROM orders WHERE tenant_id = $1 OR tenant_id = $2", []string{"TV101 orders"}},
		{"or every arm, different literals", "SELECT id FROM orders WHERE tenant_id = 'a' OR (tenant_id = 'b' AND id = 1)", []string{"TV101 orders"}},
		{"or every arm, one value cast", "SELECT id FROM orders WHERE tenant_id = $1::uuid OR (tenant_id = $1 AND id = 1)", nil},
		{"or every arm, one setting", "SELECT id FROM orders WHERE tenant_id = current_setting('app.t')::uuid OR tenant_id = coalesce(current_setting('app.t', true), '')::uuid", nil},
		{"or every arm, two settings", "SELECT id FROM orders WHERE tenant_id = current_setting('app.t')::uuid OR tenant_id = current_setting('app.u')::uuid", []string{"TV101 orders"}},
		{"or through bound relations of one tenant",
			"SELECT o.id FROM orders o, customers c WHERE c.tenant_id = $1 AND (o.tenant_id = c.tenant_id OR o.tenant_id = $1)", nil},
		{"or through bound relations of two tenants",
			"SELECT o.id FROM orders o, customers c WHERE c.tenant_id = $2 AND (o.tenant_id = c.tenant_id OR o.tenant_id = $1)", []string{"TV101 orders"}},
		{"or one arm", "SELECT id FROM orders WHERE tenant_id = $1 OR status = 'a'", []string{"TV101 orders"}},
		{"or three arms, one bad", "SELECT id FROM orders WHERE tenant_id = $1 OR tenant_id = $2 OR id = $3", []string{"TV101 orders"}},
		{"and binds tighter than or", "SELECT id FROM orders WHERE tenant_id = $1 AND status = 'a' OR status = 'b'",
			[]string{"TV101 orders"}},
		{"or in parens", "SELECT id FROM orders WHERE tenant_id = $1 AND (status = 'a' OR status = 'b')", nil},

		// NOT and CASE.
		{"not", "SELECT id FROM orders WHERE NOT (tenant_id <> $1)", []string{"TV101 orders"}},
		{"not equal under not", "SELECT id FROM orders WHERE NOT tenant_id = $1", []string{"TV101 orders"}},
		{"case", "SELECT o.id FROM orders o WHERE CASE WHEN $1 <> '' THEN o.tenant_id = $1 ELSE true END",
			[]string{"TV101 orders"}},
		{"case beside a conjunct", "SELECT o.id FROM orders o WHERE o.tenant_id = $1 AND CASE WHEN $2 THEN o.total > 0 ELSE true END", nil},

		// Only WHERE and ON scope; HAVING does not.
		{"having", "SELECT tenant_id, count(*) FROM orders GROUP BY tenant_id HAVING tenant_id = $1", []string{"TV101 orders"}},
		{"group by without filter", "SELECT tenant_id, count(*) FROM orders GROUP BY tenant_id", []string{"TV101 orders"}},
	})
}

// TestScopeNames covers how table and column names resolve: case folding,
// quoted identifiers and schemas.
func TestScopeNames(t *testing.T) {
	runCheckCases(t, []checkCase{
		// Unquoted identifiers fold to lower case.
		{"upper case bound", "SELECT ID FROM ORDERS WHERE TENANT_ID = $1", nil},
		{"upper case unbound", "SELECT ID FROM ORDERS WHERE ID = $1", []string{"TV101 ORDERS"}},
		{"mixed case bound", "Select o.Id From Orders AS O Where o.Tenant_Id = $1", nil},
		{"mixed case unbound", "select O.id from Orders o where O.Id = $1", []string{"TV101 Orders"}},
		// Quoted names keep their case: "Orders" is not orders.
		{"quoted other case table", `SELECT id FROM "Orders"`, nil},
		{"quoted other case column", `SELECT id FROM orders WHERE "TENANT_ID" = $1`, []string{"TV101 orders"}},

		// A quoted camelCase tenant column.
		{"camel bound", `SELECT id FROM "APIToken" WHERE "tenantId" = $1`, nil},
		{"camel bound by alias", `SELECT t.id FROM "APIToken" t WHERE t."tenantId" = $1`, nil},
		{"camel unbound", `SELECT id FROM "APIToken" WHERE name = $1`, []string{`TV101 "APIToken"`}},
		{"camel unquoted column folds", `SELECT id FROM "APIToken" WHERE tenantId = $1`, []string{`TV101 "APIToken"`}},
		{"camel unquoted table folds", `SELECT id FROM APIToken WHERE name = $1`, nil},

		// Schemas.
		{"schema bound", "SELECT id FROM billing.invoices WHERE tenant_id = $1", nil},
		{"schema bound by alias", "SELECT i.id FROM billing.invoices i WHERE i.tenant_id = $1", nil},
		{"schema bound by full name", "SELECT id FROM billing.invoices WHERE billing.invoices.tenant_id = $1", nil},
		{"schema unbound", "SELECT id FROM billing.invoices", []string{"TV101 billing.invoices"}},
		{"schema unbound upper", "SELECT id FROM BILLING.INVOICES WHERE ID = $1", []string{"TV101 BILLING.INVOICES"}},
		{"schema quoted", `SELECT id FROM "billing"."invoices"`, []string{`TV101 "billing"."invoices"`}},
		{"wrong schema", "SELECT id FROM invoices", nil},
		{"public qualified", "SELECT id FROM public.orders", []string{"TV101 public.orders"}},
		{"public qualified bound", "SELECT id FROM public.orders WHERE orders.tenant_id = $1", nil},
	})
}

// TestScopeJoins covers inner, outer and comma joins, and binding one
// reference through another's bound tenant column.
func TestScopeJoins(t *testing.T) {
	runCheckCases(t, []checkCase{
		{"using binds the joined side", "SELECT 1 FROM orders o JOIN order_items i USING (tenant_id) WHERE o.tenant_id = $1", nil},
		{"using, merged column unqualified", "SELECT 1 FROM orders o JOIN order_items i USING (tenant_id) WHERE tenant_id = $1", nil},
		{"using without a tenant value", "SELECT 1 FROM orders o JOIN order_items i USING (tenant_id) WHERE o.id = $1", []string{"TV101 orders", "TV101 order_items"}},
		{"left join using scopes only the nullable side", "SELECT 1 FROM orders o LEFT JOIN order_items i USING (tenant_id) WHERE i.tenant_id = $1", []string{"TV101 orders"}},
		{"join to values of one tenant", "SELECT o.id FROM orders o JOIN (VALUES ($1::uuid, 1)) AS v(tenant_id, id) ON o.tenant_id = v.tenant_id AND o.id = v.id", nil},
		{"join to values without an alias list", "SELECT o.id FROM orders o JOIN (VALUES ($1::uuid, 1)) AS v ON o.tenant_id = v.column1", nil},
		{"join to values, the wrong column", "SELECT o.id FROM orders o JOIN (VALUES ($1::uuid, gen_random_uuid())) AS v ON o.tenant_id = v.column2", []string{"TV101 orders"}},
		// NATURAL JOIN is USING of the columns both sides have.
		{"natural join merges the tenant column", "SELECT 1 FROM orders o NATURAL JOIN order_items i WHERE tenant_id = $1", nil},
		{"natural join binds the joined side", "SELECT 1 FROM orders o NATURAL JOIN order_items i WHERE o.tenant_id = $1", nil},
		{"natural join without a tenant value", "SELECT 1 FROM orders NATURAL JOIN order_items WHERE order_id = $1", []string{"TV101 orders", "TV101 order_items"}},
		{"natural left join scopes only the nullable side", "SELECT 1 FROM orders o NATURAL LEFT JOIN order_items i WHERE i.tenant_id = $1", []string{"TV101 orders"}},
		{"natural join with a table without the column", "SELECT 1 FROM orders o NATURAL JOIN plans p WHERE p.id = $1", []string{"TV101 orders"}},
		// Inner joins.
		{"on binds through bound",
			"SELECT 1 FROM orders o JOIN order_items i ON i.order_id = o.id AND i.tenant_id = o.tenant_id WHERE o.tenant_id = $1", nil},
		{"on misses tenant",
			"SELECT 1 FROM orders o JOIN order_items i ON i.order_id = o.id WHERE o.tenant_id = $1",
			[]string{"TV101 order_items"}},
		{"on binds to param",
			"SELECT 1 FROM orders o JOIN order_items i ON i.tenant_id = $1 AND i.order_id = o.id WHERE o.tenant_id = $1", nil},
		{"on binds both to param",
			"SELECT 1 FROM orders o JOIN order_items i ON i.order_id = o.id AND o.tenant_id = $1 AND i.tenant_id = $1", nil},
		{"join equality only",
			"SELECT 1 FROM orders o JOIN order_items i ON i.tenant_id = o.tenant_id WHERE o.id = $1",
			[]string{"TV101 orders", "TV101 order_items"}},
		{"where binds through the other, reversed",
			"SELECT 1 FROM orders o, order_items i WHERE o.tenant_id = i.tenant_id AND i.tenant_id = $1 AND i.order_id = o.id", nil},
		{"comma join, one bound",
			"SELECT 1 FROM orders o, order_items i WHERE o.tenant_id = $1 AND i.order_id = o.id",
			[]string{"TV101 order_items"}},
		{"chain of three",
			"SELECT 1 FROM orders o JOIN order_items i ON i.tenant_id = o.tenant_id JOIN customers c ON c.tenant_id = i.tenant_id WHERE o.tenant_id = $1", nil},
		{"chain of three, unbound",
			"SELECT 1 FROM orders o JOIN order_items i ON i.tenant_id = o.tenant_id JOIN customers c ON c.tenant_id = i.tenant_id",
			[]string{"TV101 orders", "TV101 order_items", "TV101 customers"}},
		{"nested join",
			"SELECT 1 FROM orders o JOIN (order_items i JOIN customers c ON c.tenant_id = i.tenant_id) ON i.order_id = o.id AND i.tenant_id = o.tenant_id WHERE o.tenant_id = $1", nil},
		{"cross join with where",
			"SELECT 1 FROM orders o CROSS JOIN customers c WHERE o.tenant_id = $1 AND c.tenant_id = $1", nil},
		{"join non-tenant table", "SELECT 1 FROM orders o JOIN plans p ON p.id = o.id WHERE o.tenant_id = $1", nil},
		// tenants.id is no tenant column of a tenant table, so it binds nothing.
		{"join tenants by slug",
			"SELECT o.id FROM orders o JOIN tenants t ON t.id = o.tenant_id WHERE t.slug = $1",
			[]string{"TV101 orders"}},
		// An exempt table is not a bound reference either.
		{"join through exempt",
			"SELECT 1 FROM audit_log a JOIN orders o ON o.tenant_id = a.tenant_id WHERE a.id = $1",
			[]string{"TV101 orders"}},

		// LEFT JOIN: ON scopes only the nullable side.
		{"left on scopes nullable",
			"SELECT 1 FROM orders o LEFT JOIN order_items i ON i.order_id = o.id AND i.tenant_id = o.tenant_id WHERE o.tenant_id = $1", nil},
		{"left on does not scope preserved",
			"SELECT 1 FROM orders o LEFT JOIN order_items i ON i.order_id = o.id AND i.tenant_id = $1",
			[]string{"TV101 orders"}},
		{"left on with preserved predicate",
			"SELECT 1 FROM orders o LEFT JOIN order_items i ON o.tenant_id = $1 AND i.order_id = o.id",
			[]string{"TV101 orders", "TV101 order_items"}},
		{"left nullable unbound",
			"SELECT 1 FROM orders o LEFT JOIN order_items i ON i.order_id = o.id WHERE o.tenant_id = $1",
			[]string{"TV101 order_items"}},
		{"left where scopes both",
			"SELECT 1 FROM orders o LEFT JOIN order_items i ON i.order_id = o.id WHERE o.tenant_id = $1 AND i.tenant_id = $1", nil},
		{"left where binds through",
			"SELECT 1 FROM orders o LEFT JOIN order_items i ON i.order_id = o.id WHERE o.tenant_id = $1 AND i.tenant_id = o.tenant_id", nil},

		// RIGHT JOIN: the mirror image.
		{"right on scopes nullable",
			"SELECT 1 FROM order_items i RIGHT JOIN orders o ON i.order_id = o.id AND i.tenant_id = o.tenant_id WHERE o.tenant_id = $1", nil},
		{"right on does not scope preserved",
			"SELECT 1 FROM order_items i RIGHT JOIN orders o ON i.order_id = o.id AND i.tenant_id = $1",
			[]string{"TV101 orders"}},
		{"right on with preserved predicate",
			"SELECT 1 FROM order_items i RIGHT JOIN orders o ON o.tenant_id = $1 AND i.order_id = o.id",
			[]string{"TV101 orders", "TV101 order_items"}},
		{"right where scopes both",
			"SELECT 1 FROM order_items i RIGHT JOIN orders o ON i.order_id = o.id WHERE o.tenant_id = $1 AND i.tenant_id = $1", nil},

		// FULL JOIN: no side is scoped by ON.
		{"full on scopes nothing",
			"SELECT 1 FROM orders o FULL JOIN order_items i ON i.order_id = o.id AND o.tenant_id = $1 AND i.tenant_id = $1",
			[]string{"TV101 orders", "TV101 order_items"}},
		{"full where scopes both",
			"SELECT 1 FROM orders o FULL JOIN order_items i ON i.order_id = o.id WHERE o.tenant_id = $1 AND i.tenant_id = $1", nil},
		// COALESCE of both tenant columns, which ON equates, scopes both
		// sides: it is the only way to keep a FULL JOIN's unmatched rows.
		{"full coalesce scopes both",
			"SELECT 1 FROM orders o FULL JOIN order_items i ON i.tenant_id = o.tenant_id AND i.order_id = o.id WHERE coalesce(o.tenant_id, i.tenant_id) = $1", nil},
		{"full coalesce either way round",
			"SELECT 1 FROM orders o FULL JOIN order_items i ON o.tenant_id = i.tenant_id AND i.order_id = o.id WHERE $1 = COALESCE(i.tenant_id, o.tenant_id)", nil},
		{"full using, merged column",
			"SELECT 1 FROM orders o FULL JOIN order_items i USING (tenant_id) WHERE tenant_id = $1", nil},
		{"full coalesce without the tenant in ON",
			"SELECT 1 FROM orders o FULL JOIN order_items i ON i.order_id = o.id WHERE coalesce(o.tenant_id, i.tenant_id) = $1",
			[]string{"TV101 orders", "TV101 order_items"}},
		{"full coalesce of one side and a value",
			"SELECT 1 FROM orders o FULL JOIN order_items i ON i.tenant_id = o.tenant_id AND i.order_id = o.id WHERE coalesce(o.tenant_id, $2) = $1",
			[]string{"TV101 orders", "TV101 order_items"}},
		{"coalesce without a full join",
			"SELECT 1 FROM orders o JOIN order_items i ON i.order_id = o.id WHERE coalesce(o.tenant_id, i.tenant_id) = $1",
			[]string{"TV101 orders", "TV101 order_items"}},
	})
}

// TestScopeSubqueries covers subqueries in every clause, correlated
// binding to the outer row, and derived tables.
func TestScopeSubqueries(t *testing.T) {
	runCheckCases(t, []checkCase{
		{"in subquery of a parameter", "SELECT 1 FROM orders o WHERE o.tenant_id IN (SELECT $1::uuid)", nil},
		{"row in scoped subquery", "SELECT 1 FROM orders o WHERE (o.id, o.tenant_id) IN (SELECT x.id, x.tenant_id FROM orders x WHERE x.tenant_id = $1)", nil},
		{"row in unscoped subquery", "SELECT 1 FROM orders o WHERE (o.id, o.tenant_id) IN (SELECT x.id, x.tenant_id FROM orders x WHERE x.total > 1)", []string{"TV101 orders", "TV101 orders"}},
		{"in subquery of many tenants", "SELECT 1 FROM orders o WHERE o.tenant_id IN (SELECT unnest($1::uuid[]))", []string{"TV101 orders"}},
		{"not in subquery", "SELECT 1 FROM orders o WHERE o.tenant_id <> ALL (SELECT $1::uuid)", []string{"TV101 orders"}},
		{"scalar subquery of a scoped tenant", "SELECT 1 FROM orders o WHERE o.tenant_id = (SELECT c.tenant_id FROM customers c WHERE c.tenant_id = $1 LIMIT 1)", nil},
		{"scalar subquery of an unscoped tenant", "SELECT 1 FROM orders o WHERE o.tenant_id = (SELECT c.tenant_id FROM customers c WHERE c.id = $1)", []string{"TV101 customers"}},
		{"delete keyed by a scoped cte", "WITH d AS (SELECT id, tenant_id FROM orders WHERE tenant_id = $1) DELETE FROM orders WHERE (tenant_id, id) IN (SELECT tenant_id, id FROM d)", nil},
		// IN.
		{"in, own predicate",
			"SELECT id FROM orders WHERE tenant_id = $1 AND id IN (SELECT order_id FROM order_items WHERE tenant_id = $1)", nil},
		{"in, unbound",
			"SELECT id FROM orders WHERE tenant_id = $1 AND id IN (SELECT order_id FROM order_items WHERE sku = $2)",
			[]string{"TV101 order_items"}},
		{"in, correlated",
			"SELECT o.id FROM orders o WHERE o.tenant_id = $1 AND o.id IN (SELECT i.order_id FROM order_items i WHERE i.tenant_id = o.tenant_id)", nil},
		{"in, correlated to unbound outer",
			"SELECT o.id FROM orders o WHERE o.id IN (SELECT i.order_id FROM order_items i WHERE i.tenant_id = o.tenant_id)",
			[]string{"TV101 orders", "TV101 order_items"}},
		// The inner block's predicate on the outer column does not scope
		// the outer reference: each is checked in its own block.
		{"inner bound does not leak out",
			"SELECT o.id FROM orders o WHERE o.id IN (SELECT i.order_id FROM order_items i WHERE i.tenant_id = $1)",
			[]string{"TV101 orders"}},
		{"outer column filtered in inner block",
			"SELECT o.id FROM orders o WHERE EXISTS (SELECT 1 FROM plans p WHERE p.id = o.id AND o.tenant_id = $1)",
			[]string{"TV101 orders"}},

		// EXISTS.
		{"exists, correlated",
			"SELECT o.id FROM orders o WHERE o.tenant_id = $1 AND EXISTS (SELECT 1 FROM order_items i WHERE i.order_id = o.id AND i.tenant_id = o.tenant_id)", nil},
		{"exists, inner unbound",
			"SELECT o.id FROM orders o WHERE o.tenant_id = $1 AND EXISTS (SELECT 1 FROM order_items i WHERE i.order_id = o.id)",
			[]string{"TV101 order_items"}},
		{"exists, correlated to unbound outer",
			"SELECT o.id FROM orders o WHERE EXISTS (SELECT 1 FROM order_items i WHERE i.order_id = o.id AND i.tenant_id = o.tenant_id)",
			[]string{"TV101 orders", "TV101 order_items"}},
		{"not exists, correlated",
			"SELECT o.id FROM orders o WHERE o.tenant_id = $1 AND NOT EXISTS (SELECT 1 FROM order_items i WHERE i.order_id = o.id AND i.tenant_id = o.tenant_id)", nil},
		{"two levels deep",
			"SELECT 1 FROM orders o WHERE o.tenant_id = $1 AND EXISTS (SELECT 1 FROM plans p WHERE EXISTS (SELECT 1 FROM order_items i WHERE i.tenant_id = o.tenant_id))", nil},
		// An unqualified name resolves in the innermost block first.
		{"unqualified inner column, correlated",
			"SELECT o.id FROM orders o WHERE o.tenant_id = $1 AND EXISTS (SELECT 1 FROM order_items i WHERE i.order_id = o.id AND tenant_id = o.tenant_id)", nil},
		{"unqualified inner column, self",
			"SELECT o.id FROM orders o WHERE o.tenant_id = $1 AND EXISTS (SELECT 1 FROM order_items i WHERE i.order_id = o.id AND tenant_id = tenant_id)",
			[]string{"TV101 order_items"}},

		// Scalar subqueries.
		{"scalar, correlated",
			"SELECT o.id, (SELECT count(*) FROM order_items i WHERE i.order_id = o.id AND i.tenant_id = o.tenant_id) FROM orders o WHERE o.tenant_id = $1", nil},
		{"scalar, inner unbound",
			"SELECT o.id, (SELECT count(*) FROM order_items i WHERE i.order_id = o.id) FROM orders o WHERE o.tenant_id = $1",
			[]string{"TV101 order_items"}},
		{"scalar, correlated to unbound outer",
			"SELECT o.id, (SELECT count(*) FROM order_items i WHERE i.order_id = o.id AND i.tenant_id = o.tenant_id) FROM orders o",
			[]string{"TV101 orders", "TV101 order_items"}},
		{"scalar in order by",
			"SELECT o.id FROM orders o WHERE o.tenant_id = $1 ORDER BY (SELECT max(qty) FROM order_items i WHERE i.order_id = o.id)",
			[]string{"TV101 order_items"}},
		{"subquery under non-tenant table",
			"SELECT name FROM plans WHERE id IN (SELECT customer_id FROM orders)", []string{"TV101 orders"}},
		{"subquery under non-tenant table, bound",
			"SELECT name FROM plans WHERE id IN (SELECT customer_id FROM orders WHERE tenant_id = $1)", nil},

		// LATERAL.
		{"lateral, correlated",
			"SELECT o.id, l.sku FROM orders o, LATERAL (SELECT i.sku FROM order_items i WHERE i.order_id = o.id AND i.tenant_id = o.tenant_id) l WHERE o.tenant_id = $1", nil},
		{"lateral join, correlated",
			"SELECT o.id, l.sku FROM orders o JOIN LATERAL (SELECT i.sku FROM order_items i WHERE i.tenant_id = o.tenant_id) l ON true WHERE o.tenant_id = $1", nil},
		{"lateral, inner unbound",
			"SELECT o.id, l.sku FROM orders o, LATERAL (SELECT i.sku FROM order_items i WHERE i.order_id = o.id) l WHERE o.tenant_id = $1",
			[]string{"TV101 order_items"}},
		{"lateral, correlated to unbound outer",
			"SELECT o.id, l.sku FROM orders o, LATERAL (SELECT i.sku FROM order_items i WHERE i.order_id = o.id AND i.tenant_id = o.tenant_id) l",
			[]string{"TV101 orders", "TV101 order_items"}},

		// Derived tables: scope at the source.
		{"derived, bound inside", "SELECT d.id FROM (SELECT id FROM orders WHERE tenant_id = $1) d", nil},
		{"derived, filtered outside",
			"SELECT d.id FROM (SELECT id, tenant_id FROM orders) d WHERE d.tenant_id = $1",
			[]string{"TV101 orders"}},
		{"derived output binds a join",
			"SELECT 1 FROM (SELECT id, tenant_id FROM orders WHERE tenant_id = $1) d JOIN order_items i ON i.order_id = d.id AND i.tenant_id = d.tenant_id", nil},
		{"derived unbound output binds nothing",
			"SELECT 1 FROM (SELECT id, tenant_id FROM orders) d JOIN order_items i ON i.order_id = d.id AND i.tenant_id = d.tenant_id",
			[]string{"TV101 orders", "TV101 order_items"}},
		{"derived star output binds a join",
			"SELECT 1 FROM (SELECT * FROM orders WHERE tenant_id = $1) d JOIN order_items i ON i.tenant_id = d.tenant_id", nil},
		{"derived column alias binds a join",
			"SELECT 1 FROM (SELECT id, tenant_id FROM orders WHERE tenant_id = $1) d (oid, tid) JOIN order_items i ON i.tenant_id = d.tid", nil},
		// The alias list renames by position: d.tenant_id is customer_id.
		{"derived column alias hides the tenant",
			"SELECT 1 FROM (SELECT customer_id, tenant_id FROM orders WHERE tenant_id = $1) d (tenant_id, t) JOIN order_items i ON i.tenant_id = d.tenant_id",
			[]string{"TV101 order_items"}},

		// Subqueries in DML.
		{"update set subquery, correlated",
			"UPDATE orders SET total = (SELECT sum(qty) FROM order_items i WHERE i.order_id = orders.id AND i.tenant_id = orders.tenant_id) WHERE tenant_id = $1", nil},
		{"update set subquery, unbound",
			"UPDATE orders SET total = (SELECT sum(qty) FROM order_items i WHERE i.order_id = orders.id) WHERE tenant_id = $1",
			[]string{"TV101 order_items"}},
		{"delete where subquery, unbound",
			"DELETE FROM orders WHERE tenant_id = $1 AND customer_id IN (SELECT id FROM customers WHERE email = $2)",
			[]string{"TV101 customers"}},
		{"returning subquery, correlated",
			"DELETE FROM orders o WHERE o.tenant_id = $1 RETURNING (SELECT count(*) FROM order_items i WHERE i.tenant_id = o.tenant_id)", nil},
	})
}

// TestScopeCTE covers WITH queries: bodies are checked where they are
// written, a filter on their output does not scope them, and their bound
// tenant output may bind other references.
func TestScopeCTE(t *testing.T) {
	runCheckCases(t, []checkCase{
		{"body bound", "WITH o AS (SELECT id FROM orders WHERE tenant_id = $1) SELECT id FROM o", nil},
		{"body unbound", "WITH o AS (SELECT id FROM orders) SELECT id FROM o", []string{"TV101 orders"}},
		{"filter on output",
			"WITH o AS (SELECT id, tenant_id FROM orders) SELECT id FROM o WHERE tenant_id = $1",
			[]string{"TV101 orders"}},
		{"unused body unbound", "WITH o AS (SELECT id FROM orders) SELECT 1", []string{"TV101 orders"}},
		{"referenced twice, reported once",
			"WITH o AS (SELECT id FROM orders) SELECT 1 FROM o a JOIN o b ON a.id = b.id",
			[]string{"TV101 orders"}},

		// The tenant output of a bound body binds a join.
		{"output binds a join",
			"WITH o AS (SELECT id, tenant_id FROM orders WHERE tenant_id = $1) SELECT i.sku FROM o JOIN order_items i ON i.order_id = o.id AND i.tenant_id = o.tenant_id", nil},
		{"unbound output binds nothing",
			"WITH o AS (SELECT id, tenant_id FROM orders) SELECT i.sku FROM o JOIN order_items i ON i.order_id = o.id AND i.tenant_id = o.tenant_id",
			[]string{"TV101 orders", "TV101 order_items"}},
		{"renamed output binds",
			"WITH o AS (SELECT id, tenant_id AS t FROM orders WHERE tenant_id = $1) SELECT 1 FROM o JOIN order_items i ON i.tenant_id = o.t", nil},
		{"column list output binds",
			"WITH o (oid, tid) AS (SELECT id, tenant_id FROM orders WHERE tenant_id = $1) SELECT 1 FROM o JOIN order_items i ON i.tenant_id = o.tid", nil},
		// The column list renames by position: o.tenant_id is customer_id.
		{"column list hides the tenant",
			"WITH o (tenant_id, t) AS (SELECT customer_id, tenant_id FROM orders WHERE tenant_id = $1) SELECT 1 FROM o JOIN order_items i ON i.tenant_id = o.tenant_id",
			[]string{"TV101 order_items"}},
		{"non-tenant output binds nothing",
			"WITH o AS (SELECT id, customer_id FROM orders WHERE tenant_id = $1) SELECT 1 FROM o JOIN order_items i ON i.tenant_id = o.customer_id",
			[]string{"TV101 order_items"}},
		{"param output binds",
			"WITH t AS (SELECT $1::uuid AS tenant_id) SELECT 1 FROM t JOIN orders o ON o.tenant_id = t.tenant_id", nil},

		// A CTE named like a tenant table is no tenant table.
		{"cte shadows table", "WITH orders AS (SELECT 1 AS id) SELECT * FROM orders", nil},
		{"qualified name skips cte", "WITH orders AS (SELECT 1 AS id) SELECT * FROM public.orders", []string{"TV101 public.orders"}},

		// Data-modifying WITH queries.
		{"delete cte bound", "WITH d AS (DELETE FROM orders WHERE tenant_id = $1 RETURNING id) SELECT id FROM d", nil},
		{"delete cte unbound", "WITH d AS (DELETE FROM orders WHERE id = $1 RETURNING id) SELECT id FROM d", []string{"TV101 orders"}},
		{"insert cte without tenant", "WITH n AS (INSERT INTO orders (id) VALUES ($1) RETURNING id) SELECT id FROM n", []string{"TV102 orders"}},
		{"insert cte with tenant", "WITH n AS (INSERT INTO orders (tenant_id, id) VALUES ($1, $2) RETURNING id) SELECT id FROM n", nil},
		{"returning tenant binds",
			"WITH d AS (DELETE FROM orders WHERE tenant_id = $1 AND id = $2 RETURNING id, tenant_id) DELETE FROM order_items i USING d WHERE i.order_id = d.id AND i.tenant_id = d.tenant_id", nil},

		// Recursive WITH queries: the recursive branch is a block of its own.
		{"recursive bound",
			"WITH RECURSIVE t AS (SELECT id, tenant_id FROM orders WHERE tenant_id = $1 UNION ALL SELECT o.id, o.tenant_id FROM orders o JOIN t ON o.customer_id = t.id AND o.tenant_id = t.tenant_id) SELECT id FROM t", nil},
		{"recursive branch unbound",
			"WITH RECURSIVE t AS (SELECT id FROM orders WHERE tenant_id = $1 UNION ALL SELECT o.id FROM orders o JOIN t ON o.customer_id = t.id) SELECT id FROM t",
			[]string{"TV101 orders"}},
	})
}

// TestViews covers views: one with the tenant column is scoped as a
// tenant table; one without it hides its tenant table's rows unless its
// query binds them to the session's tenant.
func TestViews(t *testing.T) {
	runCheckCases(t, []checkCase{
		{"view without the tenant column", "SELECT sum(total) FROM order_totals", []string{"TV106 order_totals"}},
		{"view without the tenant column, filtered", "SELECT total FROM order_totals WHERE id = $1", []string{"TV106 order_totals"}},
		{"view bound to the session", "SELECT sum(total) FROM my_orders", nil},
		{"view with the tenant column, scoped", "SELECT total FROM order_list WHERE tenant_id = $1", nil},
		{"view with the tenant column, unscoped", "SELECT total FROM order_list", []string{"TV101 order_list"}},
		{"view over an unscoped tenant view", "SELECT total FROM listed_totals", []string{"TV106 listed_totals"}},
		{"view over a view that hides rows", "SELECT total FROM totals_again", []string{"TV106 totals_again"}},
		{"view over a bound view", "SELECT total FROM my_totals_again", nil},
		{"materialized view", "SELECT n FROM order_stats", []string{"TV106 order_stats"}},
		{"view of no tenant table", "SELECT name FROM plans JOIN plan_names USING (name)", nil},
		{"view in a join", "SELECT o.id FROM orders o JOIN order_totals t ON t.id = o.id WHERE o.tenant_id = $1", []string{"TV106 order_totals"}},
	})
}

// TestFunctions covers SQL functions in FROM: one whose body leaves a
// tenant table unbound reads every tenant's rows, unless it returns the
// tenant column and the query scopes that.
func TestFunctions(t *testing.T) {
	runCheckCases(t, []checkCase{
		{"set-returning, unbound", "SELECT id FROM order_ids()", []string{"TV107 order_ids"}},
		{"set-returning, unbound, filtered", "SELECT id FROM order_ids() WHERE id = $1", []string{"TV107 order_ids"}},
		{"scalar in FROM", "SELECT n FROM order_count() AS n", []string{"TV107 order_count"}},
		{"bound to a named parameter", "SELECT id FROM tenant_orders($1)", nil},
		{"bound to $1", "SELECT id FROM tenant_order_ids($1)", nil},
		{"bound to the session", "SELECT id FROM my_order_ids()", nil},
		{"a column hides the parameter of its name", "SELECT id FROM shadowed_ids($1)", []string{"TV107 shadowed_ids"}},
		{"returns the tenant column, scoped", "SELECT o.id FROM open_orders() o WHERE o.tenant_id = $1", nil},
		{"returns the tenant column, unscoped", "SELECT o.id FROM open_orders() o", []string{"TV107 open_orders"}},
		{"qualified call", "SELECT id FROM public.order_ids()", []string{"TV107 public.order_ids"}},
		{"in a join", "SELECT o.id FROM orders o JOIN order_ids() i ON i.id = o.id WHERE o.tenant_id = $1", []string{"TV107 order_ids"}},
		{"ROWS FROM", "SELECT * FROM ROWS FROM (generate_series(1, 2), order_ids())", []string{"TV107 order_ids"}},
		{"no tenant table", "SELECT id FROM plan_list()", nil},
		{"another language", "SELECT id FROM plpgsql_ids()", nil},
		{"an overload binds", "SELECT id FROM overloaded($1)", nil},
		{"built-in", "SELECT * FROM generate_series(1, 3)", nil},
	})
}

// TestScopeSetOps covers UNION, INTERSECT and EXCEPT: every branch is
// checked on its own.
func TestScopeSetOps(t *testing.T) {
	runCheckCases(t, []checkCase{
		{"union bound", "SELECT id FROM orders WHERE tenant_id = $1 UNION SELECT id FROM customers WHERE tenant_id = $1", nil},
		{"union second unbound", "SELECT id FROM orders WHERE tenant_id = $1 UNION SELECT id FROM customers",
			[]string{"TV101 customers"}},
		{"union all first unbound", "SELECT id FROM orders UNION ALL SELECT id FROM customers WHERE tenant_id = $1",
			[]string{"TV101 orders"}},
		{"intersect bound", "SELECT id FROM orders WHERE tenant_id = $1 INTERSECT SELECT order_id FROM order_items WHERE tenant_id = $1", nil},
		{"intersect first unbound", "SELECT id FROM orders INTERSECT SELECT order_id FROM order_items WHERE tenant_id = $1",
			[]string{"TV101 orders"}},
		{"except bound", "SELECT id FROM orders WHERE tenant_id = $1 EXCEPT SELECT order_id FROM order_items WHERE tenant_id = $1", nil},
		{"except second unbound", "SELECT id FROM orders WHERE tenant_id = $1 EXCEPT SELECT order_id FROM order_items",
			[]string{"TV101 order_items"}},
		{"three branches, middle unbound",
			"SELECT id FROM orders WHERE tenant_id = $1 UNION SELECT id FROM customers UNION SELECT order_id FROM order_items WHERE tenant_id = $1",
			[]string{"TV101 customers"}},
		{"union with non-tenant", "SELECT id FROM orders WHERE tenant_id = $1 UNION ALL SELECT id FROM plans", nil},
		// A set operation carries a tenant value out when every branch
		// surely names the same one.
		{"in a union of one tenant", "SELECT id FROM orders WHERE tenant_id IN (SELECT $1::uuid UNION SELECT tenant_id FROM customers WHERE tenant_id = $1)", nil},
		{"join to a union of one tenant",
			"SELECT i.qty FROM (SELECT id, tenant_id FROM orders WHERE tenant_id = $1 UNION ALL SELECT id, tenant_id FROM customers WHERE tenant_id = $1) u JOIN order_items i ON i.tenant_id = u.tenant_id AND i.order_id = u.id", nil},
		{"join to a union of two tenants",
			"SELECT i.qty FROM (SELECT id, tenant_id FROM orders WHERE tenant_id = $1 UNION ALL SELECT id, tenant_id FROM customers WHERE tenant_id = $2) u JOIN order_items i ON i.tenant_id = u.tenant_id AND i.order_id = u.id",
			[]string{"TV101 order_items"}},
		{"join to a union of unknown tenants",
			"SELECT i.qty FROM (SELECT id, (SELECT tenant_id FROM customers WHERE tenant_id = $1 LIMIT 1) AS tenant_id FROM plans UNION ALL SELECT id, $1 FROM plans) u JOIN order_items i ON i.tenant_id = u.tenant_id AND i.order_id = u.id",
			[]string{"TV101 order_items"}},
		{"filter over a union",
			"SELECT u.id FROM (SELECT id, tenant_id FROM orders UNION ALL SELECT id, tenant_id FROM customers) u WHERE u.tenant_id = $1",
			[]string{"TV101 orders", "TV101 customers"}},
	})
}

// TestInsert covers INSERT: the tenant column must be listed and get a
// tenant value in every row.
func TestInsert(t *testing.T) {
	runCheckCases(t, []checkCase{
		{"upsert keyed on the tenant keeps it", "INSERT INTO orders (tenant_id, id) VALUES ($1, $2) ON CONFLICT (tenant_id, id) DO UPDATE SET tenant_id = EXCLUDED.tenant_id", nil},
		{"upsert keyed on id moves it", "INSERT INTO orders (tenant_id, id) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET tenant_id = EXCLUDED.tenant_id", []string{"TV103 tenant_id", "TV105 orders"}},
		{"upsert on a constraint with the tenant keeps it", "INSERT INTO customers (tenant_id, id) VALUES ($1, $2) ON CONFLICT ON CONSTRAINT customers_key DO UPDATE SET tenant_id = EXCLUDED.tenant_id", nil},
		{"upsert on a constraint without the tenant moves it", "INSERT INTO customers (tenant_id, id, email) VALUES ($1, $2, $3) ON CONFLICT ON CONSTRAINT customers_email DO UPDATE SET tenant_id = EXCLUDED.tenant_id", []string{"TV103 tenant_id", "TV105 customers"}},
		// The row that DO UPDATE rewrites holds the key, and when the key
		// leaves out the tenant column it may be another tenant's.
		{"upsert keyed on a key without the tenant", "INSERT INTO customers (tenant_id, id, email) VALUES ($1, $2, $3) ON CONFLICT (email) DO UPDATE SET id = EXCLUDED.id", []string{"TV105 customers"}},
		{"upsert keyed on a key with the tenant", "INSERT INTO customers (tenant_id, id, email) VALUES ($1, $2, $3) ON CONFLICT (tenant_id, email) DO UPDATE SET id = EXCLUDED.id", nil},
		{"upsert on a constraint without the tenant", "INSERT INTO customers (tenant_id, id, email) VALUES ($1, $2, $3) ON CONFLICT ON CONSTRAINT customers_email DO UPDATE SET id = EXCLUDED.id", []string{"TV105 customers"}},
		{"upsert on a constraint with the tenant", "INSERT INTO customers (tenant_id, id, email) VALUES ($1, $2, $3) ON CONFLICT ON CONSTRAINT customers_key DO UPDATE SET email = EXCLUDED.email", nil},
		{"upsert on an unknown constraint", "INSERT INTO customers (tenant_id, id, email) VALUES ($1, $2, $3) ON CONFLICT ON CONSTRAINT elsewhere DO UPDATE SET email = EXCLUDED.email", nil},
		{"upsert that does nothing", "INSERT INTO customers (tenant_id, id, email) VALUES ($1, $2, $3) ON CONFLICT (email) DO NOTHING", nil},
		{"upsert guarded by the tenant", "INSERT INTO customers AS c (tenant_id, id, email) VALUES ($1, $2, $3) ON CONFLICT (email) DO UPDATE SET id = EXCLUDED.id WHERE c.tenant_id = EXCLUDED.tenant_id", nil},
		{"upsert guarded by a parameter", "INSERT INTO customers (tenant_id, id, email) VALUES ($1, $2, $3) ON CONFLICT (email) DO UPDATE SET id = EXCLUDED.id WHERE customers.tenant_id = $1", nil},
		{"upsert guarded by something else", "INSERT INTO customers (tenant_id, id, email) VALUES ($1, $2, $3) ON CONFLICT (email) DO UPDATE SET id = EXCLUDED.id WHERE customers.id > 0 OR customers.tenant_id = $1", []string{"TV105 customers"}},
		{"upsert on an unknown constraint moves it", "INSERT INTO customers (tenant_id, id) VALUES ($1, $2) ON CONFLICT ON CONSTRAINT nope DO UPDATE SET tenant_id = EXCLUDED.tenant_id", []string{"TV103 tenant_id"}},
		{"upsert keyed on the tenant, set to a parameter", "INSERT INTO orders (tenant_id, id) VALUES ($1, $2) ON CONFLICT (tenant_id, id) DO UPDATE SET tenant_id = $3", []string{"TV103 tenant_id"}},
		// Column lists.
		{"no column list", "INSERT INTO orders VALUES ($1, $2, $3, $4, $5)", []string{"TV102 orders"}},
		{"no column list, non-tenant", "INSERT INTO plans VALUES (1, 'free')", nil},
		{"no column list, exempt", "INSERT INTO audit_log VALUES (1, NULL, 'x')", nil},
		{"missing tenant column", "INSERT INTO orders (id, total) VALUES ($1, $2)", []string{"TV102 orders"}},
		{"non-tenant table", "INSERT INTO plans (id, name) VALUES ($1, $2)", nil},
		{"exempt table", "INSERT INTO audit_log (id, msg) VALUES ($1, $2)", nil},

		// VALUES entries.
		{"param", "INSERT INTO orders (tenant_id, id, total) VALUES ($1, $2, $3)", nil},
		{"param, later column", "INSERT INTO orders (id, total, tenant_id) VALUES ($1, $2, $3)", nil},
		{"literal", "INSERT INTO orders (id, tenant_id) VALUES ($1, '6c1f2a3e-0000-4000-8000-000000000001')", nil},
		{"cast param", "INSERT INTO orders (tenant_id, id) VALUES ($1::uuid, $2)", nil},
		{"current_setting", "INSERT INTO orders (tenant_id, id) VALUES (current_setting('app.tenant')::uuid, $1)", nil},
		{"default", "INSERT INTO orders (tenant_id, id) VALUES (DEFAULT, $1)", []string{"TV102 "}},
		{"null", "INSERT INTO orders (id, tenant_id) VALUES ($1, NULL)", []string{"TV102 "}},
		{"function", "INSERT INTO orders (tenant_id, id) VALUES (gen_random_uuid(), $1)", []string{"TV102 "}},
		{"multi-row, all good", "INSERT INTO orders (tenant_id, id) VALUES ($1, 1), ($1, 2), ($1, 3)", nil},
		{"multi-row, one bad", "INSERT INTO orders (tenant_id, id) VALUES ($1, 1), (NULL, 2), ($1, 3)", []string{"TV102 "}},
		{"multi-row, two bad", "INSERT INTO orders (tenant_id, id) VALUES (DEFAULT, 1), ($1, 2), (NULL, 3)",
			[]string{"TV102 ", "TV102 "}},

		// Quoted and qualified names.
		{"camel listed", `INSERT INTO "APIToken" (id, "tenantId", name) VALUES ($1, $2, $3)`, nil},
		{"camel missing", `INSERT INTO "APIToken" (id, name) VALUES ($1, $2)`, []string{`TV102 "APIToken"`}},
		{"camel unquoted folds", `INSERT INTO "APIToken" (id, tenantId) VALUES ($1, $2)`, []string{`TV102 "APIToken"`}},
		{"schema listed", "INSERT INTO billing.invoices (tenant_id, id, amount) VALUES ($1, $2, $3)", nil},
		{"schema missing", "INSERT INTO billing.invoices (id, amount) VALUES ($1, $2)", []string{"TV102 billing.invoices"}},
		{"upper case", "INSERT INTO ORDERS (TENANT_ID, ID) VALUES ($1, $2)", nil},

		// INSERT … SELECT.
		{"select from bound source",
			"INSERT INTO order_items (tenant_id, order_id, sku) SELECT o.tenant_id, o.id, $2 FROM orders o WHERE o.tenant_id = $1", nil},
		{"select param from bound source",
			"INSERT INTO order_items (tenant_id, order_id) SELECT $1, id FROM orders WHERE tenant_id = $1", nil},
		{"select from unbound source",
			"INSERT INTO order_items (tenant_id, order_id) SELECT tenant_id, id FROM orders",
			[]string{"TV101 orders", "TV102 order_items"}},
		{"select param from unbound source",
			"INSERT INTO order_items (tenant_id, order_id) SELECT $1, id FROM orders WHERE status = $2",
			[]string{"TV101 orders"}},
		{"select non-tenant column",
			"INSERT INTO orders (tenant_id, id) SELECT t.id, 1 FROM tenants t",
			[]string{"TV102 orders"}},
		{"select param from non-tenant", "INSERT INTO orders (tenant_id, id) SELECT $1, id FROM plans", nil},
		{"select without from", "INSERT INTO orders (tenant_id, id) SELECT $1, $2", nil},
		// Branches may name different tenants, so a set operation's output
		// never counts as one tenant, even when, as here, it is the same one.
		{"select union, all bound", "INSERT INTO orders (tenant_id, id) SELECT $1, 1 UNION ALL SELECT tenant_id, id FROM customers WHERE tenant_id = $1", nil},
		{"select union, bound to two", "INSERT INTO orders (tenant_id, id) SELECT $1, 1 UNION ALL SELECT tenant_id, id FROM customers WHERE tenant_id = $2", []string{"TV102 orders"}},
		{"select union of two tenants", "INSERT INTO orders (tenant_id, id) SELECT $1, 1 UNION ALL SELECT $2, 2", []string{"TV102 orders"}},
		{"in a union of two tenants", "SELECT id FROM orders WHERE tenant_id IN (SELECT $1 UNION ALL SELECT $2)", []string{"TV101 orders"}},
		{"not in one tenant", "SELECT id FROM orders WHERE tenant_id NOT IN ($1)", []string{"TV101 orders"}},
		{"row not in", "SELECT id FROM orders WHERE (tenant_id, id) NOT IN (($1, $2))", []string{"TV101 orders"}},
		{"sqlc.slice expands", "SELECT id FROM orders WHERE tenant_id IN (sqlc.slice(tenants))", []string{"TV101 orders"}},
		{"sqlc.arg does not", "SELECT id FROM orders WHERE tenant_id IN (sqlc.arg(tenant))", nil},
		{"select union, one null", "INSERT INTO orders (tenant_id, id) SELECT $1, 1 UNION ALL SELECT NULL, 2", []string{"TV102 orders"}},
		{"select, missing tenant column",
			"INSERT INTO order_items (order_id) SELECT id FROM orders WHERE tenant_id = $1",
			[]string{"TV102 order_items"}},
		{"non-tenant target, unbound source",
			"INSERT INTO plans (id, name) SELECT id, status FROM orders",
			[]string{"TV101 orders"}},
		{"with source bound",
			"WITH s AS (SELECT id, tenant_id FROM orders WHERE tenant_id = $1) INSERT INTO order_items (tenant_id, order_id) SELECT s.tenant_id, s.id FROM s", nil},
		{"with source unbound",
			"WITH s AS (SELECT id, tenant_id FROM orders) INSERT INTO order_items (tenant_id, order_id) SELECT s.tenant_id, s.id FROM s",
			[]string{"TV101 orders", "TV102 order_items"}},

		// ON CONFLICT.
		{"on conflict sets tenant",
			"INSERT INTO orders (tenant_id, id) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET tenant_id = EXCLUDED.tenant_id",
			[]string{"TV103 tenant_id", "TV105 orders"}},
		{"on conflict sets other",
			"INSERT INTO orders (tenant_id, id, total) VALUES ($1, $2, $3) ON CONFLICT (tenant_id, id) DO UPDATE SET total = EXCLUDED.total", nil},
		{"on conflict do nothing", "INSERT INTO orders (tenant_id, id) VALUES ($1, $2) ON CONFLICT DO NOTHING", nil},
		{"on conflict sets camel tenant",
			`INSERT INTO "APIToken" ("tenantId", id) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET "tenantId" = EXCLUDED."tenantId"`,
			[]string{`TV103 "tenantId"`, `TV105 "APIToken"`}},
		{"on conflict, non-tenant",
			"INSERT INTO audit_log (id, tenant_id) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET tenant_id = EXCLUDED.tenant_id", nil},
		{"on conflict subquery unbound",
			"INSERT INTO orders (tenant_id, id) VALUES ($1, $2) ON CONFLICT (tenant_id, id) DO UPDATE SET total = (SELECT count(*) FROM order_items WHERE order_id = EXCLUDED.id)",
			[]string{"TV101 order_items"}},
	})
}

// TestUpdateDelete covers UPDATE and DELETE targets, UPDATE … FROM and
// DELETE … USING items, and SET of the tenant column.
func TestUpdateDelete(t *testing.T) {
	runCheckCases(t, []checkCase{
		{"update bound", "UPDATE orders SET total = $2 WHERE tenant_id = $1 AND id = $3", nil},
		{"update unbound", "UPDATE orders SET total = $1 WHERE id = $2", []string{"TV101 orders"}},
		{"update alias bound", "UPDATE orders o SET total = $2 WHERE o.tenant_id = $1", nil},
		{"update or", "UPDATE orders SET total = $2 WHERE tenant_id = $1 OR id = $3", []string{"TV101 orders"}},
		{"update non-tenant", "UPDATE plans SET name = $1 WHERE id = $2", nil},
		{"update exempt", "UPDATE audit_log SET tenant_id = $1, msg = $2", nil},

		// SET of the tenant column.
		{"set tenant, bound", "UPDATE orders SET tenant_id = $2 WHERE tenant_id = $1 AND id = $3", []string{"TV103 tenant_id"}},
		{"set tenant, unbound", "UPDATE orders SET tenant_id = $1", []string{"TV101 orders", "TV103 tenant_id"}},
		{"set tenant among others", "UPDATE orders SET total = $3, tenant_id = $2 WHERE tenant_id = $1", []string{"TV103 tenant_id"}},
		{"set tenant, multi-assign", "UPDATE orders SET (tenant_id, total) = ($2, $3) WHERE tenant_id = $1", []string{"TV103 tenant_id"}},
		{"set camel tenant", `UPDATE "APIToken" SET "tenantId" = $2 WHERE "tenantId" = $1`, []string{`TV103 "tenantId"`}},
		{"set camel other", `UPDATE "APIToken" SET name = $2 WHERE "tenantId" = $1`, nil},
		{"set tenant, upper case", "UPDATE ORDERS SET TENANT_ID = $2 WHERE TENANT_ID = $1", []string{"TV103 TENANT_ID"}},
		{"set tenant, needlessly quoted", `UPDATE orders SET "tenant_id" = $2 WHERE tenant_id = $1`, []string{`TV103 "tenant_id"`}},

		// UPDATE … FROM.
		{"update from bound",
			"UPDATE orders o SET total = i.qty FROM order_items i WHERE i.order_id = o.id AND i.tenant_id = o.tenant_id AND o.tenant_id = $1", nil},
		{"update from unbound item",
			"UPDATE orders o SET total = i.qty FROM order_items i WHERE i.order_id = o.id AND o.tenant_id = $1",
			[]string{"TV101 order_items"}},
		{"update from, target unbound",
			"UPDATE orders o SET total = i.qty FROM order_items i WHERE i.order_id = o.id AND i.tenant_id = $1",
			[]string{"TV101 orders"}},
		{"update from non-tenant",
			"UPDATE orders o SET status = p.name FROM plans p WHERE p.id = o.id AND o.tenant_id = $1", nil},

		// DELETE and DELETE … USING.
		{"delete bound", "DELETE FROM orders WHERE tenant_id = $1 AND id = $2", nil},
		{"delete unbound", "DELETE FROM orders WHERE id = $1", []string{"TV101 orders"}},
		{"delete all", "DELETE FROM orders", []string{"TV101 orders"}},
		{"delete only", "DELETE FROM ONLY orders WHERE id = $1", []string{"TV101 orders"}},
		{"delete schema", "DELETE FROM billing.invoices WHERE id = $1", []string{"TV101 billing.invoices"}},
		{"delete non-tenant", "DELETE FROM plans WHERE id = $1", nil},
		{"delete exempt", "DELETE FROM audit_log", nil},
		{"delete using bound",
			"DELETE FROM order_items i USING orders o WHERE i.order_id = o.id AND i.tenant_id = $1 AND o.tenant_id = i.tenant_id", nil},
		{"delete using unbound item",
			"DELETE FROM order_items i USING orders o WHERE i.order_id = o.id AND i.tenant_id = $1",
			[]string{"TV101 orders"}},
		{"delete using, target unbound",
			"DELETE FROM order_items i USING orders o WHERE i.order_id = o.id AND o.tenant_id = $1",
			[]string{"TV101 order_items"}},
		{"delete using non-tenant",
			"DELETE FROM orders o USING plans p WHERE p.id = o.id AND o.tenant_id = $1", nil},
	})
}

// TestMerge covers MERGE targets, sources and actions. The ON clause picks
// target rows; every source row is read, so it scopes the target only.
func TestMerge(t *testing.T) {
	const src = "(SELECT order_id AS id, tenant_id, qty FROM order_items WHERE tenant_id = $1) s"
	runCheckCases(t, []checkCase{
		{"bound", "MERGE INTO orders o USING " + src + " ON o.id = s.id AND o.tenant_id = $1 WHEN MATCHED THEN UPDATE SET total = s.qty", nil},
		{"target bound through source",
			"MERGE INTO orders o USING " + src + " ON o.id = s.id AND o.tenant_id = s.tenant_id WHEN MATCHED THEN DELETE", nil},
		{"target unbound",
			"MERGE INTO orders o USING " + src + " ON o.id = s.id WHEN MATCHED THEN DELETE",
			[]string{"TV101 orders"}},
		// A VALUES list's columns are named by its alias list.
		{"target bound through values",
			"MERGE INTO orders o USING (VALUES ($1::uuid, $2::bigint)) AS v(tenant_id, id) ON o.tenant_id = v.tenant_id AND o.id = v.id WHEN MATCHED THEN UPDATE SET total = 1", nil},
		{"target bound through values of one tenant",
			"MERGE INTO orders o USING (VALUES ($1::uuid, 1), ($1::uuid, 2)) AS v(tenant_id, id) ON o.tenant_id = v.tenant_id AND o.id = v.id WHEN MATCHED THEN DELETE", nil},
		{"target bound through values of two tenants",
			"MERGE INTO orders o USING (VALUES ($1::uuid, 1), ($2::uuid, 2)) AS v(tenant_id, id) ON o.tenant_id = v.tenant_id AND o.id = v.id WHEN MATCHED THEN DELETE",
			[]string{"TV101 orders"}},
		{"target joined to another values column",
			"MERGE INTO orders o USING (VALUES ($1::uuid, $2::uuid)) AS v(tenant_id, other) ON o.tenant_id = v.other AND o.id = 1 WHEN MATCHED THEN DELETE", nil},
		{"target joined to a values column that is no tenant",
			"MERGE INTO orders o USING (VALUES (gen_random_uuid(), 1)) AS v(tenant_id, id) ON o.tenant_id = v.tenant_id AND o.id = v.id WHEN MATCHED THEN DELETE",
			[]string{"TV101 orders"}},
		{"source table unbound",
			"MERGE INTO orders o USING order_items i ON o.id = i.order_id AND o.tenant_id = $1 WHEN MATCHED THEN DELETE",
			[]string{"TV101 order_items"}},
		{"source subquery unbound",
			"MERGE INTO orders o USING (SELECT order_id AS id FROM order_items) s ON o.id = s.id AND o.tenant_id = $1 WHEN MATCHED THEN DELETE",
			[]string{"TV101 order_items"}},
		{"source non-tenant",
			"MERGE INTO orders o USING plans p ON o.id = p.id AND o.tenant_id = $1 WHEN MATCHED THEN DELETE", nil},
		{"target non-tenant",
			"MERGE INTO plans p USING (VALUES (1, 'a')) v (id, name) ON p.id = v.id WHEN MATCHED THEN UPDATE SET name = v.name", nil},

		// Actions.
		{"update sets tenant",
			"MERGE INTO orders o USING " + src + " ON o.id = s.id AND o.tenant_id = $1 WHEN MATCHED THEN UPDATE SET tenant_id = $2",
			[]string{"TV103 tenant_id"}},
		{"insert with tenant param",
			"MERGE INTO orders o USING " + src + " ON o.id = s.id AND o.tenant_id = $1 WHEN NOT MATCHED THEN INSERT (tenant_id, id) VALUES ($1, s.id)", nil},
		{"insert with bound source tenant",
			"MERGE INTO orders o USING " + src + " ON o.id = s.id AND o.tenant_id = $1 WHEN NOT MATCHED THEN INSERT (tenant_id, id) VALUES (s.tenant_id, s.id)", nil},
		{"insert without tenant",
			"MERGE INTO orders o USING " + src + " ON o.id = s.id AND o.tenant_id = $1 WHEN NOT MATCHED THEN INSERT (id, total) VALUES (s.id, s.qty)",
			[]string{"TV102 orders"}},
		{"insert with null tenant",
			"MERGE INTO orders o USING " + src + " ON o.id = s.id AND o.tenant_id = $1 WHEN NOT MATCHED THEN INSERT (tenant_id, id) VALUES (NULL, s.id)",
			[]string{"TV102 "}},
		{"insert without column list",
			"MERGE INTO orders o USING " + src + " ON o.id = s.id AND o.tenant_id = $1 WHEN NOT MATCHED THEN INSERT VALUES (s.id, $1)",
			[]string{"TV102 orders"}},
	})
}

// TestTruncate covers TRUNCATE, which cannot be scoped.
func TestTruncate(t *testing.T) {
	runCheckCases(t, []checkCase{
		{"tenant table", "TRUNCATE orders", []string{"TV104 orders"}},
		{"table keyword", "TRUNCATE TABLE orders", []string{"TV104 orders"}},
		{"two tenant tables", "TRUNCATE orders, order_items", []string{"TV104 orders", "TV104 order_items"}},
		{"mixed", "TRUNCATE TABLE plans, orders", []string{"TV104 orders"}},
		{"schema", "TRUNCATE billing.invoices", []string{"TV104 billing.invoices"}},
		{"camel", `TRUNCATE "APIToken" CASCADE`, []string{`TV104 "APIToken"`}},
		{"non-tenant", "TRUNCATE plans", nil},
		{"non-tenant two", "TRUNCATE plans, tenants RESTART IDENTITY", nil},
		{"exempt", "TRUNCATE audit_log", nil},
	})
}

// TestPlaceholdersAndParse covers driver-style placeholders as tenant
// values, offsets after placeholder rewriting, syntax errors, and
// statements that touch no tenant table.
func TestPlaceholdersAndParse(t *testing.T) {
	runCheckCases(t, []checkCase{
		// Every placeholder style is a parameter.
		{"question mark", "SELECT id FROM orders WHERE tenant_id = ?", nil},
		{"question marks", "SELECT id FROM orders WHERE id = ? AND tenant_id = ?", nil},
		{"question mark, unbound", "SELECT id FROM orders WHERE id = ?", []string{"TV101 orders"}},
		{"colon name", "SELECT id FROM orders WHERE tenant_id = :tenant_id", nil},
		{"colon name, cast", "SELECT id FROM orders WHERE tenant_id = :tenant::uuid", nil},
		{"at name", "SELECT id FROM orders WHERE tenant_id = @tenant_id", nil},
		{"sqlc.arg", "SELECT id FROM orders WHERE tenant_id = sqlc.arg(tenant_id)", nil},
		{"sqlc.arg, unbound", "SELECT id FROM orders WHERE id = sqlc.arg(id)", []string{"TV101 orders"}},
		{"sqlc.narg", "SELECT id FROM orders WHERE tenant_id = sqlc.narg(tenant_id)", nil},
		{"insert question marks", "INSERT INTO orders (tenant_id, id) VALUES (?, ?)", nil},
		{"insert at names", "INSERT INTO orders (tenant_id, id) VALUES (@tenant_id, @id)", nil},
		{"insert sqlc.arg, null tenant", "INSERT INTO orders (id, tenant_id) VALUES (sqlc.arg(id), NULL)", []string{"TV102 "}},
		{"update colon names", "UPDATE orders SET tenant_id = :new WHERE tenant_id = :old", []string{"TV103 tenant_id"}},
		// Offsets map back through the rewriting.
		{"offsets after sqlc.arg",
			"SELECT 1 FROM plans WHERE id = sqlc.arg(plan_id) UNION SELECT 1 FROM customers WHERE email = @email",
			[]string{"TV101 customers"}},
		{"offsets after colon name",
			"SELECT 1 FROM plans WHERE name = :a_rather_long_name UNION SELECT id FROM billing.invoices",
			[]string{"TV101 billing.invoices"}},
		{"sqlc header comment", "-- name: GetOrder :one\nSELECT * FROM orders WHERE id = @id AND tenant_id = @tenant_id", nil},

		// Syntax errors.
		{"misspelled keyword", "SELECT id FORM orders WHERE tenant_id = $1", []string{"TV001 "}},
		{"dangling where", "SELECT id FROM orders WHERE", []string{"TV001 "}},
		{"not sql", "SELEC 1", []string{"TV001 "}},
		{"error after placeholders", "SELECT id FROM orders WHERE tenant_id = ? AND", []string{"TV001 "}},
		{"parses", "SELECT id FROM orders WHERE tenant_id = $1 AND status = 'a'", nil},
		// The C parser would stop at the NUL and never see the DELETE.
		{"NUL byte", "SELECT 1;\x00 DELETE FROM orders", []string{"TV001 "}},
		{"not UTF-8", "SELECT id FROM orders WHERE tenant_id = $1 AND note = 'caf\xe9'", []string{"TV001 "}},

		// Several statements in one text.
		{"two statements", "SELECT 1 FROM orders WHERE tenant_id = $1; DELETE FROM customers", []string{"TV101 customers"}},
		{"two statements bound", "SELECT 1 FROM orders WHERE tenant_id = $1; DELETE FROM customers WHERE tenant_id = $1", nil},

		// No tenant table, no finding.
		{"no from", "SELECT 1", nil},
		{"function only", "SELECT now()", nil},
		{"non-tenant table", "SELECT id, name FROM plans", nil},
		{"tenants table", "SELECT id FROM tenants WHERE slug = $1", nil},
		{"non-tenant join", "SELECT p.name FROM plans p JOIN tenants t ON t.id::text = p.name", nil},
		{"non-tenant subquery", "SELECT name FROM plans WHERE id IN (SELECT 1 FROM tenants)", nil},
		{"exempt table", "SELECT msg FROM audit_log WHERE id = $1", nil},
		{"unknown table", "SELECT * FROM sessions", nil},
		{"function in from", "SELECT * FROM generate_series(1, 10) g", nil},
		{"function named like a table", "SELECT * FROM orders($1) o", nil},
		{"function beside a bound table", "SELECT o.id FROM orders o, unnest($2::bigint[]) AS x (id) WHERE x.id = o.id AND o.tenant_id = $1", nil},
		{"function beside an unbound table", "SELECT o.id FROM orders o, unnest($1::bigint[]) AS x (id) WHERE x.id = o.id",
			[]string{"TV101 orders"}},
	})
}

// TestSQLIgnoreDirectives covers -- tenantvet:ignore inside query text.
func TestSQLIgnoreDirectives(t *testing.T) {
	runCheckCases(t, []checkCase{
		{"suppresses, trailing", "SELECT id FROM orders -- tenantvet:ignore admin report across tenants", nil},
		{"suppresses, leading", "-- tenantvet:ignore admin report across tenants\nSELECT id FROM orders", nil},
		{"suppresses every finding", "-- tenantvet:ignore one-off data migration\nUPDATE orders SET tenant_id = $1", nil},
		{"without", "SELECT id FROM orders", []string{"TV101 orders"}},
		{"no reason",
			"SELECT id FROM orders -- tenantvet:ignore",
			[]string{"TV003 -- tenantvet:ignore", "TV101 orders"}},
		{"no reason, leading",
			"-- tenantvet:ignore\nSELECT id FROM orders",
			[]string{"TV003 -- tenantvet:ignore", "TV101 orders"}},
		{"nothing to suppress",
			"SELECT id FROM orders WHERE tenant_id = $1 -- tenantvet:ignore admin report",
			[]string{"TV004 -- tenantvet:ignore admin report"}},
		{"matching id", "SELECT id FROM orders -- tenantvet:ignore TV101 admin report", nil},
		{"other id",
			"SELECT id FROM orders -- tenantvet:ignore TV104 admin report",
			[]string{"TV101 orders", "TV004 -- tenantvet:ignore TV104 admin report"}},
		{"id list", "UPDATE orders SET tenant_id = $1 -- tenantvet:ignore TV101,TV103 re-homing tool", nil},
		{"one id of two",
			"UPDATE orders SET tenant_id = $1 -- tenantvet:ignore TV103 re-homing tool",
			[]string{"TV101 orders"}},
		{"id without reason",
			"SELECT id FROM orders -- tenantvet:ignore TV101",
			[]string{"TV003 -- tenantvet:ignore TV101", "TV101 orders"}},
		{"not a directive", "SELECT id FROM orders -- tenantvet:ignored admin report", []string{"TV101 orders"}},
		{"inside a string", "SELECT id FROM orders WHERE status = '-- tenantvet:ignore admin report'", []string{"TV101 orders"}},
	})
}

// TestRealWorldShapes covers query shapes seen in real multi-tenant code
// bases, the leaks among them and their fixes.
func TestRealWorldShapes(t *testing.T) {
	runCheckCases(t, []checkCase{
		// hatchet's ReadTaskByExternalID: tenant columns are compared with
		// each other only, never with a value.
		{"join equality only",
			"SELECT i.* FROM orders o\nJOIN order_items i ON i.tenant_id = o.tenant_id AND i.order_id = o.id\nWHERE o.id = $1",
			[]string{"TV101 orders", "TV101 order_items"}},
		{"join equality, fixed",
			"SELECT i.* FROM orders o\nJOIN order_items i ON i.tenant_id = o.tenant_id AND i.order_id = o.id\nWHERE o.id = $1 AND o.tenant_id = $2", nil},

		// Precedence: AND binds tighter than OR.
		{"and-or precedence",
			"SELECT id FROM orders WHERE tenant_id = $1 AND status = 'open' OR status = 'draft'",
			[]string{"TV101 orders"}},
		{"tenant in every arm",
			"SELECT id FROM orders WHERE (tenant_id = $1 AND status = 'open') OR (tenant_id = $1 AND total > $2)", nil},

		// Optional filters.
		{"optional tenant filter",
			"SELECT id FROM orders o WHERE ($1::uuid IS NULL OR o.tenant_id = $1)",
			[]string{"TV101 orders"}},
		{"optional other filter",
			"SELECT id FROM orders WHERE tenant_id = $1 AND ($2::text IS NULL OR status = $2)", nil},
		{"case on parameter",
			"SELECT o.id FROM orders o WHERE CASE WHEN $1 <> '' THEN o.tenant_id = $1::uuid ELSE true END",
			[]string{"TV101 orders"}},

		// Batch and keyset shapes.
		{"batch by ids", "SELECT * FROM orders WHERE tenant_id = $1 AND id = ANY($2::bigint[])", nil},
		{"batch by tenants", "SELECT * FROM orders WHERE tenant_id = ANY($1::uuid[])", []string{"TV101 orders"}},
		{"keyset", "SELECT id FROM orders WHERE tenant_id = $1 AND (total, id) > ($2, $3) ORDER BY total, id LIMIT $4", nil},
		{"count per tenant", "SELECT tenant_id, count(*) FROM orders GROUP BY tenant_id", []string{"TV101 orders"}},

		// Queue workers.
		{"queue claim, unbound",
			"UPDATE orders SET status = 'running' WHERE id IN (SELECT id FROM orders WHERE status = 'queued' LIMIT 10 FOR UPDATE SKIP LOCKED) RETURNING id",
			[]string{"TV101 orders", "TV101 orders"}},
		{"queue claim, bound",
			"UPDATE orders SET status = 'running' WHERE tenant_id = $1 AND id IN (SELECT id FROM orders WHERE tenant_id = $1 AND status = 'queued' LIMIT 10 FOR UPDATE SKIP LOCKED)", nil},

		// Row-level-security style session settings.
		{"session setting", "SELECT * FROM orders WHERE tenant_id = current_setting('app.current_tenant', true)::uuid", nil},

		// Upserts.
		{"upsert",
			"INSERT INTO customers (tenant_id, id, email) VALUES ($1, $2, $3)\nON CONFLICT (tenant_id, id) DO UPDATE SET email = EXCLUDED.email", nil},
		{"upsert moves tenant",
			"INSERT INTO customers (tenant_id, id, email) VALUES ($1, $2, $3)\nON CONFLICT (id) DO UPDATE SET tenant_id = EXCLUDED.tenant_id, email = EXCLUDED.email",
			[]string{"TV103 tenant_id", "TV105 customers"}},

		// Resolving the tenant by slug.
		{"tenant by slug",
			"SELECT o.id FROM orders o JOIN tenants t ON t.id = o.tenant_id WHERE t.slug = $1",
			[]string{"TV101 orders"}},

		// Upper-case SQL throughout.
		{"upper case join",
			"SELECT O.ID FROM ORDERS O JOIN ORDER_ITEMS I ON I.ORDER_ID = O.ID AND I.TENANT_ID = O.TENANT_ID WHERE O.TENANT_ID = $1", nil},
		{"upper case join, unbound",
			"SELECT O.ID FROM ORDERS O JOIN ORDER_ITEMS I ON I.ORDER_ID = O.ID WHERE O.TENANT_ID = $1",
			[]string{"TV101 ORDER_ITEMS"}},

		// A report with a CTE filtered after the fact.
		{"cte filtered late",
			"WITH totals AS (SELECT tenant_id, customer_id, sum(total) AS s FROM orders GROUP BY 1, 2)\nSELECT * FROM totals WHERE tenant_id = $1",
			[]string{"TV101 orders"}},
		{"cte filtered at source",
			"WITH totals AS (SELECT customer_id, sum(total) AS s FROM orders WHERE tenant_id = $1 GROUP BY 1)\nSELECT * FROM totals", nil},
	})
}
