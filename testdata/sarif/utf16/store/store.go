// Package store holds a leaky query whose line has characters outside
// ASCII before the table name, so that SARIF's UTF-16 columns differ from
// Go's byte columns: é is two bytes and one UTF-16 unit, 😀 four bytes and
// two units.
package store

import (
	"context"
	"database/sql"
)

func Greeting(ctx context.Context, db *sql.DB, id int64) {
	db.QueryContext(ctx, "SELECT 'héllo 😀' AS greeting, total FROM orders WHERE id = $1", id)
}
