// Command custom-gcl is golangci-lint with tenantvet compiled in: what
// `golangci-lint custom` builds from a .custom-gcl.yml that lists
// github.com/tenantvet/tenantvet/gclplugin. It is made here without cloning
// golangci-lint, so that gclplugin's test needs only the module proxy.
package main

import (
	"fmt"
	"os"
	"runtime/debug"

	"github.com/golangci/golangci-lint/v2/pkg/commands"
	"github.com/golangci/golangci-lint/v2/pkg/exitcodes"

	_ "github.com/tenantvet/tenantvet/gclplugin"
)

func main() {
	// As in golangci-lint's cmd/golangci-lint. The version of a local build
	// is "(devel)", which makes golangci-lint salt its cache with a hash of
	// this binary, so a rebuilt tenantvet does not reuse stale results.
	info := commands.BuildInfo{Version: "(devel)", Commit: "?", Date: "(unknown)", GoVersion: "unknown"}
	if bi, ok := debug.ReadBuildInfo(); ok {
		info.Version, info.GoVersion = bi.Main.Version, bi.GoVersion
	}
	if err := commands.Execute(info); err != nil {
		_, _ = fmt.Fprintf(os.Stderr, "The command is terminated due to an error: %v\n", err)
		os.Exit(exitcodes.Failure)
	}
}
