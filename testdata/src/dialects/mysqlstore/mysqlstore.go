// Package mysqlstore holds MySQL's SQL: it imports a MySQL driver and no
// PostgreSQL one, so tenantvet leaves its SQL alone.
package mysqlstore

import (
	"database/sql"

	_ "github.com/go-sql-driver/mysql"
)

func orders(db *sql.DB) {
	db.Query("SELECT `id` FROM `orders` LIMIT 10, 20")
	db.Query("SELECT id FROM orders")
}

// Run passes its SQL on; it is no wrapper for callers elsewhere.
func Run(db *sql.DB, q string) { db.Exec(q) }
