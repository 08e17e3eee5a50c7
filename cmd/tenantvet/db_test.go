package main_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/tenantvet/tenantvet/internal/pgtest"
)

// dbReport is the part of `tenantvet db -format=json` that the tests read.
type dbReport struct {
	Findings []struct {
		Object, Check, Message string
	} `json:"findings"`
	Probe []struct {
		Table, Verdict, Detail string
	} `json:"probe"`
}

// applyShop applies the Up halves of the example shop's goose migrations
// to db, as goose would, and returns a copy of the shop module.
func applyShop(t *testing.T, srv *pgtest.Server, db string) string {
	t.Helper()
	shop := copyTree(t, filepath.Join("..", "..", "examples", "shop"))
	files, err := filepath.Glob(filepath.Join(shop, "db", "migrations", "*.sql"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no shop migrations: %v", err)
	}
	slices.Sort(files)
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		up, _, _ := strings.Cut(string(src), "-- +goose Down")
		srv.Exec(t, db, up)
	}
	return shop
}

// runEnv runs the command in dir with env in place of the connection
// variables that the test's own environment may hold.
func runEnv(t *testing.T, dir string, env []string, name string, args ...string) (stdout []byte, stderr string, code int) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "PG") && !strings.HasPrefix(kv, "DATABASE_URL=") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(cmd.Env, env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	code = exitCode(cmd.Run())
	if code < 0 {
		t.Fatalf("%s did not run", name)
	}
	t.Logf("%s %s: exit %d\nstderr:\n%s", name, strings.Join(args, " "), code, errb.String())
	return out.Bytes(), errb.String(), code
}

var dbLine = regexp.MustCompile(`^(.+?): (TV\d{3}): \S`)

// checks lists the "object: ID" of each text finding, and fails on a line
// of any other form.
func checks(t *testing.T, out []byte) []string {
	t.Helper()
	var found []string
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		if line == "" {
			continue
		}
		m := dbLine.FindStringSubmatch(line)
		if m == nil {
			t.Fatalf("line %q is not object: ID: message", line)
		}
		found = append(found, m[1]+": "+m[2])
	}
	slices.Sort(found)
	return found
}

