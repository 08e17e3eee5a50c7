// Package pgconn is a stand-in for github.com/jackc/pgx/v5/pgconn: only the
// declarations that tenantvet's tests call, with the real signatures.
package pgconn

import (
	"context"
	"io"
)

type CommandTag struct{}

type StatementDescription struct{}
type MultiResultReader struct{}
type ResultReader struct{}

type PgConn struct{}

func (pgConn *PgConn) Exec(ctx context.Context, sql string) *MultiResultReader { return nil }
func (pgConn *PgConn) ExecParams(ctx context.Context, sql string, paramValues [][]byte, paramOIDs []uint32, paramFormats []int16, resultFormats []int16) *ResultReader {
	return nil
}
func (pgConn *PgConn) Prepare(ctx context.Context, name, sql string, paramOIDs []uint32) (*StatementDescription, error) {
	return nil, nil
}
func (pgConn *PgConn) CopyTo(ctx context.Context, w io.Writer, sql string) (CommandTag, error) {
	return CommandTag{}, nil
}
func (pgConn *PgConn) CopyFrom(ctx context.Context, r io.Reader, sql string) (CommandTag, error) {
	return CommandTag{}, nil
}
