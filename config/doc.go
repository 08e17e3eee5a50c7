// Package config loads tenantvet's configuration, .tenantvet.yaml, and
// turns it into the tenancy model that package sqlcheck checks against.
//
// The same Config serves the command line, the go/analysis pass and the
// golangci-lint plugin, so a key means the same thing everywhere.
//
// QueryTenancy keeps what the query checks need of the replayed migrations
// in a cache under os.UserCacheDir() (TENANTVET_CACHE moves it, or turns it
// off), because go vet runs one process per package and each would
// otherwise replay every migration.
package config
