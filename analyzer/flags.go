package analyzer

import (
	"flag"
	"path/filepath"
	"strings"

	"github.com/tenantvet/tenantvet/config"
)

// flagValues mirror the keys of .tenantvet.yaml.
type flagValues struct {
	config, columns, tables, migrations, exempt, baseline string
	strict                                                bool
}

func (f *flagValues) register(fs *flag.FlagSet) {
	fs.StringVar(&f.config, "config", "", "config `file`, relative to the module root (default: .tenantvet.yaml found from each package's directory)")
	fs.StringVar(&f.columns, "tenant-column", "", "comma-separated tenant column `names` (default tenant_id)")
	fs.StringVar(&f.tables, "tables", "", "comma-separated tenant `tables`, in addition to those found in migrations")
	fs.StringVar(&f.migrations, "migrations", "", "comma-separated migration `directories`, relative to the module root")
	fs.StringVar(&f.exempt, "exempt", "", "comma-separated `tables` that are never tenant tables")
	fs.BoolVar(&f.strict, "strict", false, "report SQL that is not a constant string (TV002)")
	fs.StringVar(&f.baseline, "baseline", "", "report only findings that are not in this baseline `file`, relative to the module root")
}

// overlay returns c with the keys that flags set replaced. Relative paths
// in flags are taken from the module root: under go vet the tool runs in
// each package's directory, so the working directory means nothing stable.
func (f *flagValues) overlay(c config.Config, root string) config.Config {
	if f.columns != "" {
		c.TenantColumn = split(f.columns)
	}
	if f.tables != "" {
		c.Tables = split(f.tables)
	}
	if f.migrations != "" {
		c.Migrations, c.Dir = split(f.migrations), root
	}
	if f.exempt != "" {
		c.Exempt = split(f.exempt)
	}
	c.Strict = c.Strict || f.strict
	return c
}

func split(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// configPath returns the -config flag as a path, or "".
func (f *flagValues) configPath(root string) string {
	if f.config == "" || filepath.IsAbs(f.config) {
		return f.config
	}
	return filepath.Join(root, f.config)
}
