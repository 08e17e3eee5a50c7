// Package livedb reads the schema of a running PostgreSQL database into the
// same model that the migration replay builds, so that the migration rules
// (TV2xx) judge what the database does rather than what the migrations say.
//
// It writes the catalog out as the SQL that would create it, as pg_dump
// does, from pg_catalog and PostgreSQL's own deparsers (pg_get_expr,
// pg_get_viewdef, pg_get_functiondef, pg_get_constraintdef,
// pg_get_indexdef), and replays that SQL with sqlcheck.LoadCatalog. One
// replay then serves migrations and live databases alike, and a difference
// between the two is a difference in the schema, never in two readers.
//
// It only reads: the connection is opened read-only, and every query runs
// in one read-only transaction, so the schema is read as of one snapshot.
// Objects that belong to extensions and the system schemas are left out.
//
// Probe is the one exception, and asks for it: it tests isolation by
// trying to break it. In one read-write transaction that it always rolls
// back, it gives two synthetic tenants a row each in every tenant table
// (and in the table that a foreign key on the tenant column references),
// then, as the application's role with the tenant settings set to one of
// them, tries to read and write the other's row (TV405, TV406). It refuses
// to run as a superuser or a BYPASSRLS role, to which row-level security
// does not apply, and reports a table it cannot fill or whose own rows it
// cannot see as not probed or inconclusive rather than as isolated.
package livedb
