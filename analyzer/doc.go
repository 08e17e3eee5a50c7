// Package analyzer defines an Analyzer that reports SQL on tenant tables
// that is not scoped to one tenant.
//
// # Analyzer tenantvet
//
// tenantvet: check that SQL on tenant tables is scoped by the tenant column
//
// In a multi-tenant database every tenant's rows share one table, told apart
// by a tenant column such as tenant_id. A query that reads or writes such a
// table without binding that column to one tenant can see or change another
// customer's data:
//
//	db.QueryContext(ctx, "SELECT id, total FROM orders WHERE id = $1", id) // TV101: select from "orders" has no tenant_id predicate; add orders.tenant_id = $n
//
// tenantvet finds the SQL that Go code passes to database/sql, pgx (and its
// low-level pgconn.PgConn), sqlx and any type of the module whose method has
// the same name and parameter shape (sqlc's DBTX, a team's own Queryer),
// and rebuilds the SQL that builder and ORM chains send (squirrel, gorm,
// pop, bun) from their method calls. It parses the constant SQL text with
// PostgreSQL's own parser and checks every reference to a tenant table in
// the query block where it appears.
// Tenant tables are the tables that have a tenant column once the
// migrations named in .tenantvet.yaml are replayed, plus any named
// outright.
// A package that imports a driver of another database and none of
// PostgreSQL's is left alone: its SQL is another dialect's.
//
// The package that owns the migrations (the Go package in a migration
// directory, or the one that embeds the migration files) also reports the
// migration checks, at positions in the .sql files: every tenant table must
// enable and FORCE row-level security, with policies that bind the tenant
// column to the session's tenant.
//
// It also checks how the code gives the database its tenant (TV3xx): the
// settings that the policies read with current_setting, set on which
// handle. A session-level set on a pool or a pooled connection stays for
// the next request, SET LOCAL on a pool sets nothing, SET takes no
// parameter, a name that nothing reads sets no tenant, and under trust_rls a
// query that relies on the policies must run on a transaction given the
// tenant first:
//
//	pool.Exec(ctx, "SELECT set_config('app.tenant_id', $1, false)", id) // TV301: … stays on the pooled connection, …
//
// The handle is told by type; an interface, a wrapper or an ORM chain is not
// judged, and a transaction that a function is passed is the caller's to set.
//
// The pass stays silent whenever it cannot be sure about the code. SQL built
// at run time is skipped (the -strict flag reports it as TV002), as is a
// chain it cannot follow to its start, and an
// unqualified column that a relation of unknown columns might own counts
// for each relation that might own it. It is never silent about its own
// setup: a config that finds no tenant table, a migration directory that
// holds no migration, or an entry that names nothing the migrations define
// is an error in every package with SQL to check, since a gate that checked
// nothing would pass.
//
// A finding that is safe is suppressed with a reason:
//
//	//tenantvet:ignore nightly purge runs across every tenant
//	db.ExecContext(ctx, "DELETE FROM sessions WHERE expires_at < now()")
//
// A directive without a reason, or one that suppresses nothing, is itself
// reported. The README lists every check with examples.
package analyzer
