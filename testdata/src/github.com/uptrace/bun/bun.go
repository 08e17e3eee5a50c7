// Package bun is a stand-in for github.com/uptrace/bun v1.3.0 with the
// names and signatures tenantvet reads.
package bun

import (
	"context"

	"github.com/uptrace/bun/schema"
)

type (
	Safe                  = schema.Safe
	Name                  = schema.Name
	Ident                 = schema.Ident
	Order                 = schema.Order
	BaseModel             = schema.BaseModel
	Query                 = schema.Query
	BeforeAppendModelHook = schema.BeforeAppendModelHook
)

const (
	OrderAsc  = schema.Order("ASC")
	OrderDesc = schema.Order("DESC")
)

func SafeQuery(query string, args ...any) schema.QueryWithArgs { return schema.SafeQuery(query, args) }

func In(slice any) schema.QueryAppender { return schema.In(slice) }

type ListValues struct{ slice any }

func (in ListValues) AppendQuery(gen schema.QueryGen, b []byte) ([]byte, error) { return b, nil }

func List(slice any) ListValues { return ListValues{slice} }

type TupleValues struct{ slice any }

func (in TupleValues) AppendQuery(gen schema.QueryGen, b []byte) ([]byte, error) { return b, nil }

func Tuple(slice any) TupleValues { return TupleValues{slice} }

type BeforeSelectHook interface {
	BeforeSelect(ctx context.Context, query *SelectQuery) error
}

type BeforeInsertHook interface {
	BeforeInsert(ctx context.Context, query *InsertQuery) error
}

type BeforeUpdateHook interface {
	BeforeUpdate(ctx context.Context, query *UpdateQuery) error
}

type BeforeDeleteHook interface {
	BeforeDelete(ctx context.Context, query *DeleteQuery) error
}

type QueryEvent struct {
	Query string
}

type QueryHook interface {
	BeforeQuery(context.Context, *QueryEvent) context.Context
	AfterQuery(context.Context, *QueryEvent)
}
