package ignore

//
// (Ballast comment to make it easier to adjust line numbers when imports change.)
//

import "database/sql"

func ignored(db *sql.DB) {
	//tenantvet:ignore nightly job purges expired orders of every tenant
	db.Exec("DELETE FROM orders WHERE total < 0")

	db.Exec("DELETE FROM orders WHERE total < 0") //tenantvet:ignore TV101 same, on the call's line
	db.Exec("DELETE FROM orders WHERE total > 0") // want `TV101: delete from "orders"`

	//tenantvet:ignore TV104 only truncations are expected here // want `TV004: ignore directive suppresses nothing`
	db.Exec("DELETE FROM orders WHERE total < 0") // want `TV101: delete from "orders"`

	/* want `TV003: ignore directive has no reason` */ //tenantvet:ignore
	db.Exec("DELETE FROM orders WHERE total < 0") // want `TV101: delete from "orders"`

	//tenantvet:ignore the query below is already scoped // want `TV004: ignore directive suppresses nothing`
	db.Exec("DELETE FROM orders WHERE tenant_id = $1", "t")

	db.Exec("DELETE FROM orders -- tenantvet:ignore SQL-side directive with a reason\n WHERE total < 0")
	db.Exec("DELETE FROM orders WHERE tenant_id = $1 -- tenantvet:ignore nothing to ignore", "t") // want `TV004: ignore directive suppresses nothing`
	db.Exec("DELETE FROM orders WHERE total < 0 -- tenantvet:ignore") // want `TV003: ignore directive has no reason` `TV101: delete from "orders"`
}
