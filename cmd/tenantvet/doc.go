// Command tenantvet reports SQL on tenant tables that is not scoped to one
// tenant. It runs standalone (tenantvet ./...) and under
// go vet -vettool=$(which tenantvet); both modes report the same findings.
//
// See the README for the configuration and every check.
package main
