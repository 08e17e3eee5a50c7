package analyzer

import (
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
)

// TestChainSQL checks the SQL rebuilt from builder chains (squirrel's and
// the ORMs').
func TestChainSQL(t *testing.T) {
	analysistest.Run(t, squirrelTestdata(t), chainSQL(), "squirrelchains/render", "ormrender/...")
}

// chainSQL is a test analyzer that reports each chain's text, or that it
// is unknown.
func chainSQL() *analysis.Analyzer {
	return &analysis.Analyzer{
		Name:      "chainsql",
		Doc:       "reports the SQL of builder chains",
		Requires:  []*analysis.Analyzer{inspect.Analyzer},
		FactTypes: []analysis.Fact{new(chainResult), new(constResult)},
		Run: func(pass *analysis.Pass) (any, error) {
			insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
			gatherWrappers(pass, insp) // for the TableName facts
			for _, st := range chainSites(pass, insp) {
				msg := "unknown"
				if st.known {
					msg = "sql: " + st.sql
				}
				pass.Reportf(st.call.Pos(), "%s", msg)
			}
			return nil, nil
		},
	}
}
