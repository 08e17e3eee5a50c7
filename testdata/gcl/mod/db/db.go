// Package db embeds the migrations.
package db

import "embed"

// Migrations holds the SQL migrations.
//
//go:embed migrations/*.sql
var Migrations embed.FS
