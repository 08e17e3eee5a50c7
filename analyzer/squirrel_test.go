package analyzer

import (
	"go/ast"
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/tenantvet/tenantvet/config"
)

// TestSquirrelSQL checks the SQL rebuilt from the chains of squirrel and
// the other builder libraries: the test analyzer reports each chain's text,
// or that it is unknown.
func TestSquirrelSQL(t *testing.T) {
	a := &analysis.Analyzer{
		Name:      "squirrelsql",
		Doc:       "reports the SQL of squirrel chains",
		Requires:  []*analysis.Analyzer{inspect.Analyzer},
		FactTypes: []analysis.Fact{new(chainResult), new(constResult)},
		Run: func(pass *analysis.Pass) (any, error) {
			insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
			exportConstResults(pass, funcDecls(insp)) // for models' TableName
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
	analysistest.Run(t, squirrelTestdata(t), a, "squirrelchains/render", "ormrender/pop")
}

func funcDecls(insp *inspector.Inspector) []*ast.FuncDecl {
	var decls []*ast.FuncDecl
	for n := range insp.PreorderSeq((*ast.FuncDecl)(nil)) {
		if d := n.(*ast.FuncDecl); d.Body != nil {
			decls = append(decls, d)
		}
	}
	return decls
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
