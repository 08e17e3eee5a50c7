package bun

import (
	"context"
	"database/sql"

	"github.com/uptrace/bun/schema"
)

type IConn interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

type IDB interface {
	IConn
	Dialect() schema.Dialect

	NewSelect() *SelectQuery
	NewInsert() *InsertQuery
	NewUpdate() *UpdateQuery
	NewDelete() *DeleteQuery
	NewRaw(query string, args ...any) *RawQuery

	BeginTx(ctx context.Context, opts *sql.TxOptions) (Tx, error)
	RunInTx(ctx context.Context, opts *sql.TxOptions, f func(ctx context.Context, tx Tx) error) error
}

type DB struct {
	*sql.DB
}

func NewDB(sqldb *sql.DB, dialect schema.Dialect) *DB { return &DB{DB: sqldb} }

func (db *DB) Dialect() schema.Dialect                            { return nil }
func (db *DB) NewSelect() *SelectQuery                            { return NewSelectQuery(db) }
func (db *DB) NewInsert() *InsertQuery                            { return NewInsertQuery(db) }
func (db *DB) NewUpdate() *UpdateQuery                            { return NewUpdateQuery(db) }
func (db *DB) NewDelete() *DeleteQuery                            { return NewDeleteQuery(db) }
func (db *DB) NewRaw(query string, args ...any) *RawQuery         { return NewRawQuery(db, query, args...) }
func (db *DB) AddQueryHook(hook QueryHook)                        {}
func (db *DB) WithNamedArg(name string, value any) *DB            { return db }
func (db *DB) Exec(query string, args ...any) (sql.Result, error) { return nil, nil }
func (db *DB) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return nil, nil
}
func (db *DB) Query(query string, args ...any) (*sql.Rows, error) { return nil, nil }
func (db *DB) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return nil, nil
}
func (db *DB) QueryRow(query string, args ...any) *sql.Row { return nil }
func (db *DB) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	return nil
}
func (db *DB) Conn(ctx context.Context) (Conn, error)                       { return Conn{}, nil }
func (db *DB) BeginTx(ctx context.Context, opts *sql.TxOptions) (Tx, error) { return Tx{}, nil }
func (db *DB) Begin() (Tx, error)                                           { return Tx{}, nil }
func (db *DB) RunInTx(ctx context.Context, opts *sql.TxOptions, fn func(ctx context.Context, tx Tx) error) error {
	return nil
}

type Conn struct {
	*sql.Conn
	db *DB
}

func (c Conn) Dialect() schema.Dialect                    { return nil }
func (c Conn) NewSelect() *SelectQuery                    { return NewSelectQuery(c.db) }
func (c Conn) NewInsert() *InsertQuery                    { return NewInsertQuery(c.db) }
func (c Conn) NewUpdate() *UpdateQuery                    { return NewUpdateQuery(c.db) }
func (c Conn) NewDelete() *DeleteQuery                    { return NewDeleteQuery(c.db) }
func (c Conn) NewRaw(query string, args ...any) *RawQuery { return NewRawQuery(c.db, query, args...) }
func (c Conn) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return nil, nil
}
func (c Conn) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return nil, nil
}
func (c Conn) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row { return nil }
func (c Conn) BeginTx(ctx context.Context, opts *sql.TxOptions) (Tx, error)            { return Tx{}, nil }
func (c Conn) RunInTx(ctx context.Context, opts *sql.TxOptions, fn func(ctx context.Context, tx Tx) error) error {
	return nil
}

type Tx struct {
	*sql.Tx
	db *DB
}

func (tx Tx) Commit() error                                      { return nil }
func (tx Tx) Rollback() error                                    { return nil }
func (tx Tx) Dialect() schema.Dialect                            { return nil }
func (tx Tx) NewSelect() *SelectQuery                            { return NewSelectQuery(tx.db) }
func (tx Tx) NewInsert() *InsertQuery                            { return NewInsertQuery(tx.db) }
func (tx Tx) NewUpdate() *UpdateQuery                            { return NewUpdateQuery(tx.db) }
func (tx Tx) NewDelete() *DeleteQuery                            { return NewDeleteQuery(tx.db) }
func (tx Tx) NewRaw(query string, args ...any) *RawQuery         { return NewRawQuery(tx.db, query, args...) }
func (tx Tx) Exec(query string, args ...any) (sql.Result, error) { return nil, nil }
func (tx Tx) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return nil, nil
}
func (tx Tx) Query(query string, args ...any) (*sql.Rows, error) { return nil, nil }
func (tx Tx) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return nil, nil
}
func (tx Tx) QueryRow(query string, args ...any) *sql.Row { return nil }
func (tx Tx) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	return nil
}
func (tx Tx) BeginTx(ctx context.Context, opts *sql.TxOptions) (Tx, error) { return tx, nil }
func (tx Tx) RunInTx(ctx context.Context, opts *sql.TxOptions, fn func(ctx context.Context, tx Tx) error) error {
	return nil
}
