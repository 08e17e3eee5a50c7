// Package schema is a stand-in for github.com/uptrace/bun/schema with the
// names tenantvet reads.
package schema

import (
	"context"
	"database/sql"
)

type QueryGen struct{}

type QueryAppender interface {
	AppendQuery(gen QueryGen, b []byte) ([]byte, error)
}

type Safe string

func (s Safe) AppendQuery(gen QueryGen, b []byte) ([]byte, error) { return append(b, s...), nil }

type Name string

func (s Name) AppendQuery(gen QueryGen, b []byte) ([]byte, error) { return b, nil }

type Ident string

func (s Ident) AppendQuery(gen QueryGen, b []byte) ([]byte, error) { return b, nil }

type Order string

func (s Order) AppendQuery(gen QueryGen, b []byte) ([]byte, error) { return b, nil }

type QueryWithArgs struct {
	Query string
	Args  []any
}

func (q QueryWithArgs) AppendQuery(gen QueryGen, b []byte) ([]byte, error) { return b, nil }

func SafeQuery(query string, args []any) QueryWithArgs {
	return QueryWithArgs{Query: query, Args: args}
}

type BaseModel struct{}

type Dialect interface{}

type Model interface {
	ScanRows(ctx context.Context, rows *sql.Rows) (int, error)
	Value() any
}

type Query interface {
	QueryAppender
	Operation() string
	GetModel() Model
	GetTableName() string
}

type BeforeAppendModelHook interface {
	BeforeAppendModel(ctx context.Context, query Query) error
}

func In(slice any) QueryAppender { return nil }
