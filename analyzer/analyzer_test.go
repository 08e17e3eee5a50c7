package analyzer_test

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
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
	analysistest.Run(t, testdata, analyzer.New(shopConfig()), "basic", "pgxuse", "sqlxuse", "sqlcgen", "shapes", "ignore", "squirrelchains", "squirrelchains/base", "squirrelchains/basecaller", "dbutil", "wrapcaller", "models", "dynamic", "dialects/...", "ormchains/...")
}

// TestPopKratos checks the persistence idioms of ory/kratos, on ory's fork
// of pop, with kratos's tenant column, the network id.
func TestPopKratos(t *testing.T) {
	cfg := &config.Config{TenantColumn: config.Names{"nid"}, Migrations: []string{"migrations/kratos"}, Dir: testdata}
	analysistest.Run(t, testdata, analyzer.New(cfg), "popkratos/...")
}

func TestStrict(t *testing.T) {
	cfg := shopConfig()
	cfg.Strict = true
	analysistest.Run(t, testdata, analyzer.New(cfg), "strict")
}

// TestORMScoped checks that orm_scoped trusts the chains of the ORMs it
// names, and only them.
func TestORMScoped(t *testing.T) {
	cfg := shopConfig()
	cfg.ORMScoped = []string{"gorm", "bun"}
	analysistest.Run(t, testdata, analyzer.New(cfg), "ormtrusted")
}

// recorder collects what analysistest would report as test errors, for
// tests that inspect diagnostics themselves.
type recorder struct{ errors []string }

func (r *recorder) Errorf(format string, args ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}

// TestMigrationsAtEmbed checks the golangci-lint mode: migration findings
// land on the //go:embed line of the package that embeds the files, with
// the .sql position in the message.
func TestMigrationsAtEmbed(t *testing.T) {
	cfg := &config.Config{TenantColumn: config.Names{"tenant_id"}, Migrations: []string{"src/embedded/migrations"}, Dir: testdata}
	for _, atEmbed := range []bool{false, true} {
		var opts []analyzer.Option
		if atEmbed {
			opts = append(opts, analyzer.MigrationsAtEmbed())
		}
		results := analysistest.Run(&recorder{}, testdata, analyzer.New(cfg, opts...), "embedded")
		var got []string
		for _, r := range results {
			for _, d := range r.Diagnostics {
				p := r.Pass.Fset.Position(d.Pos)
				words := strings.Fields(d.Message)
				got = append(got, fmt.Sprintf("%s:%d: %s", filepath.Base(p.Filename), p.Line, strings.Join(words[:3], " ")))
			}
		}
		want := []string{
			"001_init.sql:1: TV201: tenant table",
			"001_init.sql:1: TV202: tenant table",
		}
		if atEmbed {
			want = []string{
				"embedded.go:6: TV201: migrations/001_init.sql:1:1: tenant",
				"embedded.go:6: TV202: migrations/001_init.sql:1:1: tenant",
			}
		}
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("atEmbed %v:\ngot  %q\nwant %q", atEmbed, got, want)
		}
	}
}

func tenantContextConfig() *config.Config {
	return &config.Config{TenantColumn: config.Names{"tenant_id"}, Migrations: []string{"migrations/tenantctx"}, Dir: testdata}
}

// TestTenantContext checks how code sets the tenant that the policies read
// (TV301-TV304), on every kind of handle.
func TestTenantContext(t *testing.T) {
	analysistest.Run(t, testdata, analyzer.New(tenantContextConfig()), "tenantctx")
}

// TestTrustWithoutTenant checks TV305: under trust_rls, a query relies on a
// transaction that was given the tenant.
func TestTrustWithoutTenant(t *testing.T) {
	cfg := tenantContextConfig()
	cfg.TrustRLS = true
	analysistest.Run(t, testdata, analyzer.New(cfg), "tenantctx/trust")
}

// TestTenantSettingsConfig checks the tenant-context checks with the
// setting named in the config and no migrations.
func TestTenantSettingsConfig(t *testing.T) {
	cfg := &config.Config{TenantColumn: config.Names{"tenant_id"}, Tables: []string{"orders"}, TenantSettings: []string{"app.current_tenant"}, Dir: testdata}
	analysistest.Run(t, testdata, analyzer.New(cfg), "tenantctx/configured")
}
