package main

import (
	"os"

	"golang.org/x/tools/go/analysis/singlechecker"

	"github.com/tenantvet/tenantvet/analyzer"
)

func main() {
	raiseStartingHeap()
	if len(os.Args) == 2 && os.Args[1] == "-V=full" {
		os.Exit(printVersion(os.Stdout))
	}
	if len(os.Args) > 1 && os.Args[1] == "migrations" {
		os.Exit(runMigrations(os.Args[2:], os.Stdout, os.Stderr))
	}
	if len(os.Args) > 1 && os.Args[1] == "db" {
		os.Exit(runDB(os.Args[2:], os.Stdout, os.Stderr))
	}
	honourTags(os.Args[1:])
	if vetInvocation(os.Args[1:]) {
		singlechecker.Main(analyzer.Analyzer)
	}
	os.Exit(runDriver(os.Args[1:], os.Stdout, os.Stderr))
}
