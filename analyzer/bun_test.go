package analyzer_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/tenantvet/tenantvet/analyzer"
	"github.com/tenantvet/tenantvet/config"
)

// TestBunAdvisory checks the bun queries of SigNoz's advisory
// GHSA-h37r-3qfp-73w6, whose tenant column is org_id.
func TestBunAdvisory(t *testing.T) {
	cfg := &config.Config{
		TenantColumn: config.Names{"org_id"},
		Migrations:   []string{"migrations/orgs"},
		Dir:          testdata,
	}
	analysistest.Run(t, testdata, analyzer.New(cfg), "bunchains/advisory")
}

// TestBunStrict checks that -strict reports the bun chains that are not
// followed.
func TestBunStrict(t *testing.T) {
	cfg := shopConfig()
	cfg.Strict = true
	analysistest.Run(t, testdata, analyzer.New(cfg), "bunchains/strict")
}
