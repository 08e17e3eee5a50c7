// Command noop is the floor of tenantvet's end-to-end benchmark
// (bench/run.sh): an analyzer that does nothing, run by the same driver
// (singlechecker, and unitchecker under go vet) from the same x/tools
// version, so that what it costs is what any analyzer costs before it looks
// at a line of code.
//
// By default it declares a fact type, as tenantvet does, though it never
// exports a fact. That is what makes the floor fair: an analyzer with facts
// makes the standalone driver load and type-check every dependency,
// the standard library included, from source instead of from export data,
// and makes go vet run the tool on every dependency to collect facts
// (VetxOnly runs), not only on the named packages. Without a fact type the
// floor would leave out that loading cost, which tenantvet cannot avoid
// and which is not its own work.
//
// Built with -ldflags=-X=main.facts=false it declares no fact type: the
// lower floor that bench/run.sh also reports, for transparency.
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
