package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/tenantvet/tenantvet/sqlcheck"
)

// FileNames are the names under which the config is found, in order.
var FileNames = []string{".tenantvet.yaml", ".tenantvet.yml"}

// Config is the content of .tenantvet.yaml. Command-line flags mirror its
// keys.
type Config struct {
	// TenantColumn names the tenant column: one name or a list.
	TenantColumn Names `yaml:"tenant_column" json:"tenant_column"`
	// Tables are tenant tables named outright.
	Tables []string `yaml:"tables" json:"tables"`
	// Migrations are directories of SQL migrations, relative to the config
	// file.
	Migrations []string `yaml:"migrations" json:"migrations"`
	// Exempt relations are never tenant tables.
	Exempt []string `yaml:"exempt" json:"exempt"`
	// Strict reports SQL that is not a constant string (TV002).
	Strict bool `yaml:"strict" json:"strict"`
	// TenantFunctions return the session's tenant, as current_setting does;
	// policies may compare the tenant column with them.
	TenantFunctions []string `yaml:"tenant_functions" json:"tenant_functions"`
	// TenantSettings are the settings that hold the session's tenant, for
	// policies that the migrations do not show; those they show are found.
	TenantSettings []string `yaml:"tenant_settings" json:"tenant_settings"`
	// TrustRLS lets queries on a table whose row-level security is complete
	// go without a tenant predicate.
	TrustRLS bool `yaml:"trust_rls" json:"trust_rls"`
	// ORMScoped names the ORMs whose own tenant mechanism (a gorm callback
	// or plugin, a bun query hook) adds the tenant to every statement their
	// chains build: those chains are not reported for a missing tenant
	// predicate or tenant column. Raw SQL sent through them still is.
	ORMScoped []string `yaml:"orm_scoped" json:"orm_scoped"`
	// AllowNoTenantTables states that the module has no tenant tables yet.
	// Without it, a config that finds none is an error (CheckSetup).
	AllowNoTenantTables bool `yaml:"allow_no_tenant_tables" json:"allow_no_tenant_tables"`

	// Dir is the directory that relative migration paths are taken from:
	// the config file's directory.
	Dir string `yaml:"-" json:"-"`
	// Path is the file the config was read from, if any.
	Path string `yaml:"-" json:"-"`

	// lines are where Load found each key and each of its values, for
	// errors about them.
	lines map[lineKey]int
}

// lineKey is a key of the file, and one of its values or "".
type lineKey struct{ key, value string }

// Names is a list of names that YAML may also give as a single scalar.
type Names []string

// UnmarshalYAML accepts "tenant_id" as well as [tenant_id, tenantId].
func (n *Names) UnmarshalYAML(v *yaml.Node) error {
	if v.Kind == yaml.ScalarNode {
		*n = Names{v.Value}
		return nil
	}
	var list []string
	if err := v.Decode(&list); err != nil {
		return err
	}
	*n = list
	return nil
}

// ModuleRoot returns the directory that holds the go.mod governing dir, or
// dir itself when there is none.
func ModuleRoot(dir string) string {
	if abs, err := filepath.Abs(dir); err == nil {
		dir = abs
	}
	for d := dir; ; {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d
		}
		up := filepath.Dir(d)
		if up == d {
			return dir
		}
		d = up
	}
}

// Find returns the config file that governs dir: the first one found
// walking up from dir to the directory that holds go.mod. It returns "" when
// there is none.
func Find(dir string) string {
	if abs, err := filepath.Abs(dir); err == nil {
		dir = abs
	}
	for {
		for _, name := range FileNames {
			p := filepath.Join(dir, name)
			if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() {
				return p
			}
		}
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return ""
		}
		up := filepath.Dir(dir)
		if up == dir {
			return ""
		}
		dir = up
	}
}

