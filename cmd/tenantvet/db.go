package main

import (
	"cmp"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"time"

	"github.com/tenantvet/tenantvet/config"
	"github.com/tenantvet/tenantvet/internal/oneline"
	"github.com/tenantvet/tenantvet/livedb"
)

const dbUsage = `usage: tenantvet db [-dsn DSN] [-config file] [-format text|json|sarif] [-probe [-role ROLE]]

Reads the schema of a running PostgreSQL database from pg_catalog and runs
the migration checks (TV2xx) on it. When .tenantvet.yaml configures
migrations, it also reports where the database differs from them (TV401-
TV404). -probe also proves isolation: in one transaction that it always
rolls back, it gives two synthetic tenants a row in every tenant table and
tries, as the first, to read and write the second's (TV405, TV406).

It connects to -dsn, or else to DATABASE_URL, or else to what the libpq
variables (PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD, ...) name. The
session is read-only; only -probe writes, and it never commits.
Exit status: 0 clean, 3 findings, 1 error, in every output form.
`

// dbFinding is one finding of the db subcommand: about a database object,
// since there is no file.
type dbFinding struct {
	Object  string `json:"object"`
	Check   string `json:"check"`
	Message string `json:"message"`

	fingerprint string
}

// dbReport is the db subcommand's -format=json output.
type dbReport struct {
	Findings []dbFinding `json:"findings"`
}

// connectTimeout bounds the connection, which would otherwise wait as long
// as the network does.
const connectTimeout = 30 * time.Second

// runDB is the db subcommand.
func runDB(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("db", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, dbUsage); fs.PrintDefaults() }
	dsn := fs.String("dsn", "", "connection `string`, a URL or key=value pairs (default: DATABASE_URL, else the PG* variables)")
	configPath := fs.String("config", "", "config `file` (default: .tenantvet.yaml found from the working directory)")
	format := fs.String("format", "text", "output `form`: text, json or sarif")
	if err := fs.Parse(args); err != nil {
		return 1
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "tenantvet: db takes no arguments, not %q\n", fs.Args())
		return 1
	}
	if *format != "text" && *format != "json" && *format != "sarif" {
		fmt.Fprintf(stderr, "tenantvet: -format must be text, json or sarif, not %q\n", *format)
		return 1
	}
	cfg, err := dbConfig(*configPath)
	if err != nil {
		fmt.Fprintf(stderr, "tenantvet: %v\n", err)
		return 1
	}
	found, err := checkDatabase(context.Background(), cfg, *dsn)
	if err != nil {
		fmt.Fprintf(stderr, "tenantvet: %v\n", err)
		return 1
	}
	if err := printDB(stdout, *format, dbReport{Findings: found}); err != nil {
		fmt.Fprintf(stderr, "tenantvet: %v\n", err)
		return 1
	}
	if len(found) > 0 {
		return 3
	}
	return 0
}

// dbConfig loads the config if there is one; without one, the defaults
// (tenant_column: tenant_id) apply and there are no migrations to compare.
func dbConfig(path string) (*config.Config, error) {
	if path == "" {
		wd, err := os.Getwd()
		if err != nil {
			return nil, err
		}
		path = config.Find(wd)
	}
	if path == "" {
		return &config.Config{}, nil
	}
	cfg, err := config.Load(path)
	if err != nil {
		return nil, err
	}
	return cfg, cfg.ValidateLive()
}

// checkDatabase reads the database's catalog and runs the checks on it.
func checkDatabase(ctx context.Context, cfg *config.Config, dsn string) ([]dbFinding, error) {
	cctx, cancel := context.WithTimeout(ctx, connectTimeout)
	conn, err := livedb.Connect(cctx, dsn)
	cancel()
	if err != nil {
		return nil, err
	}
	defer conn.Close(ctx)
	snap, err := livedb.Read(ctx, conn)
	if err != nil {
		return nil, err
	}
	live := cfg.LiveTenancy(snap.Catalog)
	if err := cfg.CheckLiveSetup(live); err != nil {
		return nil, err
	}
	var found []dbFinding
	for _, f := range live.CheckMigrations() {
		found = append(found, dbFinding{Object: snap.Object(f), Check: f.ID, Message: f.Message, fingerprint: f.Fingerprint})
	}
	slices.SortFunc(found, func(a, b dbFinding) int {
		return cmp.Or(cmp.Compare(a.Object, b.Object), cmp.Compare(a.Check, b.Check), cmp.Compare(a.Message, b.Message))
	})
	return found, nil
}

// printDB writes the report in the form asked for.
func printDB(w io.Writer, format string, r dbReport) error {
	switch format {
	case "sarif":
		out := make([]outFinding, 0, len(r.Findings))
		for _, f := range r.Findings {
			out = append(out, outFinding{Object: f.Object, Check: f.Check, Message: f.Message, Table: f.Object, Fingerprint: f.fingerprint})
		}
		return writeSARIF(w, moduleRoot(), out)
	case "json":
		if r.Findings == nil {
			r.Findings = []dbFinding{}
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "\t")
		return enc.Encode(r)
	}
	for _, f := range r.Findings {
		fmt.Fprintf(w, "%s: %s: %s\n", oneline.Escape(f.Object), f.Check, oneline.Escape(f.Message))
	}
	return nil
}
