package db

import (
	"context"
	"log/slog"
)

// QueryRow logs the SQL, then runs it. tenantvet follows the SQL through
// it into its callers.
func QueryRow(ctx context.Context, q DBTX, sql string, args ...any) Row {
	slog.DebugContext(ctx, "query", "sql", sql)
	return q.QueryRow(ctx, sql, args...)
}