// TestDBCatalog checks that the db command, on a database built by the
// shop's migrations, finds what the migrations command finds in them,
// names each finding's object, and says so in every output form.
func TestDBCatalog(t *testing.T) {
	srv := pgtest.Start(t)
	bin := tenantvet(t)
	db := srv.CreateDB(t)
	shop := applyShop(t, srv, db)
	dsn := srv.DSN(db)

	out, _, code := runEnv(t, shop, nil, bin, "db", "-dsn", dsn)
	if code != 3 {
		t.Fatalf("exit %d, want 3", code)
	}
	want := []string{"public.invoices: TV202", "public.orders: TV205"}
	if got := checks(t, out); !slices.Equal(got, want) {
		t.Errorf("findings %q, want %q", got, want)
	}

	// The same checks as the replay of the same migrations: only the
	// positions differ.
	mig, _, _ := runEnv(t, shop, nil, bin, "migrations", "-json")
	var replayed []struct{ Check string }
	if err := json.Unmarshal(mig, &replayed); err != nil {
		t.Fatal(err)
	}
	var replayIDs, liveIDs []string
	for _, f := range replayed {
		replayIDs = append(replayIDs, f.Check)
	}
	js, _, code := runEnv(t, shop, nil, bin, "db", "-dsn", dsn, "-format", "json")
	var rep dbReport
	if err := json.Unmarshal(js, &rep); err != nil || code != 3 {
		t.Fatalf("exit %d, %v:\n%s", code, err, js)
	}
	for _, f := range rep.Findings {
		liveIDs = append(liveIDs, f.Check)
	}
	slices.Sort(replayIDs)
	slices.Sort(liveIDs)
	if !slices.Equal(liveIDs, replayIDs) {
		t.Errorf("live checks %q, replayed %q", liveIDs, replayIDs)
	}

	sarif, _, code := runEnv(t, shop, nil, bin, "db", "-dsn", dsn, "-format", "sarif")
	if code != 3 {
		t.Fatalf("sarif: exit %d, want 3", code)
	}
	validSARIF(t, sarifSchema(t), sarif)
	var log struct {
		Runs []struct {
			Results []struct {
				RuleID    string `json:"ruleId"`
				Locations []struct {
					LogicalLocations []struct{ FullyQualifiedName, Kind string } `json:"logicalLocations"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(sarif, &log); err != nil {
		t.Fatal(err)
	}
	var named []string
	for _, r := range log.Runs[0].Results {
		l := r.Locations[0].LogicalLocations[0]
		named = append(named, strings.TrimSpace(l.Kind+" "+l.FullyQualifiedName)+": "+r.RuleID)
	}
	slices.Sort(named)
	if !slices.Equal(named, want) {
		t.Errorf("SARIF locations %q, want %q", named, want)
	}
}

// TestDBClean checks that a database without mistakes passes, in every
// form, and that the connection comes from the environment too.
func TestDBClean(t *testing.T) {
	srv := pgtest.Start(t)
	bin := tenantvet(t)
	db := srv.CreateDB(t)
	srv.Exec(t, db, `CREATE TABLE notes (tenant_id uuid NOT NULL, id bigint, PRIMARY KEY (tenant_id, id));
		ALTER TABLE notes ENABLE ROW LEVEL SECURITY;
		ALTER TABLE notes FORCE ROW LEVEL SECURITY;
		CREATE POLICY tenant ON notes USING (tenant_id = current_setting('app.tenant_id')::uuid);`)
	dir := t.TempDir()
	host, port := dsnField(t, srv.DSN(db), "host"), dsnField(t, srv.DSN(db), "port")
	for _, tc := range []struct {
		name string
		env  []string
		args []string
	}{
		{"dsn", nil, []string{"-dsn", srv.DSN(db)}},
		{"DATABASE_URL", []string{"DATABASE_URL=" + srv.DSN(db)}, nil},
		{"PG variables", []string{"PGHOST=" + host, "PGPORT=" + port, "PGUSER=postgres", "PGDATABASE=" + db}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, _, code := runEnv(t, dir, tc.env, bin, append([]string{"db"}, tc.args...)...)
			if code != 0 || len(out) > 0 {
				t.Errorf("exit %d, output %q; want 0 and none", code, out)
			}
		})
	}
	for _, flag := range []string{"-format=json", "-json"} {
		js, _, code := runEnv(t, dir, nil, bin, "db", "-dsn", srv.DSN(db), flag)
		if code != 0 || strings.TrimSpace(string(js)) != "{\n\t\"findings\": []\n}" {
			t.Errorf("%s: exit %d, %s", flag, code, js)
		}
	}
}

// dsnField reads one key=value field of a connection string.
func dsnField(t *testing.T, dsn, key string) string {
	t.Helper()
	m := regexp.MustCompile(`\b` + key + `='?([^' ]*)`).FindStringSubmatch(dsn)
	if m == nil {
		t.Fatalf("no %s in %q", key, dsn)
	}
	return m[1]
}

// TestDBErrors checks that what cannot be checked fails with status 1 and
// one line that says why, without the password.
func TestDBErrors(t *testing.T) {
	srv := pgtest.Start(t)
	bin := tenantvet(t)
	db := srv.CreateDB(t)
	srv.Exec(t, db, `CREATE TABLE notes (tenant_id uuid NOT NULL, id bigint PRIMARY KEY);`)
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, ".tenantvet.yaml"), "tenant_column: tenantid\n")
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"no tenant table", []string{"-dsn", srv.DSN(db)}, `no tenant tables: of the 1 table that the database has, none has a column "tenantid" (did you mean tenant_id, on 1 table?)`},
		{"refused", []string{"-dsn", "postgres://app:hunter2@127.0.0.1:1/app"}, "failed to connect to `user=app database=app`: 127.0.0.1:1"},
		{"unparsable", []string{"-dsn", "postgres://app:hunter 2@[x/app"}, "cannot parse the connection string"},
		{"key=value password", []string{"-dsn", "host=127.0.0.1 port=1 user=app password=hunter2 dbname=app"}, "failed to connect"},
		{"arguments", []string{"./..."}, "db takes no arguments"},
		{"format", []string{"-format=xml"}, "-format must be text, json or sarif"},
		{"json and sarif", []string{"-json", "-format=sarif"}, "-json and -format=sarif do not combine"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, stderr, code := runEnv(t, dir, nil, bin, append([]string{"db"}, tc.args...)...)
			if code != 1 || len(out) > 0 {
				t.Errorf("exit %d, output %q; want 1 and none", code, out)
			}
			if !strings.Contains(stderr, tc.want) {
				t.Errorf("stderr %q lacks %q", stderr, tc.want)
			}
			if strings.Contains(stderr, "hunter") || strings.Count(strings.TrimSpace(stderr), "\n") > 0 {
				t.Errorf("stderr is not one line without the password: %q", stderr)
			}
		})
	}
}

// TestDBOutputCannotBeForged checks that an object name holding a line
// break cannot print a line that passes for a finding.
func TestDBOutputCannotBeForged(t *testing.T) {
	srv := pgtest.Start(t)
	bin := tenantvet(t)
	db := srv.CreateDB(t)
	srv.Exec(t, db, "CREATE TABLE \"x\npublic.y: TV201: forged\" (tenant_id uuid NOT NULL, id bigint PRIMARY KEY);")
	out, _, code := runEnv(t, t.TempDir(), nil, bin, "db", "-dsn", srv.DSN(db))
	if code != 3 {
		t.Fatalf("exit %d, want 3", code)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		if !strings.HasPrefix(line, `public.x\npublic.y: TV201: forged: TV`) {
			t.Errorf("line %q does not start with the escaped name", line)
		}
	}
}

// TestDBProbe checks the probe through the command: a leaking table's
// operations are findings, every table has a verdict on standard error or
// in the JSON, and a probe that can conclude nothing, or that would run
// as a role that bypasses row-level security, is an error.
func TestDBProbe(t *testing.T) {
	srv := pgtest.Start(t)
	bin := tenantvet(t)
	db := srv.CreateDB(t)
	shop := applyShop(t, srv, db)
	// The application owns invoices, which does not FORCE row-level
	// security, so the policy does not apply to it there.
	srv.Exec(t, db, `CREATE ROLE app NOLOGIN;
		GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO app;
		ALTER TABLE invoices OWNER TO app;`)
	dsn := srv.DSN(db)

	// The shop's tenant columns reference tenants: the probe gives its
	// tenants rows there too.
	out, stderr, code := runEnv(t, shop, nil, bin, "db", "-dsn", dsn, "-probe", "-role", "app")
	if code != 3 {
		t.Fatalf("exit %d, want 3", code)
	}
	want := []string{"public.invoices: TV202", "public.invoices: TV405", "public.invoices: TV405",
		"public.invoices: TV406", "public.invoices: TV406", "public.invoices: TV406", "public.invoices: TV406",
		"public.invoices: TV406", "public.invoices: TV406", "public.orders: TV205"}
	if got := checks(t, out); !slices.Equal(got, want) {
		t.Errorf("findings %q, want %q", got, want)
	}
	for _, line := range []string{"probe: public.customers: isolated\n", "probe: public.orders: isolated\n",
		"probe: public.invoices: leaking: ", "probe: 3 tenant tables: 2 isolated, 1 leaking\n"} {
		if !strings.Contains(stderr, line) {
			t.Errorf("stderr lacks %q", line)
		}
	}

	js, _, code := runEnv(t, shop, nil, bin, "db", "-dsn", dsn, "-probe", "-role", "app", "-no-triggers", "-format=json")
	var rep dbReport
	if err := json.Unmarshal(js, &rep); err != nil || code != 3 {
		t.Fatalf("exit %d, %v:\n%s", code, err, js)
	}
	verdicts := map[string]string{}
	for _, p := range rep.Probe {
		verdicts[p.Table] = p.Verdict
	}
	if len(verdicts) != 3 || verdicts["public.invoices"] != "leaking" || verdicts["public.orders"] != "isolated" {
		t.Errorf("probe verdicts %v", verdicts)
	}

	// No table that the probe can fill: nothing was tested.
	blind := srv.CreateDB(t)
	srv.Exec(t, blind, `CREATE TABLE spots (tenant_id uuid NOT NULL, id bigint, at point NOT NULL, PRIMARY KEY (tenant_id, id));
		ALTER TABLE spots ENABLE ROW LEVEL SECURITY;
		ALTER TABLE spots FORCE ROW LEVEL SECURITY;
		CREATE POLICY tenant ON spots USING (tenant_id = current_setting('app.tenant_id')::uuid);
		GRANT SELECT, INSERT, UPDATE, DELETE ON spots TO app;`)
	dir := t.TempDir()
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"nothing probed", []string{"-dsn", srv.DSN(blind), "-probe", "-role", "app"}, "the probe reached no verdict on any of the 1 tenant tables; public.spots: not probed: its required column at has type point"},
		{"superuser", []string{"-dsn", srv.DSN(blind), "-probe"}, "superuser"},
		{"role without probe", []string{"-dsn", srv.DSN(blind), "-role", "app"}, "pass -probe too"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, stderr, code := runEnv(t, dir, nil, bin, append([]string{"db"}, tc.args...)...)
			if code != 1 || len(out) > 0 || !strings.Contains(stderr, tc.want) {
				t.Errorf("exit %d, output %q, stderr %q; want 1, none, and %q", code, out, stderr, tc.want)
			}
		})
	}
}

// TestDBDrift checks that changes made by hand after the migrations are
// reported as drift, each as its own check, beside what the TV2xx checks
// say of the database as it now is.
func TestDBDrift(t *testing.T) {
	srv := pgtest.Start(t)
	bin := tenantvet(t)
	db := srv.CreateDB(t)
	shop := applyShop(t, srv, db)
	srv.Exec(t, db, `ALTER TABLE customers NO FORCE ROW LEVEL SECURITY;
		DROP POLICY support ON orders;
		ALTER TABLE invoices ALTER COLUMN tenant_id DROP NOT NULL;
		ALTER ROLE support BYPASSRLS;`)
	out, _, code := runEnv(t, shop, nil, bin, "db", "-dsn", srv.DSN(db))
	if code != 3 {
		t.Fatalf("exit %d, want 3", code)
	}
	want := []string{"public.customers: TV202", "public.customers: TV401", "public.invoices: TV202",
		"public.invoices: TV208", "public.invoices: TV403", "public.orders: TV402",
		"role support: TV212", "role support: TV404"}
	if got := checks(t, out); !slices.Equal(got, want) {
		t.Errorf("findings %q, want %q", got, want)
	}
}
