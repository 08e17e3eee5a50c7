package analyzer

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/tenantvet/tenantvet/config"
)

// TestChainSQL checks the SQL rebuilt from builder chains (squirrel's,
// bun's): the test analyzer reports each chain's text, or that it is
// unknown.
func TestChainSQL(t *testing.T) {
	a := &analysis.Analyzer{
		Name:      "chainsql",
		Doc:       "reports the SQL of builder chains",
		Requires:  []*analysis.Analyzer{inspect.Analyzer},
		FactTypes: []analysis.Fact{new(chainResult)},
		Run: func(pass *analysis.Pass) (any, error) {
			insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
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
	analysistest.Run(t, squirrelTestdata(t), a, "squirrelchains/render", "bunchains/render")
}

// TestSquirrelStrict checks that -strict reports the chains that are not
// followed.
func TestSquirrelStrict(t *testing.T) {
	dir := squirrelTestdata(t)
	cfg := &config.Config{
		TenantColumn: config.Names{"tenant_id", "tenantId"},
		Migrations:   []string{"migrations/shop"},
		Dir:          dir,
		Strict:       true,
	}
	analysistest.Run(t, dir, New(cfg), "squirrelchains/strict")
}

func squirrelTestdata(t *testing.T) string {
	dir, err := filepath.Abs(filepath.Join("..", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	return dir
}
