package bun

import (
	"context"
	"database/sql"

	"github.com/uptrace/bun/schema"
)

// The query builders change in place and return their receiver.

type SelectQuery struct{ db *DB }

func NewSelectQuery(db *DB) *SelectQuery { return &SelectQuery{db: db} }

func (q *SelectQuery) Conn(db IConn) *SelectQuery                                { return q }
func (q *SelectQuery) Model(model any) *SelectQuery                              { return q }
func (q *SelectQuery) Err(err error) *SelectQuery                                { return q }
func (q *SelectQuery) Apply(fns ...func(*SelectQuery) *SelectQuery) *SelectQuery { return q }
func (q *SelectQuery) With(name string, query Query) *SelectQuery                { return q }
func (q *SelectQuery) Distinct() *SelectQuery                                    { return q }
func (q *SelectQuery) DistinctOn(query string, args ...any) *SelectQuery         { return q }
func (q *SelectQuery) Table(tables ...string) *SelectQuery                       { return q }
func (q *SelectQuery) TableExpr(query string, args ...any) *SelectQuery          { return q }
func (q *SelectQuery) ModelTableExpr(query string, args ...any) *SelectQuery     { return q }
func (q *SelectQuery) Column(columns ...string) *SelectQuery                     { return q }
func (q *SelectQuery) ColumnExpr(query string, args ...any) *SelectQuery         { return q }
func (q *SelectQuery) ExcludeColumn(columns ...string) *SelectQuery              { return q }
func (q *SelectQuery) WherePK(cols ...string) *SelectQuery                       { return q }
func (q *SelectQuery) Where(query string, args ...any) *SelectQuery              { return q }
func (q *SelectQuery) WhereOr(query string, args ...any) *SelectQuery            { return q }
func (q *SelectQuery) WhereGroup(sep string, fn func(*SelectQuery) *SelectQuery) *SelectQuery {
	return q
}
func (q *SelectQuery) WhereDeleted() *SelectQuery                         { return q }
func (q *SelectQuery) WhereAllWithDeleted() *SelectQuery                  { return q }
func (q *SelectQuery) Group(columns ...string) *SelectQuery               { return q }
func (q *SelectQuery) GroupExpr(group string, args ...any) *SelectQuery   { return q }
func (q *SelectQuery) Having(having string, args ...any) *SelectQuery     { return q }
func (q *SelectQuery) Order(orders ...string) *SelectQuery                { return q }
func (q *SelectQuery) OrderBy(colName string, sortDir Order) *SelectQuery { return q }
func (q *SelectQuery) OrderExpr(query string, args ...any) *SelectQuery   { return q }
func (q *SelectQuery) Limit(n int64) *SelectQuery                         { return q }
func (q *SelectQuery) Offset(n int64) *SelectQuery                        { return q }
func (q *SelectQuery) For(s string, args ...any) *SelectQuery             { return q }
func (q *SelectQuery) Union(other *SelectQuery) *SelectQuery              { return q }
func (q *SelectQuery) Join(join string, args ...any) *SelectQuery         { return q }
func (q *SelectQuery) JoinOn(cond string, args ...any) *SelectQuery       { return q }
func (q *SelectQuery) JoinOnOr(cond string, args ...any) *SelectQuery     { return q }
func (q *SelectQuery) Relation(name string, apply ...func(*SelectQuery) *SelectQuery) *SelectQuery {
	return q
}
func (q *SelectQuery) Comment(comment string) *SelectQuery { return q }

func (q *SelectQuery) AppendQuery(gen schema.QueryGen, b []byte) ([]byte, error)    { return b, nil }
func (q *SelectQuery) Operation() string                                            { return "" }
func (q *SelectQuery) GetModel() schema.Model                                       { return nil }
func (q *SelectQuery) GetTableName() string                                         { return "" }
func (q *SelectQuery) String() string                                               { return "" }
func (q *SelectQuery) Scan(ctx context.Context, dest ...any) error                  { return nil }
func (q *SelectQuery) Exec(ctx context.Context, dest ...any) (sql.Result, error)    { return nil, nil }
func (q *SelectQuery) Rows(ctx context.Context) (*sql.Rows, error)                  { return nil, nil }
func (q *SelectQuery) Count(ctx context.Context) (int64, error)                     { return 0, nil }
func (q *SelectQuery) ScanAndCount(ctx context.Context, dest ...any) (int64, error) { return 0, nil }
func (q *SelectQuery) Exists(ctx context.Context) (bool, error)                     { return false, nil }

type UpdateQuery struct{ db *DB }

func NewUpdateQuery(db *DB) *UpdateQuery { return &UpdateQuery{db: db} }

