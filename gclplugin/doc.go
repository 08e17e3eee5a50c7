// Package gclplugin makes tenantvet a golangci-lint v2 module plugin.
//
// Importing the package registers the linter "tenantvet" with
// github.com/golangci/plugin-module-register, so that a golangci-lint binary
// built by `golangci-lint custom` with this package in its plugins list
// runs it:
//
//	# .custom-gcl.yml
//	version: v2.15.0
//	plugins:
//	  - module: github.com/tenantvet/tenantvet
//	    import: github.com/tenantvet/tenantvet/gclplugin
//	    version: latest
//
//	# .golangci.yml
//	version: "2"
//	linters:
//	  enable: [tenantvet]
//	  settings:
//	    custom:
//	      tenantvet:
//	        type: module
//	        settings:
//	          tenant_column: tenant_id
//	          migrations: [db/migrations]
//
// The settings are the keys of .tenantvet.yaml, decoded into the same
// config.Config; an unknown key is an error, and so is a config that names
// no tenant tables. Relative migration directories are taken from the
// module root: the directory that holds the go.mod found from the
// directory golangci-lint runs in. Without settings, each package uses the
// .tenantvet.yaml found from its directory, as the standalone tool does.
//
// golangci-lint drops diagnostics outside .go files, so the migration
// checks report at the //go:embed directive that embeds the migrations,
// with the .sql file and line at the start of the message.
package gclplugin
