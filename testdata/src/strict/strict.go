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