func (q *UpdateQuery) Conn(db IConn) *UpdateQuery                                      { return q }
func (q *UpdateQuery) Model(model any) *UpdateQuery                                    { return q }
func (q *UpdateQuery) Err(err error) *UpdateQuery                                      { return q }
func (q *UpdateQuery) Apply(fns ...func(*UpdateQuery) *UpdateQuery) *UpdateQuery       { return q }
func (q *UpdateQuery) With(name string, query Query) *UpdateQuery                      { return q }
func (q *UpdateQuery) Table(tables ...string) *UpdateQuery                             { return q }
func (q *UpdateQuery) TableExpr(query string, args ...any) *UpdateQuery                { return q }
func (q *UpdateQuery) ModelTableExpr(query string, args ...any) *UpdateQuery           { return q }
func (q *UpdateQuery) Column(columns ...string) *UpdateQuery                           { return q }
func (q *UpdateQuery) ExcludeColumn(columns ...string) *UpdateQuery                    { return q }
func (q *UpdateQuery) Set(query string, args ...any) *UpdateQuery                      { return q }
func (q *UpdateQuery) SetColumn(column string, query string, args ...any) *UpdateQuery { return q }
func (q *UpdateQuery) Value(column string, query string, args ...any) *UpdateQuery     { return q }
func (q *UpdateQuery) OmitZero() *UpdateQuery                                          { return q }
func (q *UpdateQuery) Join(join string, args ...any) *UpdateQuery                      { return q }
func (q *UpdateQuery) JoinOn(cond string, args ...any) *UpdateQuery                    { return q }
func (q *UpdateQuery) JoinOnOr(cond string, args ...any) *UpdateQuery                  { return q }
func (q *UpdateQuery) WherePK(cols ...string) *UpdateQuery                             { return q }
func (q *UpdateQuery) Where(query string, args ...any) *UpdateQuery                    { return q }
func (q *UpdateQuery) WhereOr(query string, args ...any) *UpdateQuery                  { return q }
func (q *UpdateQuery) WhereGroup(sep string, fn func(*UpdateQuery) *UpdateQuery) *UpdateQuery {
	return q
}
func (q *UpdateQuery) WhereDeleted() *UpdateQuery                       { return q }
func (q *UpdateQuery) WhereAllWithDeleted() *UpdateQuery                { return q }
func (q *UpdateQuery) Order(orders ...string) *UpdateQuery              { return q }
func (q *UpdateQuery) OrderExpr(query string, args ...any) *UpdateQuery { return q }
func (q *UpdateQuery) Limit(n int64) *UpdateQuery                       { return q }
func (q *UpdateQuery) Returning(query string, args ...any) *UpdateQuery { return q }
func (q *UpdateQuery) Comment(comment string) *UpdateQuery              { return q }
func (q *UpdateQuery) Bulk() *UpdateQuery                               { return q }

func (q *UpdateQuery) AppendQuery(gen schema.QueryGen, b []byte) ([]byte, error) { return b, nil }
func (q *UpdateQuery) Operation() string                                         { return "" }
func (q *UpdateQuery) GetModel() schema.Model                                    { return nil }
func (q *UpdateQuery) GetTableName() string                                      { return "" }
func (q *UpdateQuery) String() string                                            { return "" }
func (q *UpdateQuery) Scan(ctx context.Context, dest ...any) error               { return nil }
func (q *UpdateQuery) Exec(ctx context.Context, dest ...any) (sql.Result, error) { return nil, nil }

type DeleteQuery struct{ db *DB }

func NewDeleteQuery(db *DB) *DeleteQuery { return &DeleteQuery{db: db} }

func (q *DeleteQuery) Conn(db IConn) *DeleteQuery                                { return q }
func (q *DeleteQuery) Model(model any) *DeleteQuery                              { return q }
func (q *DeleteQuery) Err(err error) *DeleteQuery                                { return q }
func (q *DeleteQuery) Apply(fns ...func(*DeleteQuery) *DeleteQuery) *DeleteQuery { return q }
func (q *DeleteQuery) With(name string, query Query) *DeleteQuery                { return q }
func (q *DeleteQuery) Table(tables ...string) *DeleteQuery                       { return q }
func (q *DeleteQuery) TableExpr(query string, args ...any) *DeleteQuery          { return q }
func (q *DeleteQuery) ModelTableExpr(query string, args ...any) *DeleteQuery     { return q }
func (q *DeleteQuery) WherePK(cols ...string) *DeleteQuery                       { return q }
func (q *DeleteQuery) Where(query string, args ...any) *DeleteQuery              { return q }
func (q *DeleteQuery) WhereOr(query string, args ...any) *DeleteQuery            { return q }
func (q *DeleteQuery) WhereGroup(sep string, fn func(*DeleteQuery) *DeleteQuery) *DeleteQuery {
	return q
}
func (q *DeleteQuery) WhereDeleted() *DeleteQuery                       { return q }
func (q *DeleteQuery) WhereAllWithDeleted() *DeleteQuery                { return q }
func (q *DeleteQuery) Order(orders ...string) *DeleteQuery              { return q }
func (q *DeleteQuery) OrderExpr(query string, args ...any) *DeleteQuery { return q }
func (q *DeleteQuery) ForceDelete() *DeleteQuery                        { return q }
func (q *DeleteQuery) Limit(n int64) *DeleteQuery                       { return q }
func (q *DeleteQuery) Returning(query string, args ...any) *DeleteQuery { return q }
func (q *DeleteQuery) Comment(comment string) *DeleteQuery              { return q }

