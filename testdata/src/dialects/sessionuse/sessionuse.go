// Package sessionuse imports no driver: its SQL is checked, except where it
// goes through a type declared in a package of another dialect.
package sessionuse

import "dialects/mysqlsession"

type Queryer interface {
	Query(stmt string, args ...any) error
}

func run(s mysqlsession.Session, q Queryer) {
	s.Query("SELECT `id` FROM `orders` LIMIT 10, 20")
	s.Query("SELECT id FROM orders")
	q.Query("SELECT id FROM orders") // want `TV101: select from "orders"`
}
