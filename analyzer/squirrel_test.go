package analyzer

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/tenantvet/tenantvet/config"
)

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
