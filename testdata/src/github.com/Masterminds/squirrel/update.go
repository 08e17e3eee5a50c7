package squirrel

import (
	"context"
	"database/sql"
)

type UpdateBuilder struct{}

func (b UpdateBuilder) PlaceholderFormat(f PlaceholderFormat) UpdateBuilder  { return b }
func (b UpdateBuilder) RunWith(runner BaseRunner) UpdateBuilder              { return b }
func (b UpdateBuilder) Exec() (sql.Result, error)                            { return nil, nil }
func (b UpdateBuilder) Query() (*sql.Rows, error)                            { return nil, nil }
func (b UpdateBuilder) QueryRow() RowScanner                                 { return nil }
func (b UpdateBuilder) Scan(dest ...interface{}) error                       { return nil }
func (b UpdateBuilder) ToSql() (string, []interface{}, error)                { return "", nil, nil }
func (b UpdateBuilder) MustSql() (string, []interface{})                     { return "", nil }
func (b UpdateBuilder) Prefix(sql string, args ...interface{}) UpdateBuilder { return b }
func (b UpdateBuilder) PrefixExpr(expr Sqlizer) UpdateBuilder                { return b }
func (b UpdateBuilder) Table(table string) UpdateBuilder                     { return b }
func (b UpdateBuilder) Set(column string, value interface{}) UpdateBuilder   { return b }
func (b UpdateBuilder) SetMap(clauses map[string]interface{}) UpdateBuilder  { return b }
func (b UpdateBuilder) From(from string) UpdateBuilder                       { return b }
func (b UpdateBuilder) FromSelect(from SelectBuilder, alias string) UpdateBuilder {
	return b
}
func (b UpdateBuilder) Where(pred interface{}, args ...interface{}) UpdateBuilder {
	return b
}
func (b UpdateBuilder) OrderBy(orderBys ...string) UpdateBuilder             { return b }
func (b UpdateBuilder) Limit(limit uint64) UpdateBuilder                     { return b }
func (b UpdateBuilder) Offset(offset uint64) UpdateBuilder                   { return b }
func (b UpdateBuilder) Suffix(sql string, args ...interface{}) UpdateBuilder { return b }
func (b UpdateBuilder) SuffixExpr(expr Sqlizer) UpdateBuilder                { return b }

func (b UpdateBuilder) ExecContext(ctx context.Context) (sql.Result, error) { return nil, nil }
func (b UpdateBuilder) QueryContext(ctx context.Context) (*sql.Rows, error) { return nil, nil }
func (b UpdateBuilder) QueryRowContext(ctx context.Context) RowScanner      { return nil }
