//go:build benchnoop

package main

// bench/gcl.sh builds with -tags benchnoop, for a no-op linter beside
// tenantvet in the same binary.
import _ "github.com/tenantvet/tenantvet/bench/gclnoop"
