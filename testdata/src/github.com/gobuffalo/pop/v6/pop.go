// Package pop is a stand-in for github.com/gobuffalo/pop/v6: the
// declarations that tenantvet's tests call, with the real signatures.
package pop

import (
	"context"

	"github.com/gobuffalo/validate/v3"
)

type Connection struct {
	ID      string
	Elapsed int64
}

type Query struct {
	Paginator  *Paginator
	Connection *Connection
}

type Paginator struct{ Page, PerPage int }

type PaginationParams interface {
	Get(key string) string
}

type ScopeFunc func(q *Query) *Query

func Connect(e string) (*Connection, error) { return &Connection{}, nil }

func Q(c *Connection) *Query { return &Query{Connection: c} }

// Methods of *Connection that return a connection.
func (c *Connection) WithContext(ctx context.Context) *Connection     { return c }
func (c *Connection) Eager(fields ...string) *Connection              { return c }
func (c *Connection) NewTransaction() (*Connection, error)            { return c, nil }
func (c *Connection) Transaction(fn func(tx *Connection) error) error { return nil }
func (c *Connection) Context() context.Context                        { return nil }

// Methods of *Connection that start a query.
func (c *Connection) Q() *Query                                         { return Q(c) }
func (c *Connection) RawQuery(stmt string, args ...interface{}) *Query  { return Q(c) }
func (c *Connection) Where(stmt string, args ...interface{}) *Query     { return Q(c) }
func (c *Connection) Order(stmt string, args ...interface{}) *Query     { return Q(c) }
func (c *Connection) Limit(limit int) *Query                            { return Q(c) }
func (c *Connection) Select(fields ...string) *Query                    { return Q(c) }
func (c *Connection) Paginate(page int, perPage int) *Query             { return Q(c) }
func (c *Connection) PaginateFromParams(params PaginationParams) *Query { return Q(c) }
func (c *Connection) Scope(sf ScopeFunc) *Query                         { return Q(c) }
func (c *Connection) EagerPreload(fields ...string) *Query              { return Q(c) }
func (c *Connection) BelongsTo(model interface{}) *Query                { return Q(c) }
func (c *Connection) BelongsToAs(model interface{}, as string) *Query   { return Q(c) }
func (c *Connection) BelongsToThrough(bt, thru interface{}) *Query      { return Q(c) }

// Finders and executors of *Connection.
func (c *Connection) Find(model interface{}, id interface{}) error             { return nil }
func (c *Connection) First(model interface{}) error                            { return nil }
func (c *Connection) Last(model interface{}) error                             { return nil }
func (c *Connection) All(models interface{}) error                             { return nil }
func (c *Connection) Count(model interface{}) (int, error)                     { return 0, nil }
func (c *Connection) Load(model interface{}, fields ...string) error           { return nil }
func (c *Connection) Reload(model interface{}) error                           { return nil }
func (c *Connection) Create(model interface{}, excludeColumns ...string) error { return nil }
func (c *Connection) Update(model interface{}, excludeColumns ...string) error { return nil }
func (c *Connection) Save(model interface{}, excludeColumns ...string) error   { return nil }
func (c *Connection) UpdateColumns(model interface{}, columnNames ...string) error {
	return nil
}
func (c *Connection) Destroy(model interface{}) error { return nil }
func (c *Connection) ValidateAndCreate(model interface{}, excludeColumns ...string) (*validate.Errors, error) {
	return nil, nil
}
func (c *Connection) ValidateAndUpdate(model interface{}, excludeColumns ...string) (*validate.Errors, error) {
	return nil, nil
}
func (c *Connection) ValidateAndSave(model interface{}, excludeColumns ...string) (*validate.Errors, error) {
	return nil, nil
}

// Methods of *Query that add to it.
func (q *Query) RawQuery(stmt string, args ...interface{}) *Query              { return q }
func (q *Query) Where(stmt string, args ...interface{}) *Query                 { return q }
func (q *Query) Order(stmt string, args ...interface{}) *Query                 { return q }
func (q *Query) Limit(limit int) *Query                                        { return q }
func (q *Query) Select(fields ...string) *Query                                { return q }
func (q *Query) Paginate(page int, perPage int) *Query                         { return q }
func (q *Query) PaginateFromParams(params PaginationParams) *Query             { return q }
func (q *Query) Scope(sf ScopeFunc) *Query                                     { return q }
func (q *Query) Eager(fields ...string) *Query                                 { return q }
func (q *Query) EagerPreload(fields ...string) *Query                          { return q }
func (q *Query) Join(table string, on string, args ...interface{}) *Query      { return q }
func (q *Query) LeftJoin(table string, on string, args ...interface{}) *Query  { return q }
func (q *Query) RightJoin(table string, on string, args ...interface{}) *Query { return q }
func (q *Query) LeftOuterJoin(table string, on string, args ...interface{}) *Query {
	return q
}
func (q *Query) RightOuterJoin(table string, on string, args ...interface{}) *Query {
	return q
}
func (q *Query) InnerJoin(table string, on string, args ...interface{}) *Query { return q }
func (q *Query) GroupBy(field string, fields ...string) *Query                 { return q }
func (q *Query) Having(condition string, args ...interface{}) *Query           { return q }
func (q *Query) BelongsTo(model interface{}) *Query                            { return q }
func (q *Query) BelongsToAs(model interface{}, as string) *Query               { return q }
func (q *Query) BelongsToThrough(bt, thru interface{}) *Query                  { return q }
func (q *Query) Clone(targetQ *Query)                                          {}

// Finders and executors of *Query.
func (q *Query) Find(model interface{}, id interface{}) error                        { return nil }
func (q *Query) First(model interface{}) error                                       { return nil }
func (q *Query) Last(model interface{}) error                                        { return nil }
func (q *Query) All(models interface{}) error                                        { return nil }
func (q *Query) Exists(model interface{}) (bool, error)                              { return false, nil }
func (q Query) Count(model interface{}) (int, error)                                 { return 0, nil }
func (q Query) CountByField(model interface{}, field string) (int, error)            { return 0, nil }
func (q *Query) Delete(model interface{}) error                                      { return nil }
func (q *Query) UpdateQuery(model interface{}, columnNames ...string) (int64, error) { return 0, nil }
func (q *Query) Exec() error                                                         { return nil }
func (q *Query) ExecWithCount() (int, error)                                         { return 0, nil }
