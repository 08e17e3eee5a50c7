package sqlcheck

// Check IDs. An ID never changes meaning and a retired ID is never reused:
// TV0xx are tool and Go-level checks, TV1xx query scoping, TV2xx migrations
// and row-level security.
const (
	SyntaxError     = "TV001"
	DynamicSQL      = "TV002"
	IgnoreMalformed = "TV003"
	IgnoreUnused    = "TV004"
	InternalError   = "TV005"

	Unscoped        = "TV101"
	InsertNoTenant  = "TV102"
	TenantMoved     = "TV103"
	TruncateTenants = "TV104"
)

// Check documents one check. The README's check table and sections are
// generated from Checks, and a test keeps them in step.
type Check struct {
	ID      string
	Title   string // lowercase, no final period
	Default bool   // reported without any flag
	Text    string // what it reports and why, in Markdown
	Lang    string // language of the examples: "sql" or "go"
	Bad     string
	Good    string
}

// Checks lists every check in ID order.
var Checks = []Check{
	{
		ID:      SyntaxError,
		Title:   "SQL that does not parse",
		Default: true,
		Text: "The SQL passed to a query method is not valid PostgreSQL. The message is the parser's own, " +
			"and the position is where the parser stopped. tenantvet cannot check a query it cannot read.",
		Lang: "go",
		Bad:  `db.QueryContext(ctx, "SELECT id FORM orders WHERE tenant_id = $1", tenant)`,
		Good: `db.QueryContext(ctx, "SELECT id FROM orders WHERE tenant_id = $1", tenant)`,
	},
	{
		ID:      DynamicSQL,
		Title:   "SQL that is not a constant string",
		Default: false,
		Text: "Only reported with `-strict` (or `strict: true`). Without it, SQL built at run time is " +
			"skipped silently, because tenantvet cannot see its text. Teams that want every query checked " +
			"turn this on to forbid dynamic SQL.",
		Lang: "go",
		Bad:  `db.Query("SELECT * FROM " + table + " WHERE tenant_id = $1", tenant)`,
		Good: `const q = "SELECT * FROM orders WHERE tenant_id = $1"` + "\n" + `db.Query(q, tenant)`,
	},
	{
		ID:      IgnoreMalformed,
		Title:   "ignore directive without a reason",
		Default: true,
		Text: "A `//tenantvet:ignore` or `-- tenantvet:ignore` directive must say why the finding is safe. " +
			"A directive without a reason suppresses nothing.",
		Lang: "go",
		Bad:  `//tenantvet:ignore` + "\n" + `db.Exec("DELETE FROM sessions_all")`,
		Good: `//tenantvet:ignore nightly job purges every tenant's expired sessions` + "\n" + `db.Exec("DELETE FROM sessions WHERE expires_at < now()")`,
	},
	{
		ID:      IgnoreUnused,
		Title:   "ignore directive that suppresses nothing",
		Default: true,
		Text: "The directive matches no finding, usually because the query it guarded was fixed or moved. " +
			"Remove it, so that it cannot hide a future finding.",
		Lang: "go",
		Bad:  `//tenantvet:ignore admin report` + "\n" + `db.Query("SELECT id FROM orders WHERE tenant_id = $1", t)`,
		Good: `db.Query("SELECT id FROM orders WHERE tenant_id = $1", t)`,
	},
	{
		ID:      InternalError,
		Title:   "query that tenantvet failed to check",
		Default: true,
		Text: "tenantvet hit an internal error on this query. The rest of the package is still checked. " +
			"Please report the query.",
		Lang: "go",
		Bad:  `db.Query(q) // any query that makes the checker fail`,
		Good: `db.Query(q) // after the bug is fixed`,
	},
	{
		ID:      Unscoped,
		Title:   "tenant table read or written without a tenant predicate",
		Default: true,
		Text: "Every reference to a tenant table must be bound to one tenant in its own query block: a " +
			"top-level conjunct of WHERE, or of the ON clause of an inner join, that compares the " +
			"table's tenant column with a parameter, a literal, `current_setting(…)`, or the tenant " +
			"column of another reference that is itself bound. Otherwise the statement can read or " +
			"change every tenant's rows.",
		Lang: "sql",
		Bad:  "SELECT o.id, i.sku\nFROM orders o\nJOIN order_items i ON i.order_id = o.id\nWHERE o.tenant_id = $1",
		Good: "SELECT o.id, i.sku\nFROM orders o\nJOIN order_items i ON i.order_id = o.id AND i.tenant_id = o.tenant_id\nWHERE o.tenant_id = $1",
	},
	{
		ID:      InsertNoTenant,
		Title:   "insert into a tenant table without a tenant value",
		Default: true,
		Text: "An INSERT into a tenant table must list the tenant column and give it a tenant value in " +
			"every row: a parameter, a literal, `current_setting(…)`, or the tenant column of a source " +
			"that is bound to one tenant. An INSERT with no column list is reported too, because its " +
			"columns cannot be checked.",
		Lang: "sql",
		Bad:  "INSERT INTO orders (id, total) VALUES ($1, $2)",
		Good: "INSERT INTO orders (tenant_id, id, total) VALUES ($1, $2, $3)",
	},
	{
		ID:      TenantMoved,
		Title:   "update that changes the tenant column",
		Default: true,
		Text: "`UPDATE … SET tenant_id = …` and `INSERT … ON CONFLICT … DO UPDATE SET tenant_id = …` move " +
			"rows from one tenant to another, even when the statement is bound to a tenant.",
		Lang: "sql",
		Bad:  "UPDATE orders SET tenant_id = $2, total = $3 WHERE tenant_id = $1 AND id = $4",
		Good: "UPDATE orders SET total = $2 WHERE tenant_id = $1 AND id = $3",
	},
	{
		ID:      TruncateTenants,
		Title:   "truncate of a tenant table",
		Default: true,
		Text:    "TRUNCATE removes every tenant's rows and cannot be scoped.",
		Lang:    "sql",
		Bad:     "TRUNCATE orders",
		Good:    "DELETE FROM orders WHERE tenant_id = $1",
	},
}

// CheckByID returns the check with the given ID.
func CheckByID(id string) (Check, bool) {
	for _, c := range Checks {
		if c.ID == id {
			return c, true
		}
	}
	return Check{}, false
}
