package analyzer_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/tenantvet/tenantvet/analyzer"
	"github.com/tenantvet/tenantvet/config"
)

// testdata is the module's testdata directory, which the design card puts
// at the root.
var testdata, _ = filepath.Abs(filepath.Join("..", "testdata"))

func shopConfig() *config.Config {
	return &config.Config{
		TenantColumn: config.Names{"tenant_id", "tenantId"},
		Migrations:   []string{"migrations/shop"},
		Dir:          testdata,
	}
}

func TestAnalyzer(t *testing.T) {
	analysistest.Run(t, testdata, analyzer.New(shopConfig()), "basic", "pgxuse", "sqlxuse", "sqlcgen", "shapes", "ignore", "squirrelchains", "dbutil", "wrapcaller", "models", "dynamic")
}

func TestStrict(t *testing.T) {
	cfg := shopConfig()
	cfg.Strict = true
	analysistest.Run(t, testdata, analyzer.New(cfg), "strict")
}
