// Command noop is the floor of tenantvet's end-to-end benchmark
// (bench/run.sh): an analyzer that does nothing, run by the same driver
// (singlechecker, and unitchecker under go vet) from the same x/tools
// version, so that what it costs is what any analyzer costs before it looks
// at a line of code.
//
// Built with -ldflags=-X=main.facts=false it declares no fact type: the
// floor, what any analyzer that needs no facts costs, against which
// tenantvet's standalone run is measured. singlechecker loads such an
// analyzer's dependencies from export data, and tenantvet, whose facts
// matter only in the user's own modules, loads them so too.
//
// By default it declares a fact type, though it never exports one: the
// facts floor. Under go vet a fact type makes the go command run the tool
// on every dependency to collect facts (VetxOnly runs), not only on the
// named packages, a cost that tenantvet cannot avoid there; standalone,
// singlechecker then loads every dependency from source.
package main

import (
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/analysis/singlechecker"
)

// facts is "false" to build the floor without a fact type.
var facts = "true"

// noFact is declared, never exported.
type noFact struct{ Unused bool }

func (*noFact) AFact() {}

func (*noFact) String() string { return "noFact" }

func main() {
	a := &analysis.Analyzer{
		Name: "noop",
		Doc:  "noop reports nothing; it is the floor of tenantvet's benchmark",
		// tenantvet requires the inspector too, so the floor builds it.
		Requires: []*analysis.Analyzer{inspect.Analyzer},
		Run:      func(*analysis.Pass) (any, error) { return nil, nil },
	}
	if facts != "false" {
		a.FactTypes = []analysis.Fact{new(noFact)}
	}
	singlechecker.Main(a)
}
