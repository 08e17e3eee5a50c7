// Package config loads tenantvet's configuration, .tenantvet.yaml, and
// turns it into the tenancy model that package sqlcheck checks against.
//
// The same Config serves the command line, the go/analysis pass and the
// golangci-lint plugin, so a key means the same thing everywhere.
package config
