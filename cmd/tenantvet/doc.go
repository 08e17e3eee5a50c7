// Command tenantvet reports SQL on tenant tables that is not scoped to one
// tenant. It runs standalone (tenantvet ./...) and under
// go vet -vettool=$(which tenantvet); both modes report the same findings,
// but that standalone, where only the main modules' packages are read from
// source and every other package from export data, a wrapper declared in a
// third-party module is not seen.
//
// tenantvet migrations runs the migration checks alone, and tenantvet db
// runs them on a live database's catalog, with the drift from the
// migrations and, with -probe, a test of isolation that it rolls back.
//
// See the README for the configuration and every check.
package main
