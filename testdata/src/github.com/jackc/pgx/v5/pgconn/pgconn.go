// Package pgconn is a stand-in for github.com/jackc/pgx/v5/pgconn: only the
// declarations that tenantvet's tests call.
package pgconn

type CommandTag struct{}
