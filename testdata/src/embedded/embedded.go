// Package embedded embeds its migrations, so it reports their findings.
package embedded

import "embed"

//go:embed migrations/*.sql
var migrations embed.FS
