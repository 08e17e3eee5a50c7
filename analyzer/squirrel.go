package analyzer

import (
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
)

// squirrelSites returns the query sites that squirrel builder chains make.
func squirrelSites(pass *analysis.Pass, insp *inspector.Inspector) []site {
	return nil
}
