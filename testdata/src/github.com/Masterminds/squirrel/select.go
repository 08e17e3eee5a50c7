package squirrel

import (
	"context"
	"database/sql"
)

type SelectBuilder struct{}

func (b SelectBuilder) PlaceholderFormat(f PlaceholderFormat) SelectBuilder { return b }
func (b SelectBuilder) RunWith(runner BaseRunner) SelectBuilder             { return b }
func (b SelectBuilder) Exec() (sql.Result, error)                           { return nil, nil }
func (b SelectBuilder) Query() (*sql.Rows, error)                           { return nil, nil }
func (b SelectBuilder) QueryRow() RowScanner                                { return nil }
func (b SelectBuilder) Scan(dest ...interface{}) error                      { return nil }
func (b SelectBuilder) ToSql() (string, []interface{}, error)               { return "", nil, nil }
func (b SelectBuilder) MustSql() (string, []interface{})                    { return "", nil }
func (b SelectBuilder) Prefix(sql string, args ...interface{}) SelectBuilder {
	return b
}
func (b SelectBuilder) PrefixExpr(expr Sqlizer) SelectBuilder   { return b }
func (b SelectBuilder) Distinct() SelectBuilder                 { return b }
func (b SelectBuilder) Options(options ...string) SelectBuilder { return b }
func (b SelectBuilder) Columns(columns ...string) SelectBuilder { return b }
func (b SelectBuilder) RemoveColumns() SelectBuilder            { return b }
func (b SelectBuilder) Column(column interface{}, args ...interface{}) SelectBuilder {
	return b
}
func (b SelectBuilder) From(from string) SelectBuilder { return b }
func (b SelectBuilder) FromSelect(from SelectBuilder, alias string) SelectBuilder {
	return b
}
func (b SelectBuilder) JoinClause(pred interface{}, args ...interface{}) SelectBuilder {
	return b
}
func (b SelectBuilder) Join(join string, rest ...interface{}) SelectBuilder      { return b }
func (b SelectBuilder) LeftJoin(join string, rest ...interface{}) SelectBuilder  { return b }
func (b SelectBuilder) RightJoin(join string, rest ...interface{}) SelectBuilder { return b }
func (b SelectBuilder) InnerJoin(join string, rest ...interface{}) SelectBuilder { return b }
func (b SelectBuilder) CrossJoin(join string, rest ...interface{}) SelectBuilder { return b }
func (b SelectBuilder) Where(pred interface{}, args ...interface{}) SelectBuilder {
	return b
}
func (b SelectBuilder) GroupBy(groupBys ...string) SelectBuilder { return b }
func (b SelectBuilder) Having(pred interface{}, rest ...interface{}) SelectBuilder {
	return b
}
func (b SelectBuilder) OrderByClause(pred interface{}, args ...interface{}) SelectBuilder {
	return b
}
func (b SelectBuilder) OrderBy(orderBys ...string) SelectBuilder             { return b }
func (b SelectBuilder) Limit(limit uint64) SelectBuilder                     { return b }
func (b SelectBuilder) RemoveLimit() SelectBuilder                           { return b }
func (b SelectBuilder) Offset(offset uint64) SelectBuilder                   { return b }
func (b SelectBuilder) RemoveOffset() SelectBuilder                          { return b }
func (b SelectBuilder) Suffix(sql string, args ...interface{}) SelectBuilder { return b }
func (b SelectBuilder) SuffixExpr(expr Sqlizer) SelectBuilder                { return b }

func (b SelectBuilder) ExecContext(ctx context.Context) (sql.Result, error)        { return nil, nil }
func (b SelectBuilder) QueryContext(ctx context.Context) (*sql.Rows, error)        { return nil, nil }
func (b SelectBuilder) QueryRowContext(ctx context.Context) RowScanner             { return nil }
func (b SelectBuilder) ScanContext(ctx context.Context, dest ...interface{}) error { return nil }
