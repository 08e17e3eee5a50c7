// Package db holds the sqlc-style query interface that the shop's stores
// share, so the same code runs on a pgx pool or inside a transaction.
package db

import "context"

// DBTX has the method shapes of pgx, as sqlc generates it.
type DBTX interface {
	Exec(ctx context.Context, sql string, args ...any) (int64, error)
	QueryRow(ctx context.Context, sql string, args ...any) Row
}

// Row is one result row.
type Row interface{ Scan(dest ...any) error }
