package squirrel

import (
	"context"
	"database/sql"
)

type DeleteBuilder struct{}

func (b DeleteBuilder) PlaceholderFormat(f PlaceholderFormat) DeleteBuilder  { return b }
func (b DeleteBuilder) RunWith(runner BaseRunner) DeleteBuilder              { return b }
func (b DeleteBuilder) Exec() (sql.Result, error)                            { return nil, nil }
func (b DeleteBuilder) ToSql() (string, []interface{}, error)                { return "", nil, nil }
func (b DeleteBuilder) MustSql() (string, []interface{})                     { return "", nil }
func (b DeleteBuilder) Prefix(sql string, args ...interface{}) DeleteBuilder { return b }
func (b DeleteBuilder) From(from string) DeleteBuilder                       { return b }
func (b DeleteBuilder) Where(pred interface{}, args ...interface{}) DeleteBuilder {
	return b
}
func (b DeleteBuilder) OrderBy(orderBys ...string) DeleteBuilder             { return b }
func (b DeleteBuilder) Limit(limit uint64) DeleteBuilder                     { return b }
func (b DeleteBuilder) Offset(offset uint64) DeleteBuilder                   { return b }
func (b DeleteBuilder) Suffix(sql string, args ...interface{}) DeleteBuilder { return b }
func (b DeleteBuilder) Query() (*sql.Rows, error)                            { return nil, nil }

func (b DeleteBuilder) ExecContext(ctx context.Context) (sql.Result, error) { return nil, nil }
