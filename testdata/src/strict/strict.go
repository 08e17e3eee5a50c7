package strict

import "database/sql"

func dynamic(db *sql.DB, table, tenant string) {
	db.Query("SELECT * FROM "+table+" WHERE tenant_id = $1", tenant) // want `TV002: sql passed to sql.DB.Query is not a constant string`
	db.Query("SELECT * FROM orders WHERE tenant_id = $1", tenant)
}
