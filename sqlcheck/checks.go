package sqlcheck

// Check IDs. An ID never changes meaning and a retired ID is never reused:
// TV0xx are tool and Go-level checks, TV1xx query scoping, TV2xx migrations
// and row-level security, TV3xx the tenant context: how the setting that the
// policies read is set, and on which handle, TV4xx what only a live database
// shows: drift from the migrations, and leaks that the probe proves.
const (
	SyntaxError     = "TV001"
	DynamicSQL      = "TV002"
	IgnoreMalformed = "TV003"
	IgnoreUnused    = "TV004"
	InternalError   = "TV005"

	Unscoped         = "TV101"
	InsertNoTenant   = "TV102"
	TenantMoved      = "TV103"
	TruncateTenants  = "TV104"
	UpsertAcross     = "TV105"
	UnscopableView   = "TV106"
	UnscopedFunction = "TV107"

	RLSDisabled             = "TV201"
	RLSNotForced            = "TV202"
	PolicyMissing           = "TV203"
	PolicyUnbound           = "TV204"
	PolicyOpen              = "TV205"
	CheckTrue               = "TV206"
	RLSSwitchedOff          = "TV207"
	TenantNullable          = "TV208"
	TenantUnindexed         = "TV209"
	ViewBypass              = "TV210"
	DefinerFunction         = "TV211"
	BypassRole              = "TV212"
	UniqueAcrossTenants     = "TV213"
	ForeignKeyAcrossTenants = "TV214"
	PublicGrant             = "TV215"
	TenantDefault           = "TV216"

	SessionSetting     = "TV301"
	LocalOutsideTx     = "TV302"
	SetParameter       = "TV303"
	WrongSetting       = "TV304"
	TrustWithoutTenant = "TV305"

	RLSDrift          = "TV401"
	PolicyDrift       = "TV402"
	TenantColumnDrift = "TV403"
	BypassRoleDrift   = "TV404"
	ProbeRead         = "TV405"
	ProbeWrite        = "TV406"
	FunctionDrift     = "TV407"
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
			"turn this on to forbid dynamic SQL.\n\n" +
			"A builder or ORM chain that tenantvet cannot follow (a condition held in a variable, gorm's " +
			"`Clauses`, bun's `Relation`, a generic scope passed to pop's `Scope`) is reported the same way, " +
			"at the chain, naming the method that runs it: `sql passed to bun.SelectQuery.Scan is not a " +
			"constant string`.",
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
	{
		ID:      UpsertAcross,
		Title:   "upsert whose conflict key leaves out the tenant column",
		Default: true,
		Text: "`INSERT … ON CONFLICT (cols) DO UPDATE` updates the row that already holds the key. When " +
			"the key (a column list, or `ON CONSTRAINT name` as the migrations define it) leaves out " +
			"the tenant column, that row may be another tenant's: the insert of one tenant rewrites a " +
			"row of another. A constraint that the migrations do not define is not reported. TV213 " +
			"reports the key itself in the migration.",
		Lang: "sql",
		Bad:  "INSERT INTO customers (tenant_id, email, name) VALUES ($1, $2, $3)\nON CONFLICT (email) DO UPDATE SET name = EXCLUDED.name",
		Good: "INSERT INTO customers (tenant_id, email, name) VALUES ($1, $2, $3)\nON CONFLICT (tenant_id, email) DO UPDATE SET name = EXCLUDED.name",
	},
	{
		ID:      UnscopableView,
		Title:   "query on a view that hides a tenant table's rows",
		Default: true,
		Text: "A view that reads a tenant table but has no tenant column cannot be scoped from outside: " +
			"every query on it reads every tenant's rows, unless the view binds the tenant inside, to " +
			"the session's tenant (`current_setting(…)` or a `tenant_functions` entry), as a policy " +
			"does. A materialized view stores the rows when it is refreshed, so it never counts as bound. " +
			"Under `trust_rls`, a `security_invoker` view over tables whose row-level security is complete " +
			"is bound by their policies; a view that reads with its owner's rights is not. " +
			"Reported at the query, naming the view and the tenant table behind it.",
		Lang: "sql",
		Bad:  "CREATE VIEW order_totals AS SELECT id, total FROM orders;\nSELECT sum(total) FROM order_totals",
		Good: "CREATE VIEW order_totals AS SELECT tenant_id, id, total FROM orders;\nSELECT sum(total) FROM order_totals WHERE tenant_id = $1",
	},
	{
		ID:      UnscopedFunction,
		Title:   "query on a SQL function that reads every tenant's rows",
		Default: true,
		Text: "A SQL function in FROM runs its own queries, which a predicate outside cannot scope: its body " +
			"must bind each tenant table it reads to one tenant, to one of its parameters (by name or `$n`), a " +
			"literal, or the session's tenant (`current_setting(…)` or a `tenant_functions` entry). Reported " +
			"at the query, naming the function and the tenant table behind it. What the caller passes for " +
			"the parameter is not checked. Functions in other languages are not judged, and a name counts only " +
			"when each of its overloads reads every tenant's rows. Under `trust_rls`, a `SECURITY INVOKER` " +
			"function over tables whose row-level security is complete is bound by their policies.",
		Lang: "sql",
		Bad:  "CREATE FUNCTION open_orders() RETURNS SETOF orders LANGUAGE sql\n  AS $$ SELECT * FROM orders WHERE status = 'open' $$;\nSELECT * FROM open_orders()",
		Good: "CREATE FUNCTION open_orders(tenant uuid) RETURNS SETOF orders LANGUAGE sql\n  AS $$ SELECT * FROM orders WHERE tenant_id = tenant AND status = 'open' $$;\nSELECT * FROM open_orders($1)",
	},
	{
		ID:      RLSDisabled,
		Title:   "tenant table without row-level security",
		Default: true,
		Text: "Row-level security is the guard that still holds when a query forgets its tenant predicate. " +
			"Every tenant table must enable it in its final state. Reported at the CREATE TABLE.",
		Lang: "sql",
		Bad:  "CREATE TABLE orders (id bigint PRIMARY KEY, tenant_id uuid NOT NULL);",
		Good: "CREATE TABLE orders (id bigint PRIMARY KEY, tenant_id uuid NOT NULL);\nALTER TABLE orders ENABLE ROW LEVEL SECURITY;",
	},
	{
		ID:      RLSNotForced,
		Title:   "tenant table whose owner bypasses row-level security",
		Default: true,
		Text: "Table owners bypass row-level security unless the table FORCEs it, and applications often " +
			"connect as the owner. Every tenant table must FORCE row-level security.",
		Lang: "sql",
		Bad:  "ALTER TABLE orders ENABLE ROW LEVEL SECURITY;",
		Good: "ALTER TABLE orders ENABLE ROW LEVEL SECURITY;\nALTER TABLE orders FORCE ROW LEVEL SECURITY;",
	},
	{
		ID:      PolicyMissing,
		Title:   "command that no permissive policy allows",
		Default: true,
		Text: "With row-level security on, a command that no permissive policy covers sees no rows: a table " +
			"with no policy at all denies everything silently. `FOR ALL` covers SELECT, INSERT, UPDATE and DELETE.",
		Lang: "sql",
		Bad:  "ALTER TABLE orders ENABLE ROW LEVEL SECURITY;\nCREATE POLICY read ON orders FOR SELECT\n  USING (tenant_id = current_setting('app.tenant_id')::uuid);",
		Good: "ALTER TABLE orders ENABLE ROW LEVEL SECURITY;\nCREATE POLICY tenant ON orders FOR ALL\n  USING (tenant_id = current_setting('app.tenant_id')::uuid);",
	},
	{
		ID:      PolicyUnbound,
		Title:   "policy that does not bind the tenant column",
		Default: true,
		Text: "A permissive policy's USING and WITH CHECK must bind the tenant column to the session's tenant: " +
			"a top-level conjunct, or every arm of an OR, that compares it with `current_setting(…)`, possibly " +
			"cast or wrapped in `NULLIF(…, '')` or `COALESCE(…, '')`, or with a function named in " +
			"`tenant_functions`. `USING (true)`, `OR true`, policies on other columns and hard-coded tenants, " +
			"including a COALESCE fallback to one, are reported. A permissive INSERT policy needs a WITH CHECK " +
			"that binds. A permissive policy needs none of this where restrictive policies that bind the tenant " +
			"cover its commands: that tenant floor is what PostgreSQL recommends.",
		Lang: "sql",
		Bad:  "CREATE POLICY tenant ON orders USING (tenant_id = '6f1c…'::uuid OR true);",
		Good: "CREATE POLICY tenant ON orders\n  USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);",
	},
	{
		ID:      PolicyOpen,
		Title:   "extra permissive policy that opens every tenant's rows",
		Default: true,
		Text: "Permissive policies are OR'd: next to a tenant policy, one more permissive policy that does not " +
			"bind the tenant column, such as an admin or ingest policy, opens every row to the roles it applies " +
			"to. Restrictive policies are AND'd and are fine.",
		Lang: "sql",
		Bad:  "CREATE POLICY tenant ON orders USING (tenant_id = current_setting('app.tenant_id')::uuid);\nCREATE POLICY ingest ON orders FOR ALL USING (true);",
		Good: "CREATE POLICY tenant ON orders USING (tenant_id = current_setting('app.tenant_id')::uuid);\nCREATE POLICY no_archived ON orders AS RESTRICTIVE USING (NOT archived);",
	},
	{
		ID:      CheckTrue,
		Title:   "policy that checks reads but not writes",
		Default: true,
		Text: "A policy for INSERT, UPDATE or ALL whose WITH CHECK is constant true, while its USING restricts, " +
			"lets a tenant write rows into another tenant.",
		Lang: "sql",
		Bad:  "CREATE POLICY tenant ON orders\n  USING (tenant_id = current_setting('app.tenant_id')::uuid) WITH CHECK (true);",
		Good: "CREATE POLICY tenant ON orders\n  USING (tenant_id = current_setting('app.tenant_id')::uuid);",
	},
	{
		ID:      RLSSwitchedOff,
		Title:   "row-level security switched off by a later migration",
		Default: true,
		Text: "`DISABLE ROW LEVEL SECURITY`, `NO FORCE ROW LEVEL SECURITY`, or a `DROP POLICY` that leaves a " +
			"command without a permissive policy, reported at that statement.",
		Lang: "sql",
		Bad:  "-- 042_bulk_import.sql\nALTER TABLE orders DISABLE ROW LEVEL SECURITY;",
		Good: "-- 042_bulk_import.sql: import as a role with its own policy instead",
	},
	{
		ID:      TenantNullable,
		Title:   "nullable tenant column",
		Default: true,
		Text:    "A row with a NULL tenant belongs to no tenant, and no policy that compares the column matches it.",
		Lang:    "sql",
		Bad:     "CREATE TABLE orders (id bigint PRIMARY KEY, tenant_id uuid);",
		Good:    "CREATE TABLE orders (id bigint PRIMARY KEY, tenant_id uuid NOT NULL);",
	},
	{
		ID:      TenantUnindexed,
		Title:   "tenant table without an index on the tenant column",
		Default: true,
		Text: "Every query and every policy filters on the tenant column. Without an index, primary key or " +
			"unique constraint whose leading column is the tenant column, each of them scans every tenant's rows.",
		Lang: "sql",
		Bad:  "CREATE TABLE orders (id bigint PRIMARY KEY, tenant_id uuid NOT NULL);",
		Good: "CREATE TABLE orders (tenant_id uuid NOT NULL, id bigint, PRIMARY KEY (tenant_id, id));",
	},
	{
		ID:      ViewBypass,
		Title:   "view that reads tenant tables with its owner's rights",
		Default: true,
		Text: "A view checks its base tables with its owner's rights unless it is created WITH " +
			"(security_invoker = true) (PostgreSQL 15 and later), so it bypasses row-level security. Views " +
			"over views count, and a materialized view stores rows with no row-level security at all.",
		Lang: "sql",
		Bad:  "CREATE VIEW open_orders AS SELECT * FROM orders WHERE status = 'open';",
		Good: "CREATE VIEW open_orders WITH (security_invoker = true) AS\n  SELECT * FROM orders WHERE status = 'open';",
	},
	{
		ID:      DefinerFunction,
		Title:   "security definer function that touches tenant tables",
		Default: true,
		Text: "A SECURITY DEFINER function runs with its owner's rights, so the caller's policies do not apply to " +
			"the tables it reads or writes. SQL bodies and PL/pgSQL bodies are read; a body that cannot be read " +
			"(dynamic SQL, a parse error, another language) is reported with a message that says so.",
		Lang: "sql",
		Bad:  "CREATE FUNCTION order_total(id bigint) RETURNS int LANGUAGE sql SECURITY DEFINER\n  AS $$ SELECT total FROM orders WHERE orders.id = id $$;",
		Good: "CREATE FUNCTION order_total(id bigint) RETURNS int LANGUAGE sql SECURITY INVOKER\n  AS $$ SELECT total FROM orders WHERE orders.id = id $$;",
	},
	{
		ID:      BypassRole,
		Title:   "role that bypasses row-level security",
		Default: true,
		Text:    "Superusers and roles with BYPASSRLS bypass every policy, FORCE notwithstanding.",
		Lang:    "sql",
		Bad:     "CREATE ROLE app LOGIN BYPASSRLS;",
		Good:    "CREATE ROLE app LOGIN NOBYPASSRLS NOSUPERUSER;",
	},
	{
		ID:      UniqueAcrossTenants,
		Title:   "unique key across tenants",
		Default: true,
		Text: "Unique constraints bypass row-level security: a unique key on a tenant table that leaves out the " +
			"tenant column lets one tenant learn another's values through conflicts. A primary key on a " +
			"surrogate id (a single column whose name ends in id) is fine, and so is a key that holds the " +
			"whole primary key; this is about natural keys such as email or slug.",
		Lang: "sql",
		Bad:  "CREATE UNIQUE INDEX customers_email ON customers (email);",
		Good: "CREATE UNIQUE INDEX customers_email ON customers (tenant_id, email);",
	},
	{
		ID:      ForeignKeyAcrossTenants,
		Title:   "foreign key between tenant tables without the tenant column",
		Default: true,
		Text: "Foreign key checks bypass row-level security, so a key on id alone lets a row point at another " +
			"tenant's row. Reference the composite (tenant_id, id) key instead.",
		Lang: "sql",
		Bad:  "ALTER TABLE orders ADD FOREIGN KEY (customer_id) REFERENCES customers (id);",
		Good: "ALTER TABLE orders ADD FOREIGN KEY (tenant_id, customer_id)\n  REFERENCES customers (tenant_id, id);",
	},
	{
		ID:      PublicGrant,
		Title:   "tenant table open to every role through PUBLIC",
		Default: true,
		Text: "PUBLIC is every role of the database, including ones created later for reports, support or " +
			"another service. A privilege on a tenant table granted to PUBLIC (by GRANT, `ON ALL TABLES IN " +
			"SCHEMA`, or `ALTER DEFAULT PRIVILEGES`) and not revoked is reported where row-level security " +
			"does not keep each of those roles to one tenant: it is off, or a permissive policy that applies " +
			"to PUBLIC does not bind the tenant column. TRUNCATE through PUBLIC is always reported, since " +
			"TRUNCATE ignores row-level security. A grant to a named role is not reported: with row-level " +
			"security on, a role that no policy names sees no rows, and TV201 reports a table without it. " +
			"Column privileges (`GRANT SELECT (a) …`) are not modelled.",
		Lang: "sql",
		Bad:  "GRANT SELECT, INSERT ON orders TO PUBLIC;",
		Good: "REVOKE ALL ON orders FROM PUBLIC;\nGRANT SELECT, INSERT ON orders TO app;",
	},
	{
		ID:      TenantDefault,
		Title:   "tenant column with a constant default",
		Default: true,
		Text: "A constant DEFAULT on the tenant column puts every row whose insert leaves the column out " +
			"into that one tenant, where its owner reads it. Reported at the statement that set the default, " +
			"which LIKE … INCLUDING DEFAULTS, inheritance and partitions pass on. A default of the session's " +
			"tenant, `current_setting(…)`, is not a constant.",
		Lang: "sql",
		Bad:  "ALTER TABLE orders ALTER COLUMN tenant_id SET DEFAULT '00000000-0000-0000-0000-000000000001';",
		Good: "ALTER TABLE orders ALTER COLUMN tenant_id\n  SET DEFAULT current_setting('app.tenant_id')::uuid;",
	},
	{
		ID:      SessionSetting,
		Title:   "tenant setting set for the whole session on a pooled connection",
		Default: true,
		Text: "The tenant settings are the ones the policies read with `current_setting(…)`, in the migrations " +
			"or in `tenant_settings`; with none known, the TV3xx checks are silent. A session-level set of one " +
			"(`SET`, `SET SESSION`, `set_config(…, false)`, or a call of a function of the migrations whose body " +
			"makes such a set, as `SELECT app.set_tenant($1)` may) sent on a pool (`*sql.DB`, `*sqlx.DB`, " +
			"`*pgxpool.Pool`), on a connection taken from one (`*sql.Conn`, `*pgxpool.Conn`), or in a pgxpool " +
			"hook such as `BeforeAcquire`, stays on the connection when it goes back to the pool, and the next " +
			"request that gets it runs as that tenant; under PgBouncer's transaction pooling, on whatever server " +
			"connection it lands. On a transaction (`*sql.Tx`, `pgx.Tx`, `*sqlx.Tx`) it outlives the transaction " +
			"just the same. Not reported: a `*pgx.Conn` of its own, a handle whose type tenantvet cannot tell " +
			"(sqlc's `DBTX`, a wrapper), a `*sql.Conn` or `*pgxpool.Conn` on which the same function defers a " +
			"reset (`RESET app.current_tenant`, `RESET ALL`, `DISCARD ALL`), and a hook whose pool config also " +
			"sets an `AfterRelease` that resets it (with pgx, `RESET`: `DISCARD ALL` also drops the prepared " +
			"statements that pgx has cached for the connection, and its next cached query fails). Those resets do not help under PgBouncer's transaction " +
			"pooling; `set_config(…, true)` in the request's transaction always does.",
		Lang: "go",
		Bad:  `pool.Exec(ctx, "SELECT set_config('app.current_tenant', $1, false)", tenant)`,
		Good: "tx, _ := pool.Begin(ctx)\n" + `tx.Exec(ctx, "SELECT set_config('app.current_tenant', $1, true)", tenant)`,
	},
	{
		ID:      LocalOutsideTx,
		Title:   "transaction-local tenant setting sent outside a transaction",
		Default: true,
		Text: "`SET LOCAL` or `set_config(…, true)` sent on a pool runs in a transaction of its own statement, " +
			"which ends at once: it sets nothing (PostgreSQL only warns), and the next statement on the pool " +
			"may run on another connection anyway. A text of several statements sent at once is one implicit " +
			"transaction, so a set followed by queries in the same text is not reported.",
		Lang: "go",
		Bad:  `db.ExecContext(ctx, "SET LOCAL app.current_tenant = '42'")`,
		Good: "tx, _ := db.BeginTx(ctx, nil)\n" + `tx.ExecContext(ctx, "SELECT set_config('app.current_tenant', $1, true)", tenant)`,
	},
	{
		ID:      SetParameter,
		Title:   "tenant setting given a parameter or a formatted value in SET",
		Default: true,
		Text: "`SET app.current_tenant = $1` does not parse: SET takes no parameters. The usual workaround, " +
			"`fmt.Sprintf(\"SET LOCAL app.current_tenant = '%s'\", id)`, is SQL injection through the tenant id, " +
			"which the caller may control (a value formatted with `%s`, `%v` or `%q`; numbers cannot carry a " +
			"quote). Both are reported (the first instead of TV001); `set_config` takes " +
			"the value as a parameter. A driver that fills parameters in on the client (pgx's " +
			"`QueryExecModeSimpleProtocol`) gets the first through, but the same code fails the day the mode " +
			"changes.",
		Lang: "go",
		Bad:  `tx.Exec(ctx, fmt.Sprintf("SET LOCAL app.current_tenant = '%s'", tenant))`,
		Good: `tx.Exec(ctx, "SELECT set_config('app.current_tenant', $1, true)", tenant)`,
	},
	{
		ID:      WrongSetting,
		Title:   "tenant set under a setting name that nothing reads",
		Default: true,
		Text: "The code sets a custom setting with the prefix of a tenant setting (`app.tenant_id` beside " +
			"`app.current_tenant`), and nothing in the migrations mentions it: no policy, function or default " +
			"can read it. Every request then runs with no tenant: an error, or no rows with `missing_ok`. " +
			"Reported only when migrations are configured, since without them tenantvet cannot know what reads it. " +
			"A setting that only the Go code reads back (`SELECT current_setting('app.request_id')`) is " +
			"reported too; suppress it with a reason.",
		Lang: "go",
		Bad:  `tx.Exec(ctx, "SELECT set_config('app.tenant_id', $1, true)", tenant) // the policies read app.current_tenant`,
		Good: `tx.Exec(ctx, "SELECT set_config('app.current_tenant', $1, true)", tenant)`,
	},
	{
		ID:      TrustWithoutTenant,
		Title:   "query trusting row-level security where no transaction set the tenant",
		Default: true,
		Text: "Under `trust_rls: true`, a query without a tenant predicate relies on the policies, and so on " +
			"the tenant setting being set for it. Sent on a pool, it runs outside any transaction, where no " +
			"`SET LOCAL` can have set it. Sent on a transaction begun in the same function, the transaction " +
			"must have been given the tenant with a transaction-local set before the query on every path; a " +
			"call that is passed the transaction, or SQL on it that tenantvet cannot read, counts as setting " +
			"it. A transaction that comes in as a parameter is the caller's duty and is not reported, nor is a " +
			"handle whose type tenantvet cannot tell. A text of several statements that sets the tenant with " +
			"`SET LOCAL` before the query is one implicit transaction, and is not reported either. A pool " +
			"whose pgxpool hooks give every connection the tenant (`BeforeAcquire` with an `AfterRelease` that " +
			"resets it) does set it for queries on the pool, but tenantvet does not connect the hook to the " +
			"queries, so they are reported: move the set into the request's transaction, or suppress with a reason.",
		Lang: "go",
		Bad:  `pool.Query(ctx, "SELECT id FROM orders WHERE status = 'open'")`,
		Good: "tx, _ := pool.Begin(ctx)\n" + `tx.Exec(ctx, "SELECT set_config('app.current_tenant', $1, true)", tenant)` + "\n" + `tx.Query(ctx, "SELECT id FROM orders WHERE status = 'open'")`,
	},
	{
		ID:      RLSDrift,
		Title:   "row-level security that the database has switched off",
		Default: true,
		Text: "`tenantvet db` with migrations configured: a tenant table whose migrations enable or FORCE " +
			"row-level security, while the live database does not, was changed by hand or by a migration that " +
			"never made it into the repository. The migrations no longer describe what guards the data. A tenant " +
			"table of the migrations that the database lacks altogether is reported here too, once, rather than " +
			"as each of its policies and its tenant column.",
		Lang: "sql",
		Bad:  "-- the migrations: ALTER TABLE orders ENABLE ROW LEVEL SECURITY;\n-- in production, by hand:\nALTER TABLE orders DISABLE ROW LEVEL SECURITY;",
		Good: "-- change row-level security in a migration, and apply it everywhere",
	},
	{
		ID:      PolicyDrift,
		Title:   "policy that differs from the migrations",
		Default: true,
		Text: "`tenantvet db` with migrations configured: a policy on a tenant table that the live database has " +
			"and the migrations do not, or the other way round, or one whose command, roles, permissiveness, " +
			"USING or WITH CHECK differ. Roles are compared as sets. Expressions are compared as parse trees, " +
			"without the parentheses and casts that PostgreSQL adds when it prints them, and with what its " +
			"analyser rewrites undone, such as `IN (…)` as `= ANY (ARRAY[…])`, `BETWEEN`, `LIKE` as `~~`, and the " +
			"qualifiers and aliases it gives columns and tables; a change to a cast alone goes unseen. Tables " +
			"that only the database has are left out.",
		Lang: "sql",
		Bad:  "-- by hand, in production:\nCREATE POLICY support ON orders TO support USING (true);",
		Good: "-- a migration:\nCREATE POLICY support ON orders TO support\n  USING (tenant_id = current_setting('app.tenant_id')::uuid);",
	},
	{
		ID:      TenantColumnDrift,
		Title:   "tenant column that the database has dropped or made nullable",
		Default: true,
		Text: "`tenantvet db` with migrations configured: a table whose tenant column the migrations define, " +
			"NOT NULL, lacks it in the live database or lets it be NULL there. Without the column the table is " +
			"no tenant table live, and no rule checks it.",
		Lang: "sql",
		Bad:  "-- by hand, in production:\nALTER TABLE orders ALTER COLUMN tenant_id DROP NOT NULL;",
		Good: "-- change the tenant column in a migration, and apply it everywhere",
	},
	{
		ID:      BypassRoleDrift,
		Title:   "role that bypasses row-level security in the database only",
		Default: true,
		Text: "`tenantvet db` with migrations configured: a role that is a superuser or has BYPASSRLS in the " +
			"live database, where the migrations do not make it one. The bootstrap superuser that every " +
			"cluster has is left out.",
		Lang: "sql",
		Bad:  "-- by hand, in production:\nALTER ROLE app BYPASSRLS;",
		Good: "-- a role of its own for maintenance, created in a migration, that the application never uses",
	},
	{
		ID:      ProbeRead,
		Title:   "the probe read another tenant's rows",
		Default: true,
		Text: "`tenantvet db -probe` gave two synthetic tenants A and B a row each in every tenant table it could " +
			"fill, in one transaction that it rolls back, and then, as the application's role with the tenant " +
			"setting set to A with `SET LOCAL`, read B's row, or, with the tenant setting empty, read any row. The " +
			"message names the table, the operation and the row's key: a counterexample that the database " +
			"does not isolate tenants.",
		Lang: "sql",
		Bad:  "ALTER TABLE orders ENABLE ROW LEVEL SECURITY;\nCREATE POLICY tenant ON orders USING (true);",
		Good: "ALTER TABLE orders ENABLE ROW LEVEL SECURITY;\nALTER TABLE orders FORCE ROW LEVEL SECURITY;\nCREATE POLICY tenant ON orders\n  USING (tenant_id = current_setting('app.tenant_id')::uuid);",
	},
	{
		ID:      ProbeWrite,
		Title:   "the probe wrote another tenant's rows",
		Default: true,
		Text: "`tenantvet db -probe`, as tenant A, updated or deleted B's row, inserted a row that carries B's " +
			"tenant, or updated A's own row to carry B's tenant, or reached B's row with an UPDATE or DELETE that " +
			"reads no column, which the SELECT policies do not guard, or got such a row past the policies to be refused " +
			"only by a unique key, as in a table that holds one row a tenant. The transaction is rolled back; the " +
			"message names the table, the operation and the row's key.",
		Lang: "sql",
		Bad:  "CREATE POLICY tenant ON orders\n  USING (tenant_id = current_setting('app.tenant_id')::uuid) WITH CHECK (true);",
		Good: "CREATE POLICY tenant ON orders\n  USING (tenant_id = current_setting('app.tenant_id')::uuid);",
	},
	{
		ID:      FunctionDrift,
		Title:   "function that the policies call, changed in the database",
		Default: true,
		Text: "`tenantvet db` with migrations configured: a function that a policy calls, such as the " +
			"`current_tenant()` of `tenant_functions`, is only as good as its body. One that the database has " +
			"and the migrations do not, or whose language, body or SECURITY DEFINER differs from the " +
			"migrations', opens or closes every table whose policies call it, while each policy still compares " +
			"equal. Bodies are compared as PostgreSQL stores them; a SQL-standard body (`BEGIN ATOMIC`, " +
			"`RETURN …`) is not compared.",
		Lang: "sql",
		Bad:  "-- by hand, in production:\nCREATE OR REPLACE FUNCTION current_tenant() RETURNS uuid LANGUAGE sql\n  AS $$ SELECT '6f1c…'::uuid $$;",
		Good: "-- change the function in a migration, and apply it everywhere",
	},
}
