// Package sqlcheck decides whether SQL text touches tenant tables without
// scoping them to one tenant.
//
// It is a plain library: it takes SQL text and a tenancy model (tenant
// columns, tenant tables, and the schema replayed from migrations) and
// returns findings as byte offsets into the SQL. It knows nothing of
// go/analysis; the analyzer package maps its offsets back to Go positions.
//
// Two sets of rules share one judgement of tenant predicates: the query
// rules (TV1xx, Checker.Check) and the migration rules (TV2xx,
// Tenancy.CheckMigrations), which judge the schema that LoadCatalog replays
// from migrations. The query rules need little of that schema: a Tenancy's
// query model (EncodeQueryModel) carries it between processes. The
// tenant-context rules (TV3xx, Checker.Context) judge what a statement does
// to the settings that the policies read, given the handle it is sent on,
// which the caller tells. The drift rules (TV401–TV404, TV407,
// Tenancy.Drift) compare the migrations' catalog with one replayed from a
// live database's pg_catalog (package livedb), their policy expressions
// as normalised parse trees.
//
// ReadMigrations reads the directories of golang-migrate, goose, dbmate and
// plain SQL files, and those of gobuffalo/pop and ory/popx, of whose
// per-dialect files it takes the ones pop applies to PostgreSQL.
//
// Only parse.go imports pg_query, so that swapping the parser touches one
// file.
package sqlcheck
