package strict

import "database/sql"

func dynamic(db *sql.DB, table, tenant string) {
	db.Query("SELECT * FROM "+table+" WHERE tenant_id = $1", tenant) // want `TV002: sql passed to sql.DB.Query is not a constant string`
	db.Query("SELECT * FROM orders WHERE tenant_id = $1", tenant)
}

// run forwards its SQL, which is checked at its callers, so -strict does
// not report the forwarding call.
func run(db *sql.DB, q string) { // want run:"queryWrapper\\(q\\)"
	db.Exec(q)
}

func callsRun(db *sql.DB, table string) {
	run(db, "DELETE FROM orders WHERE tenant_id = $1")
	run(db, "DELETE FROM "+table) // want `TV002: sql passed to strict.run is not a constant string`
}

type report struct{ sql string }

var reports = []report{{"SELECT id FROM orders WHERE tenant_id = $1"}, {sql: "SELECT id FROM price_plans"}}

// A table of queries is known only when every query in it is written out.
func tables(db *sql.DB, given []report, tenant string) {
	for _, rep := range reports {
		db.Query(rep.sql, tenant)
	}
	for _, rep := range given {
		db.Query(rep.sql, tenant) // want `TV002: sql passed to sql.DB.Query is not a constant string`
	}
	for _, rep := range []*report{{"SELECT id FROM price_plans"}} {
		db.Query(rep.sql, tenant) // want `TV002: sql passed to sql.DB.Query is not a constant string`
	}
}
