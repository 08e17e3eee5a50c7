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
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/tenantvet/tenantvet/config"
	"github.com/tenantvet/tenantvet/internal/oneline"
	"github.com/tenantvet/tenantvet/livedb"
	"github.com/tenantvet/tenantvet/sqlcheck"
)

const dbUsage = `usage: tenantvet db [-dsn DSN] [-config file] [-json | -format text|json|sarif] [-probe [-role ROLE] [-no-triggers]]

Reads the schema of a running PostgreSQL database from pg_catalog and runs
the migration checks (TV2xx) on it. When .tenantvet.yaml configures
migrations, it also reports where the database differs from them (TV401-
TV404, TV407). -probe also proves isolation: in one transaction that it always
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
	Findings []dbFinding          `json:"findings"`
	Probe    []livedb.TableResult `json:"probe,omitempty"`
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
	asJSON := fs.Bool("json", false, "print the findings as JSON (the same as -format=json)")
	probe := fs.Bool("probe", false, "also probe isolation, writing rows for two synthetic tenants in a transaction that is rolled back")
	role := fs.String("role", "", "the application's `role`, which the probe acts as (default: the connecting user)")
	noTriggers := fs.Bool("no-triggers", false, "probe with session_replication_role = replica (needs a superuser): triggers and foreign-key checks do not fire, so tables that have them are probed too")
	if err := fs.Parse(args); err != nil {
		return 1
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "tenantvet: db takes no arguments, not %q\n", fs.Args())
		return 1
	}
	form, err := outputForm(*format, *asJSON)
	if err != nil {
		fmt.Fprintf(stderr, "tenantvet: %v\n", err)
		return 1
	}
	if (*role != "" || *noTriggers) && !*probe {
		fmt.Fprintln(stderr, "tenantvet: -role and -no-triggers are the probe's; pass -probe too")
		return 1
	}
	cfg, err := dbConfig(*configPath)
	if err != nil {
		fmt.Fprintf(stderr, "tenantvet: %v\n", err)
		return 1
	}
	var probeOpts *livedb.ProbeOptions
	if *probe {
		probeOpts = &livedb.ProbeOptions{Role: *role, NoTriggers: *noTriggers}
	}
	report, err := checkDatabase(context.Background(), cfg, *dsn, probeOpts)
	if err != nil {
		fmt.Fprintf(stderr, "tenantvet: %v\n", err)
		return 1
	}
	if form != "json" {
		printProbe(stderr, report.Probe)
	}
	if err := printDB(stdout, form, report); err != nil {
		fmt.Fprintf(stderr, "tenantvet: %v\n", err)
		return 1
	}
	if len(report.Findings) > 0 {
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

// checkDatabase reads the database's catalog and runs the checks on it,
// and the probe if probe is not nil.
func checkDatabase(ctx context.Context, cfg *config.Config, dsn string, probe *livedb.ProbeOptions) (dbReport, error) {
	var r dbReport
	cctx, cancel := context.WithTimeout(ctx, connectTimeout)
	conn, err := livedb.Connect(cctx, dsn)
	cancel()
	if err != nil {
		return r, err
	}
	defer conn.Close(ctx)
	snap, err := livedb.Read(ctx, conn)
	if err != nil {
		return r, err
	}
	live := cfg.LiveTenancy(snap.Catalog)
	if err := cfg.CheckLiveSetup(live); err != nil {
		return r, err
	}
	for _, f := range live.CheckMigrations() {
		r.Findings = append(r.Findings, dbFinding{Object: snap.Object(f), Check: f.ID, Message: f.Message, fingerprint: f.Fingerprint})
	}
	if len(cfg.Migrations) > 0 {
		migrated, err := cfg.Tenancy()
		if err == nil {
			err = cfg.CheckSetup(migrated)
		}
		if err != nil {
			return r, err
		}
		r.Findings = append(r.Findings, objectFindings(migrated.Drift(snap.Catalog))...)
	}
	if probe != nil {
		res, err := runProbe(ctx, conn, live, *probe)
		if err != nil {
			return r, err
		}
		r.Probe = res.Tables
		r.Findings = append(r.Findings, objectFindings(res.Findings)...)
	}
	slices.SortFunc(r.Findings, func(a, b dbFinding) int {
		return cmp.Or(cmp.Compare(a.Object, b.Object), cmp.Compare(a.Check, b.Check), cmp.Compare(a.Message, b.Message))
	})
	return r, nil
}

// objectFindings are findings whose Table names their object.
func objectFindings(fs []sqlcheck.Finding) []dbFinding {
	out := make([]dbFinding, 0, len(fs))
	for _, f := range fs {
		out = append(out, dbFinding{Object: f.Table, Check: f.ID, Message: f.Message, fingerprint: f.Fingerprint})
	}
	return out
}

// runProbe probes the live tenancy's tenant tables. A probe that reached
// no verdict on any table has tested nothing, and a gate must not pass on
// it, so that is an error.
func runProbe(ctx context.Context, conn *pgx.Conn, live *sqlcheck.Tenancy, opts livedb.ProbeOptions) (*livedb.ProbeResult, error) {
	opts.Settings = live.TenantSettings()
	if len(opts.Settings) == 0 {
		return nil, fmt.Errorf("the probe cannot act as a tenant: no policy in the database reads a setting with current_setting(…); name the setting the application sets in tenant_settings")
	}
	for _, q := range live.TenantTables() {
		col, _ := live.TenantColumn(q)
		opts.Tables = append(opts.Tables, livedb.ProbeTable{Name: q, Column: col})
	}
	res, err := livedb.Probe(ctx, conn, opts)
	if err != nil {
		return nil, err
	}
	if !slices.ContainsFunc(res.Tables, func(t livedb.TableResult) bool {
		return t.Verdict == livedb.Isolated || t.Verdict == livedb.Leaking
	}) {
		var b strings.Builder
		for _, t := range res.Tables {
			fmt.Fprintf(&b, "; %s: %s: %s", t.Table, t.Verdict, t.Detail)
		}
		return nil, fmt.Errorf("the probe reached no verdict on any of the %d tenant tables%s", len(res.Tables), b.String())
	}
	return res, nil
}

// printProbe writes the probe's verdicts, a line a table and a count.
func printProbe(w io.Writer, tables []livedb.TableResult) {
	if len(tables) == 0 {
		return
	}
	counts := map[livedb.Verdict]int{}
	for _, t := range tables {
		counts[t.Verdict]++
		line := "probe: " + oneline.Escape(t.Table) + ": " + string(t.Verdict)
		if t.Detail != "" {
			line += ": " + oneline.Escape(t.Detail)
		}
		fmt.Fprintln(w, line)
	}
	var parts []string
	for _, v := range []livedb.Verdict{livedb.Isolated, livedb.Leaking, livedb.NotProbed, livedb.Inconclusive} {
		if counts[v] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", counts[v], v))
		}
	}
	fmt.Fprintf(w, "probe: %d tenant tables: %s\n", len(tables), strings.Join(parts, ", "))
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
