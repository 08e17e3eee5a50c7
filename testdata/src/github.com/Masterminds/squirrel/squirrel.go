// Package squirrel is a stand-in for github.com/Masterminds/squirrel: only
// the declarations that tenantvet's tests use, with the real signatures.
// The builders are lann/builder values in the real package; here they are
// empty structs, since tenantvet reads the calls, never the values.
package squirrel

import (
	"context"
	"database/sql"
)

type Sqlizer interface {
	ToSql() (string, []interface{}, error)
}

type Execer interface {
	Exec(query string, args ...interface{}) (sql.Result, error)
}

type Queryer interface {
	Query(query string, args ...interface{}) (*sql.Rows, error)
}

type BaseRunner interface {
	Execer
	Queryer
}

type RowScanner interface {
	Scan(...interface{}) error
}

type ExecerContext interface {
	ExecContext(ctx context.Context, query string, args ...interface{}) (sql.Result, error)
}

func ExecWith(db Execer, s Sqlizer) (res sql.Result, err error)   { return nil, nil }
func QueryWith(db Queryer, s Sqlizer) (rows *sql.Rows, err error) { return nil, nil }
func ExecContextWith(ctx context.Context, db ExecerContext, s Sqlizer) (res sql.Result, err error) {
	return nil, nil
}
