package main

import (
	"cmp"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"

	"github.com/tenantvet/tenantvet/config"
	"github.com/tenantvet/tenantvet/sqlcheck"
)

const migrationsUsage = `usage: tenantvet migrations [-config file] [-json] [dir ...]

Replays the SQL migrations in each dir (by default the migrations of
.tenantvet.yaml) and checks that every tenant table enables and forces
row-level security with policies that bind the tenant column.
Exit status: 0 clean, 3 findings, 1 error.
`

// jsonFinding is one finding in -json output.
type jsonFinding struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Check   string `json:"check"`
	Message string `json:"message"`
}

// runMigrations is the migrations subcommand.
func runMigrations(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("migrations", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, migrationsUsage); fs.PrintDefaults() }
	configPath := fs.String("config", "", "config `file` (default: .tenantvet.yaml found from the working directory)")
	asJSON := fs.Bool("json", false, "print the findings as a JSON list")
	if err := fs.Parse(args); err != nil {
		return 1
	}
	cfg, err := migrationsConfig(*configPath, fs.Args())
	if err != nil {
		fmt.Fprintf(stderr, "tenantvet: %v\n", err)
		return 1
	}
	t, err := cfg.Tenancy()
	if err != nil {
		fmt.Fprintf(stderr, "tenantvet: %v\n", err)
		return 1
	}
	found := describe(t.Catalog, t.CheckMigrations())
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "\t")
		if err := enc.Encode(found); err != nil {
			fmt.Fprintf(stderr, "tenantvet: %v\n", err)
			return 1
		}
	} else {
		for _, f := range found {
			fmt.Fprintf(stdout, "%s:%d:%d: %s: %s\n", f.File, f.Line, f.Column, f.Check, f.Message)
		}
	}
	if len(found) > 0 {
		return 3
	}
	return 0
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
	return cfg, nil
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
		out = append(out, jsonFinding{File: file, Line: line, Column: col, Check: f.ID, Message: f.Message})
	}
	slices.SortFunc(out, func(a, b jsonFinding) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column), cmp.Compare(a.Check, b.Check))
	})
	return out
}
