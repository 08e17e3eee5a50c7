// Package mixed imports drivers of both dialects, so its SQL is checked.
package mixed

import (
	"database/sql"

	"dialects/mysqlstore"

	_ "github.com/go-sql-driver/mysql"
	_ "github.com/jackc/pgx/v5"
)

func orders(db *sql.DB) {
	db.Query("SELECT id FROM orders") // want `TV101: select from "orders"`
	mysqlstore.Run(db, "DELETE FROM orders")
}
