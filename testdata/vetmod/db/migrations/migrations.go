// Package migrations embeds the module's migrations, so it is the package
// that reports the migration rules' findings.
package migrations

import "embed"

//go:embed *.sql
var FS embed.FS