// Load reads a config file. Unknown keys are errors, so that a misspelt key
// does not silently change what is checked. Load does not Validate: flags
// may still supply what the file leaves out.
func Load(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	c := &Config{Path: path, Dir: filepath.Dir(path)}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(c); err != nil && !errors.Is(err, io.EOF) {
		return nil, yamlError(path, err)
	}
	// yaml reads one document at a time: the keys of a second would be
	// dropped without a word.
	var next yaml.Node
	if err := dec.Decode(&next); !errors.Is(err, io.EOF) {
		if err != nil {
			return nil, yamlError(path, err)
		}
		return nil, fmt.Errorf("%s:%d: a second YAML document; %s holds one, so merge the two or remove the \"---\"", path, next.Line, filepath.Base(path))
	}
	var doc yaml.Node
	if yaml.Unmarshal(data, &doc) == nil {
		c.lines = keyLines(&doc)
	}
	return c, nil
}

// keyLines maps each key of a document, and each value of the key, to its
// line.
func keyLines(doc *yaml.Node) map[lineKey]int {
	lines := map[lineKey]int{}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) != 1 {
		return lines
	}
	m := doc.Content[0].Content
	for i := 0; i+1 < len(m); i += 2 {
		k, v := m[i], m[i+1]
		lines[lineKey{k.Value, ""}] = k.Line
		switch v.Kind {
		case yaml.ScalarNode:
			lines[lineKey{k.Value, v.Value}] = v.Line
		case yaml.SequenceNode:
			for _, item := range v.Content {
				lines[lineKey{k.Value, item.Value}] = item.Line
			}
		}
	}
	return lines
}

// where names the place of a key's value in errors: the file and line it
// came from, or the key alone when a flag or golangci-lint's settings gave
// it.
func (c *Config) where(key, value string) string {
	if line, ok := c.lines[lineKey{key, value}]; ok {
		return fmt.Sprintf("%s:%d: %s", c.Path, line, key)
	}
	if line, ok := c.lines[lineKey{key, ""}]; ok && value == "" {
		return fmt.Sprintf("%s:%d: %s", c.Path, line, key)
	}
	if c.Path != "" && value == "" {
		return c.Path + ": " + key
	}
	return key
}

var yamlLine = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)

// yamlError rewrites yaml's "yaml: line 3: msg", one line per problem, as
// "path:3: msg", the form editors and CI logs link to the file.
func yamlError(path string, err error) error {
	var lines []string
	for _, l := range strings.Split(strings.TrimPrefix(err.Error(), "yaml: unmarshal errors:"), "\n") {
		if l = strings.TrimSpace(l); l == "" {
			continue
		}
		if m := yamlLine.FindStringSubmatch(l); m != nil {
			lines = append(lines, path+":"+m[1]+": "+m[2])
		} else {
			lines = append(lines, path+": "+strings.TrimPrefix(l, "yaml: "))
		}
	}
	return errors.New(strings.Join(lines, "\n"))
}

// Validate reports a config that cannot name any tenant table, and empty
// entries, which name nothing: `migrations: [""]` would replay the config's
// own directory.
func (c *Config) Validate() error {
	if len(c.Tables) == 0 && len(c.Migrations) == 0 && !c.AllowNoTenantTables {
		msg := "no tenant tables: add `migrations: [dir]` or `tables: [name, …]` to .tenantvet.yaml, or pass -migrations or -tables"
		if c.Path != "" {
			msg = c.Path + ": " + msg
		}
		return errors.New(msg)
	}
	return c.ValidateLive()
}