func (q *DeleteQuery) AppendQuery(gen schema.QueryGen, b []byte) ([]byte, error) { return b, nil }
func (q *DeleteQuery) Operation() string                                         { return "" }
func (q *DeleteQuery) GetModel() schema.Model                                    { return nil }
func (q *DeleteQuery) GetTableName() string                                      { return "" }
func (q *DeleteQuery) String() string                                            { return "" }
func (q *DeleteQuery) Scan(ctx context.Context, dest ...any) error               { return nil }
func (q *DeleteQuery) Exec(ctx context.Context, dest ...any) (sql.Result, error) { return nil, nil }

type InsertQuery struct{ db *DB }

func NewInsertQuery(db *DB) *InsertQuery { return &InsertQuery{db: db} }

func (q *InsertQuery) Conn(db IConn) *InsertQuery                                 { return q }
func (q *InsertQuery) Model(model any) *InsertQuery                               { return q }
func (q *InsertQuery) Err(err error) *InsertQuery                                 { return q }
func (q *InsertQuery) Apply(fns ...func(*InsertQuery) *InsertQuery) *InsertQuery  { return q }
func (q *InsertQuery) With(name string, query Query) *InsertQuery                 { return q }
func (q *InsertQuery) Table(tables ...string) *InsertQuery                        { return q }
func (q *InsertQuery) TableExpr(query string, args ...any) *InsertQuery           { return q }
func (q *InsertQuery) ModelTableExpr(query string, args ...any) *InsertQuery      { return q }
func (q *InsertQuery) Column(columns ...string) *InsertQuery                      { return q }
func (q *InsertQuery) ColumnExpr(query string, args ...any) *InsertQuery          { return q }
func (q *InsertQuery) ExcludeColumn(columns ...string) *InsertQuery               { return q }
func (q *InsertQuery) Value(column string, expr string, args ...any) *InsertQuery { return q }
func (q *InsertQuery) Where(query string, args ...any) *InsertQuery               { return q }
func (q *InsertQuery) WhereOr(query string, args ...any) *InsertQuery             { return q }
func (q *InsertQuery) Returning(query string, args ...any) *InsertQuery           { return q }
func (q *InsertQuery) Ignore() *InsertQuery                                       { return q }
func (q *InsertQuery) Replace() *InsertQuery                                      { return q }
func (q *InsertQuery) Comment(comment string) *InsertQuery                        { return q }
func (q *InsertQuery) On(s string, args ...any) *InsertQuery                      { return q }
func (q *InsertQuery) Set(query string, args ...any) *InsertQuery                 { return q }

func (q *InsertQuery) AppendQuery(gen schema.QueryGen, b []byte) ([]byte, error) { return b, nil }
func (q *InsertQuery) Operation() string                                         { return "" }
func (q *InsertQuery) GetModel() schema.Model                                    { return nil }
func (q *InsertQuery) GetTableName() string                                      { return "" }
func (q *InsertQuery) String() string                                            { return "" }
func (q *InsertQuery) Scan(ctx context.Context, dest ...any) error               { return nil }
func (q *InsertQuery) Exec(ctx context.Context, dest ...any) (sql.Result, error) { return nil, nil }

type RawQuery struct {
	db    *DB
	query string
	args  []any
}

func NewRawQuery(db *DB, query string, args ...any) *RawQuery {
	return &RawQuery{db: db, query: query, args: args}
}

func (q *RawQuery) Conn(db IConn) *RawQuery                                   { return q }
func (q *RawQuery) Err(err error) *RawQuery                                   { return q }
func (q *RawQuery) Comment(comment string) *RawQuery                          { return q }
func (q *RawQuery) AppendQuery(gen schema.QueryGen, b []byte) ([]byte, error) { return b, nil }
func (q *RawQuery) Scan(ctx context.Context, dest ...any) error               { return nil }
func (q *RawQuery) Exec(ctx context.Context, dest ...any) (sql.Result, error) { return nil, nil }
