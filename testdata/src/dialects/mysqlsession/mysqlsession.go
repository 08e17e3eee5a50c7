// Package mysqlsession is a team's own interface over a MySQL connection:
// it imports a MySQL driver and no PostgreSQL one, so its types' methods
// are no query sites, whatever their shape.
package mysqlsession

import _ "github.com/go-sql-driver/mysql"

type Session interface {
	Query(stmt string, args ...any) error
}
