// Package migrations embeds the shop's goose migrations, which the service
// applies at start-up.
package migrations

import "embed"

// FS holds the migration files.
//
//go:embed *.sql
var FS embed.FS
