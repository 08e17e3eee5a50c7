// Package popx holds a helper of the shape of kratos's popx: it returns the
// connection of the context's transaction, or the one it is given.
package popx

import (
	"context"

	"github.com/ory/pop/v6"
)

type txKey struct{}

func GetConnection(ctx context.Context, c *pop.Connection) *pop.Connection {
	if tx, ok := ctx.Value(txKey{}).(*pop.Connection); ok {
		return tx.WithContext(ctx)
	}
	return c.WithContext(ctx)
}
