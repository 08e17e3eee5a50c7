package main

import (
	"cmp"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"

	"github.com/tenantvet/tenantvet/config"
	"github.com/tenantvet/tenantvet/internal/oneline"
	"github.com/tenantvet/tenantvet/sqlcheck"
)

const migrationsUsage = `usage: tenantvet migrations [-config file] [-json | -format=sarif] [dir ...]

Replays the SQL migrations in each dir (by default the migrations of
.tenantvet.yaml) and checks that every tenant table enables and forces
row-level security with policies that bind the tenant column.
-format=sarif prints SARIF 2.1.0, with paths relative to the module root.
Exit status: 0 clean, 3 findings, 1 error, in every output form.
`

// jsonFinding is one finding in -json output.
type jsonFinding struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Check   string `json:"check"`
	Message string `json:"message"`

	table, fingerprint string // for SARIF's partial fingerprints
}

// runMigrations is the migrations subcommand.
func runMigrations(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("migrations", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, migrationsUsage); fs.PrintDefaults() }
	configPath := fs.String("config", "", "config `file` (default: .tenantvet.yaml found from the working directory)")
	asJSON := fs.Bool("json", false, "print the findings as a JSON list (the same as -format=json)")
	format := fs.String("format", "text", "output `form`: text, json or sarif")
	if err := fs.Parse(args); err != nil {
		return 1
	}
	form, err := outputForm(*format, *asJSON)
	if err != nil {
		fmt.Fprintf(stderr, "tenantvet: %v\n", err)
		return 1
	}
	cfg, err := migrationsConfig(*configPath, fs.Args())
	if err != nil {
		fmt.Fprintf(stderr, "tenantvet: %v\n", err)
		return 1
	}
	t, err := cfg.Tenancy()
	if err == nil {
		err = cfg.CheckSetup(t)
	}
	if err != nil {
		fmt.Fprintf(stderr, "tenantvet: %v\n", err)
		return 1
	}
	found := describe(t.Catalog, t.CheckMigrations())
	switch form {
	case "sarif":
		if err := writeSARIF(stdout, moduleRoot(), sarifFindings(found)); err != nil {
			fmt.Fprintf(stderr, "tenantvet: %v\n", err)
			return 1
		}
	case "json":
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "\t")
		if err := enc.Encode(found); err != nil {
			fmt.Fprintf(stderr, "tenantvet: %v\n", err)
			return 1
		}
	default:
		for _, f := range found {
			fmt.Fprintf(stdout, "%s:%d:%d: %s: %s\n", oneline.Escape(f.File), f.Line, f.Column, f.Check, oneline.Escape(f.Message))
		}
	}
	if len(found) > 0 {
		return 3
	}
	return 0
}

// outputForm is the output form that -format and -json ask for together,
// for the subcommands that take both.
func outputForm(format string, asJSON bool) (string, error) {
	switch {
	case format != "text" && format != "json" && format != "sarif":
		return "", fmt.Errorf("-format must be text, json or sarif, not %q", format)
	case asJSON && format == "sarif":
		return "", errors.New("-json and -format=sarif do not combine")
	case asJSON:
		return "json", nil
	}
	return format, nil
}

// migrationsConfig loads the config and lets directory arguments, taken
// from the working directory, replace its migrations.
func migrationsConfig(path string, dirs []string) (*config.Config, error) {
	wd, err := os.Getwd()
	if err != nil {
		return nil, err
	}
	if path == "" {
		path = config.Find(wd)
	}
	cfg := &config.Config{}
	if path != "" {
		if cfg, err = config.Load(path); err != nil {
			return nil, err
		}
	}
	if len(dirs) > 0 {
		cfg.Migrations, cfg.Dir = dirs, wd
	}
	if len(cfg.Migrations) == 0 {
		return nil, fmt.Errorf("no migration directories: pass them as arguments or add `migrations: [dir]` to .tenantvet.yaml")
	}
	return cfg, cfg.Validate()
}

// moduleRoot is the root of the module that holds the working directory,
// or the working directory outside any module.
func moduleRoot() string {
	wd, _ := os.Getwd()
	return config.ModuleRoot(wd)
}

// sarifFindings turns printable findings back into absolute paths.
func sarifFindings(found []jsonFinding) []outFinding {
	wd, _ := os.Getwd()
	out := make([]outFinding, 0, len(found))
	for _, f := range found {
		file := f.File
		if !filepath.IsAbs(file) {
			file = filepath.Join(wd, file)
		}
		out = append(out, outFinding{File: file, Line: f.Line, Column: f.Column, Check: f.Check, Message: f.Message, Table: f.table, Fingerprint: f.fingerprint})
	}
	return out
}

// describe turns findings into sorted, printable ones with lines and
// columns, and paths relative to the working directory when shorter.
func describe(c *sqlcheck.Catalog, fs []sqlcheck.Finding) []jsonFinding {
	wd, _ := os.Getwd()
	out := make([]jsonFinding, 0, len(fs))
	for _, f := range fs {
		line, col := sqlcheck.LineCol(c.Source(f.File), f.Pos)
		file := f.File
		if rel, err := filepath.Rel(wd, file); err == nil && len(rel) < len(file) {
			file = rel
		}
		out = append(out, jsonFinding{File: file, Line: line, Column: col, Check: f.ID, Message: f.Message, table: f.Table, fingerprint: f.Fingerprint})
	}
	slices.SortFunc(out, func(a, b jsonFinding) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column), cmp.Compare(a.Check, b.Check))
	})
	return out
}