// ValidateLive is Validate for a config whose tenant tables are looked for
// in a live database, which stands in for the migrations and tables.
func (c *Config) ValidateLive() error {
	var errs []string
	for key, values := range map[string][]string{
		"tenant_column": c.TenantColumn, "tables": c.Tables, "migrations": c.Migrations,
		"exempt": c.Exempt, "tenant_functions": c.TenantFunctions, "tenant_settings": c.TenantSettings,
	} {
		if slices.ContainsFunc(values, func(v string) bool { return strings.TrimSpace(v) == "" }) {
			errs = append(errs, c.where(key, "")+": an entry is empty; remove it or name what it means")
		}
	}
	// A policy can only read a custom setting, whose name has a prefix;
	// any other name is PostgreSQL's own.
	for _, s := range c.TenantSettings {
		if strings.TrimSpace(s) != "" && !strings.Contains(s, ".") {
			errs = append(errs, fmt.Sprintf("%s: %q is not a custom setting; name the one the policies read, with its prefix, such as app.current_tenant", c.where("tenant_settings", s), s))
		}
	}
	for _, lib := range c.ORMScoped {
		if !slices.Contains(ORMs, lib) {
			errs = append(errs, fmt.Sprintf("%s: %q is not an ORM tenantvet reads; name %s", c.where("orm_scoped", lib), lib, strings.Join(ORMs, ", ")))
		}
	}
	slices.Sort(errs)
	return joinErrors(errs)
}

// ORMs are the libraries that orm_scoped may name.
var ORMs = []string{"gorm", "pop", "bun"}

// joinErrors makes one error of problems, a line each, or nil.
func joinErrors(problems []string) error {
	if len(problems) == 0 {
		return nil
	}
	return errors.New(strings.Join(problems, "\n"))
}

// Columns returns the tenant columns, tenant_id when none are named.
func (c *Config) Columns() []string {
	if len(c.TenantColumn) == 0 {
		return []string{"tenant_id"}
	}
	cols := make([]string, len(c.TenantColumn))
	for i, col := range c.TenantColumn {
		cols[i] = sqlcheck.ParseQName(col).Name
	}
	return cols
}

// MigrationDirs returns the migration directories as paths usable from the
// current directory.
func (c *Config) MigrationDirs() []string {
	dirs := make([]string, len(c.Migrations))
	for i, d := range c.Migrations {
		if !filepath.IsAbs(d) {
			d = filepath.Join(c.Dir, d)
		}
		dirs[i] = d
	}
	return dirs
}

// Tenancy replays the migrations and returns the tenancy model. A migration
// that does not parse is an error that names its file and line.
func (c *Config) Tenancy() (*sqlcheck.Tenancy, error) {
	t := c.bareTenancy()
	if len(c.Migrations) > 0 {
		files, err := sqlcheck.ReadMigrations(c.MigrationDirs())
		if err != nil {
			return nil, c.dirError(err)
		}
		if t.Catalog, err = sqlcheck.LoadCatalog(files); err != nil {
			return nil, err
		}
	}
	return t, nil
}

// LiveTenancy is the tenancy model over a catalog read from a live
// database.
func (c *Config) LiveTenancy(cat *sqlcheck.Catalog) *sqlcheck.Tenancy {
	t := c.bareTenancy()
	t.Catalog = cat
	return t
}

// bareTenancy is the tenancy model without a catalog.
func (c *Config) bareTenancy() *sqlcheck.Tenancy {
	t := &sqlcheck.Tenancy{Columns: c.Columns(), Functions: c.TenantFunctions, TrustRLS: c.TrustRLS, Settings: c.TenantSettings}
	for _, name := range c.Tables {
		t.Tables = append(t.Tables, sqlcheck.ParseQName(name))
	}
	for _, name := range c.Exempt {
		t.Exempt = append(t.Exempt, sqlcheck.ParseQName(name))
	}
	return t
}

// dirError names the config entry of a migration directory that cannot
// serve.
func (c *Config) dirError(err error) error {
	var de *sqlcheck.DirError
	if !errors.As(err, &de) {
		return err
	}
	for i, d := range c.MigrationDirs() {
		if d == de.Dir {
			return fmt.Errorf("%s: %q: %w", c.where("migrations", c.Migrations[i]), c.Migrations[i], de.Err)
		}
	}
	return err
}
