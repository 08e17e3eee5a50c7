package gclplugin

import (
	"fmt"
	"maps"
	"os"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"

	"github.com/tenantvet/tenantvet/analyzer"
	"github.com/tenantvet/tenantvet/config"
)

// Name is the linter's name in .golangci.yml and in //nolint directives.
const Name = "tenantvet"

func init() {
	register.Plugin(Name, New)
}

// Plugin is the tenantvet linter as golangci-lint loads it.
type Plugin struct {
	// cfg is nil when .golangci.yml gives no settings: each package then
	// uses the .tenantvet.yaml found from its directory.
	cfg *config.Config
}

var _ register.LinterPlugin = (*Plugin)(nil)

// New builds the plugin from the settings under
// linters.settings.custom.tenantvet.settings in .golangci.yml.
func New(settings any) (register.LinterPlugin, error) {
	if isEmpty(settings) {
		return &Plugin{}, nil
	}
	cfg, err := register.DecodeSettings[config.Config](normalize(settings))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", settingsKey, err)
	}
	wd, err := os.Getwd()
	if err != nil {
		return nil, err
	}
	cfg.Dir = config.ModuleRoot(wd)
	// Validate's own message for this case points at .tenantvet.yaml and
	// flags, neither of which applies here.
	if len(cfg.Tables) == 0 && len(cfg.Migrations) == 0 && !cfg.AllowNoTenantTables {
		return nil, fmt.Errorf("%s: no tenant tables: add `migrations: [dir]` or `tables: [name, …]`", settingsKey)
	}
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("%s: %w", settingsKey, err)
	}
	return &Plugin{cfg: &cfg}, nil
}

// settingsKey is where the settings are in .golangci.yml, for errors.
const settingsKey = "linters.settings.custom." + Name + ".settings"

// BuildAnalyzers returns tenantvet's analyzer, which reports the migration
// checks at the //go:embed line, since golangci-lint drops diagnostics in
// .sql files.
func (p *Plugin) BuildAnalyzers() ([]*analysis.Analyzer, error) {
	return []*analysis.Analyzer{analyzer.New(p.cfg, analyzer.MigrationsAtEmbed())}, nil
}

// GetLoadMode asks for type information: tenantvet resolves the calls that
// send SQL through their types.
func (*Plugin) GetLoadMode() string { return register.LoadModeTypesInfo }

// isEmpty reports settings that golangci-lint passes when the config has
// none: nil, or an empty map.
func isEmpty(settings any) bool {
	switch s := settings.(type) {
	case nil:
		return true
	case map[string]any:
		return len(s) == 0
	case map[any]any:
		return len(s) == 0
	}
	return false
}

// normalize lets tenant_column be one name, as .tenantvet.yaml allows:
// config.Names accepts a scalar only from YAML, and the settings reach
// DecodeSettings as JSON.
func normalize(settings any) any {
	m, ok := settings.(map[string]any)
	if !ok {
		return settings
	}
	if col, ok := m["tenant_column"].(string); ok {
		m = maps.Clone(m)
		m["tenant_column"] = []string{col}
	}
	return m
}
