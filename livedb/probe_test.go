package livedb_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/tenantvet/tenantvet/internal/pgtest"
	"github.com/tenantvet/tenantvet/livedb"
	"github.com/tenantvet/tenantvet/sqlcheck"
)

// probeSchema has one table per way of getting row-level security right or
// wrong, and per reason the probe cannot probe a table. Every table starts
// empty, so that what the probe leaves behind can be counted.
const probeSchema = `
CREATE ROLE app NOLOGIN;
CREATE ROLE bypasser NOLOGIN BYPASSRLS;
CREATE ROLE lowly NOLOGIN;
GRANT USAGE ON SCHEMA public TO app, bypasser;
CREATE TYPE mood AS ENUM ('calm', 'cross');
CREATE TYPE pair AS (x int, y int);
CREATE TABLE tenants (id uuid PRIMARY KEY);

-- Right: every required column type the probe fills, and a unique key
-- that identical fillers would break.
CREATE TABLE good (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	tenant_id uuid NOT NULL,
	note text NOT NULL,
	code varchar(6) NOT NULL,
	created date NOT NULL,
	at timestamptz NOT NULL,
	kind mood NOT NULL,
	tags text[] NOT NULL,
	data jsonb NOT NULL,
	amount numeric(4,2) NOT NULL,
	ok boolean NOT NULL,
	ref uuid NOT NULL,
	n int NOT NULL,
	optional point,
	UNIQUE (tenant_id, code)
);
ALTER TABLE good ENABLE ROW LEVEL SECURITY;
ALTER TABLE good FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON good USING (tenant_id = current_setting('app.tenant_id')::uuid);

-- Right, with a tenant column that defaults to the setting.
CREATE TABLE good_nullif (
	id serial PRIMARY KEY,
	tenant_id uuid NOT NULL DEFAULT NULLIF(current_setting('app.tenant_id', true), '')::uuid
);
ALTER TABLE good_nullif ENABLE ROW LEVEL SECURITY;
ALTER TABLE good_nullif FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON good_nullif USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

CREATE TABLE int_tenant (id int PRIMARY KEY, tenant_id bigint NOT NULL);
ALTER TABLE int_tenant ENABLE ROW LEVEL SECURITY;
ALTER TABLE int_tenant FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON int_tenant USING (tenant_id = current_setting('app.tenant_id')::bigint);

-- An empty setting lets everything through, as an "admin" escape.
CREATE TABLE text_tenant (tenant text NOT NULL, name text NOT NULL, PRIMARY KEY (tenant, name));
ALTER TABLE text_tenant ENABLE ROW LEVEL SECURITY;
ALTER TABLE text_tenant FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON text_tenant
	USING (tenant = current_setting('app.tenant_id') OR current_setting('app.tenant_id') = '');

-- No primary key: the row key is the ctid.
CREATE TABLE no_rls (tenant_id uuid NOT NULL, note text);

CREATE TABLE unforced (id serial PRIMARY KEY, tenant_id uuid NOT NULL);
ALTER TABLE unforced ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant ON unforced USING (tenant_id = current_setting('app.tenant_id')::uuid);

CREATE TABLE using_true (id serial PRIMARY KEY, tenant_id uuid NOT NULL);
ALTER TABLE using_true ENABLE ROW LEVEL SECURITY;
ALTER TABLE using_true FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON using_true USING (true);

CREATE TABLE check_true (id serial PRIMARY KEY, tenant_id uuid NOT NULL);
ALTER TABLE check_true ENABLE ROW LEVEL SECURITY;
ALTER TABLE check_true FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON check_true
	USING (tenant_id = current_setting('app.tenant_id')::uuid) WITH CHECK (true);

CREATE TABLE extra_select (id serial PRIMARY KEY, tenant_id uuid NOT NULL);
ALTER TABLE extra_select ENABLE ROW LEVEL SECURITY;
ALTER TABLE extra_select FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON extra_select USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
CREATE POLICY everyone ON extra_select FOR SELECT USING (true);

-- The policy binds a column that follows the setting, not the tenant
-- column: the rows stay apart, but a row can be given to another tenant.
CREATE TABLE wrong_column (
	id serial PRIMARY KEY,
	tenant_id uuid NOT NULL,
	account_id uuid NOT NULL DEFAULT current_setting('app.tenant_id')::uuid
);
ALTER TABLE wrong_column ENABLE ROW LEVEL SECURITY;
ALTER TABLE wrong_column FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON wrong_column USING (account_id = current_setting('app.tenant_id')::uuid);

CREATE TABLE other_setting (id serial PRIMARY KEY, tenant_id uuid NOT NULL);
ALTER TABLE other_setting ENABLE ROW LEVEL SECURITY;
ALTER TABLE other_setting FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON other_setting USING (tenant_id = current_setting('app.org_id', true)::uuid);

-- A tenant column too short for the probe's usual text tenants.
CREATE TABLE short_tenant (tenant varchar(4) NOT NULL, id int PRIMARY KEY);
ALTER TABLE short_tenant ENABLE ROW LEVEL SECURITY;
ALTER TABLE short_tenant FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON short_tenant USING (tenant = current_setting('app.tenant_id'));

CREATE DOMAIN tenant_ref AS uuid NOT NULL;
CREATE TABLE parted (tenant_id tenant_ref, id int, PRIMARY KEY (tenant_id, id)) PARTITION BY HASH (tenant_id);
CREATE TABLE parted_0 PARTITION OF parted FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TABLE parted_1 PARTITION OF parted FOR VALUES WITH (MODULUS 2, REMAINDER 1);
ALTER TABLE parted ENABLE ROW LEVEL SECURITY;
ALTER TABLE parted FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON parted USING (tenant_id = current_setting('app.tenant_id')::uuid);

-- One row per tenant: tenant B's own row holds the key that a row for B
-- would take, so after a WITH CHECK that lets it through only the unique
-- index refuses it.
CREATE TABLE per_tenant (tenant_id uuid PRIMARY KEY, note text);
ALTER TABLE per_tenant ENABLE ROW LEVEL SECURITY;
ALTER TABLE per_tenant FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON per_tenant USING (tenant_id = current_setting('app.tenant_id')::uuid) WITH CHECK (true);
CREATE TABLE per_tenant_good (tenant_id uuid PRIMARY KEY, note text);
ALTER TABLE per_tenant_good ENABLE ROW LEVEL SECURITY;
ALTER TABLE per_tenant_good FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON per_tenant_good USING (tenant_id = current_setting('app.tenant_id')::uuid);

-- The SELECT policy binds the tenant, but the UPDATE and DELETE policies
-- do not: PostgreSQL applies the SELECT policies only to an UPDATE or
-- DELETE that reads a column, so one that reads none reaches B's row.
CREATE TABLE unbound_writes (id serial PRIMARY KEY, tenant_id uuid NOT NULL);
ALTER TABLE unbound_writes ENABLE ROW LEVEL SECURITY;
ALTER TABLE unbound_writes FORCE ROW LEVEL SECURITY;
CREATE POLICY sel ON unbound_writes FOR SELECT USING (tenant_id = current_setting('app.tenant_id')::uuid);
CREATE POLICY ins ON unbound_writes FOR INSERT WITH CHECK (tenant_id = current_setting('app.tenant_id')::uuid);
CREATE POLICY upd ON unbound_writes FOR UPDATE USING (true) WITH CHECK (tenant_id = current_setting('app.tenant_id')::uuid);
CREATE POLICY del ON unbound_writes FOR DELETE USING (true);

-- A trigger on a partition fires for the rows inserted through its parent.
CREATE FUNCTION noop() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TABLE parted_trigger (tenant_id uuid NOT NULL, id int) PARTITION BY HASH (tenant_id);
CREATE TABLE parted_trigger_0 PARTITION OF parted_trigger FOR VALUES WITH (MODULUS 1, REMAINDER 0);
CREATE TRIGGER audit BEFORE INSERT ON parted_trigger_0 FOR EACH ROW EXECUTE FUNCTION noop();

-- No row-level security, and a role that may not read the key: its
-- other columns are still every tenant's to read.
CREATE TABLE col_grant (id serial PRIMARY KEY, tenant_id uuid NOT NULL, secret text);

-- A domain whose check no synthetic tenant passes.
CREATE DOMAIN slug AS text CHECK (VALUE ~ '^[a-z]+$');
CREATE TABLE slug_tenant (tenant slug NOT NULL, id int PRIMARY KEY);

CREATE VIEW a_view AS SELECT * FROM good;

CREATE TABLE no_grant (id serial PRIMARY KEY, tenant_id uuid NOT NULL);

CREATE TABLE has_point (id serial PRIMARY KEY, tenant_id uuid NOT NULL, pos point NOT NULL);
CREATE TABLE has_pair (id serial PRIMARY KEY, tenant_id uuid NOT NULL, p pair NOT NULL);
CREATE TABLE has_fk (id serial PRIMARY KEY, tenant_id uuid NOT NULL REFERENCES tenants);
CREATE TABLE owners (id int PRIMARY KEY);
CREATE TABLE other_fk (id serial PRIMARY KEY, tenant_id uuid NOT NULL REFERENCES tenants, owner int NOT NULL REFERENCES owners);
CREATE TABLE odd_tenants (id uuid PRIMARY KEY, pos point NOT NULL);
CREATE TABLE odd_fk (id serial PRIMARY KEY, tenant_id uuid NOT NULL REFERENCES odd_tenants);
-- Two keys to one parent need one row a tenant there, not two.
CREATE TABLE twice_fk (id serial PRIMARY KEY, tenant_id uuid NOT NULL REFERENCES tenants,
	CONSTRAINT twice_fk_again FOREIGN KEY (tenant_id) REFERENCES tenants);
-- A key to a partitioned table has a clone for each partition, which the
-- row inserted into the parent already lands in.
CREATE TABLE parted_tenants (id uuid PRIMARY KEY) PARTITION BY HASH (id);
CREATE TABLE parted_tenants_0 PARTITION OF parted_tenants FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TABLE parted_tenants_1 PARTITION OF parted_tenants FOR VALUES WITH (MODULUS 2, REMAINDER 1);
CREATE TABLE parted_fk (id serial PRIMARY KEY, tenant_id uuid NOT NULL REFERENCES parted_tenants);
-- A deferred key is checked at commit, which the probe never reaches:
-- the parent needs no rows, and one the probe cannot fill is no reason.
CREATE TABLE deferred_fk (id serial PRIMARY KEY, tenant_id uuid NOT NULL REFERENCES odd_tenants DEFERRABLE INITIALLY DEFERRED);
-- A key to a unique column that is not the primary key, of a parent
-- that has row-level security of its own and a key of its own to fill.
CREATE TABLE orgs (pk int PRIMARY KEY, uid uuid UNIQUE NOT NULL, name text NOT NULL);
ALTER TABLE orgs ENABLE ROW LEVEL SECURITY;
ALTER TABLE orgs FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON orgs USING (uid = current_setting('app.tenant_id')::uuid);
CREATE TABLE org_fk (id serial PRIMARY KEY, tenant_id uuid NOT NULL REFERENCES orgs (uid));
ALTER TABLE org_fk ENABLE ROW LEVEL SECURITY;
ALTER TABLE org_fk FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON org_fk USING (tenant_id IN (SELECT uid FROM orgs));
-- A parent whose key references a tenants table in turn, which a second
-- key of the child's references too.
CREATE TABLE tenant_settings (tenant_id uuid PRIMARY KEY REFERENCES tenants, theme text NOT NULL);
CREATE TABLE settings_fk (id serial PRIMARY KEY, tenant_id uuid NOT NULL REFERENCES tenant_settings,
	CONSTRAINT settings_fk_tenant FOREIGN KEY (tenant_id) REFERENCES tenants);
CREATE TABLE settings_only_fk (id serial PRIMARY KEY, tenant_id uuid NOT NULL REFERENCES tenant_settings);
-- A tenants table whose key is GENERATED ALWAYS.
CREATE TABLE ident_tenants (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY);
CREATE TABLE ident_fk (id serial PRIMARY KEY, tenant_id int NOT NULL REFERENCES ident_tenants);
CREATE TABLE has_trigger (id serial PRIMARY KEY, tenant_id uuid NOT NULL);
CREATE TRIGGER audit BEFORE INSERT ON has_trigger FOR EACH ROW EXECUTE FUNCTION noop();
CREATE TABLE odd_tenant (id serial PRIMARY KEY, tenant_id point NOT NULL);
CREATE TABLE always_trigger (id serial PRIMARY KEY, tenant_id uuid NOT NULL);
CREATE TRIGGER audit BEFORE INSERT ON always_trigger FOR EACH ROW EXECUTE FUNCTION noop();
ALTER TABLE always_trigger ENABLE ALWAYS TRIGGER audit;
CREATE TABLE off_trigger (id serial PRIMARY KEY, tenant_id uuid NOT NULL);
CREATE TRIGGER audit BEFORE INSERT ON off_trigger FOR EACH ROW EXECUTE FUNCTION noop();
ALTER TABLE off_trigger DISABLE TRIGGER audit;

GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO app, bypasser;
REVOKE ALL ON no_grant FROM app;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO app, bypasser;
REVOKE ALL ON col_grant FROM app;
GRANT SELECT (tenant_id, secret), INSERT, UPDATE, DELETE ON col_grant TO app;
ALTER TABLE unforced OWNER TO app;
`

// probeTables are the tables of probeSchema, with what the probe must
// conclude about each: the verdict, and the operations that leak or a
// fragment of why the table is not probed or the probe inconclusive.
var probeTables = []struct {
	name, column string
	verdict      livedb.Verdict
	leaks        []string // fingerprint operations
	detail       string   // for verdicts other than leaking and isolated
}{
	{name: "good", verdict: livedb.Isolated},
	{name: "good_nullif", verdict: livedb.Isolated},
	{name: "int_tenant", verdict: livedb.Isolated},
	{name: "text_tenant", column: "tenant", verdict: livedb.Leaking, leaks: []string{"no tenant"}},
	{name: "no_rls", verdict: livedb.Leaking, leaks: []string{"select", "update", "delete", "insert", "move", "no tenant", "delete any", "take"}},
	{name: "unforced", verdict: livedb.Leaking, leaks: []string{"select", "update", "delete", "insert", "move", "no tenant", "delete any", "take"}},
	{name: "using_true", verdict: livedb.Leaking, leaks: []string{"select", "update", "delete", "insert", "move", "no tenant", "delete any", "take"}},
	// Not the move: an UPDATE whose WHERE reads the table must leave a new
	// row that the SELECT policies' USING still admits.
	{name: "check_true", verdict: livedb.Leaking, leaks: []string{"insert"}},
	{name: "extra_select", verdict: livedb.Leaking, leaks: []string{"select", "no tenant"}},
	{name: "wrong_column", verdict: livedb.Leaking, leaks: []string{"insert", "move"}},
	{name: "short_tenant", column: "tenant", verdict: livedb.Isolated},
	{name: "parted", verdict: livedb.Isolated},
	{name: "per_tenant", verdict: livedb.Leaking, leaks: []string{"insert"}},
	{name: "per_tenant_good", verdict: livedb.Isolated},
	{name: "other_setting", verdict: livedb.Inconclusive, detail: "tenant A's own row is not visible to role app with app.tenant_id set to A"},
	{name: "no_grant", verdict: livedb.Inconclusive, detail: "role app cannot read tenant A's own row: permission denied for table no_grant"},
	{name: "has_point", verdict: livedb.NotProbed, detail: "its required column pos has type point, which the probe cannot fill"},
	{name: "has_pair", verdict: livedb.NotProbed, detail: "its required column p has type pair"},
	// The probe gives the tenants the rows that a foreign key on the
	// tenant column needs, but no other key's.
	{name: "has_fk", verdict: livedb.Leaking, leaks: []string{"select", "update", "delete", "insert", "move", "no tenant", "delete any", "take"}},
	{name: "other_fk", verdict: livedb.NotProbed, detail: `inserting tenant A's row failed: insert or update on table "other_fk" violates foreign key constraint "other_fk_owner_fkey"`},
	{name: "odd_fk", verdict: livedb.NotProbed, detail: "its foreign key odd_fk_tenant_id_fkey needs a row for each tenant in public.odd_tenants, which the probe cannot give it: its required column pos has type point"},
	{name: "twice_fk", verdict: livedb.Leaking, leaks: []string{"select", "update", "delete", "insert", "move", "no tenant", "delete any", "take"}},
	{name: "parted_fk", verdict: livedb.Leaking, leaks: []string{"select", "update", "delete", "insert", "move", "no tenant", "delete any", "take"}},
	{name: "deferred_fk", verdict: livedb.Leaking, leaks: []string{"select", "update", "delete", "insert", "move", "no tenant", "delete any", "take"}},
	// The policy is as good as the parent's.
	{name: "org_fk", verdict: livedb.Isolated},
	{name: "settings_fk", verdict: livedb.Leaking, leaks: []string{"select", "update", "delete", "insert", "move", "no tenant", "delete any", "take"}},
	{name: "settings_only_fk", verdict: livedb.Leaking, leaks: []string{"select", "update", "delete", "insert", "move", "no tenant", "delete any", "take"}},
	{name: "ident_fk", verdict: livedb.Leaking, leaks: []string{"select", "update", "delete", "insert", "move", "no tenant", "delete any", "take"}},
	{name: "has_trigger", verdict: livedb.NotProbed, detail: "has triggers the probe would fire: audit"},
	{name: "odd_tenant", verdict: livedb.NotProbed, detail: "its tenant column tenant_id has type point"},
	{name: "missing", verdict: livedb.NotProbed, detail: "no such table"},
	{name: "a_view", verdict: livedb.NotProbed, detail: "a view, not a table"},
	{name: "unbound_writes", verdict: livedb.Leaking, leaks: []string{"delete any", "take"}},
	{name: "col_grant", verdict: livedb.Leaking, leaks: []string{"select", "update", "delete", "insert", "move", "no tenant", "delete any", "take"}},
	{name: "parted_trigger", verdict: livedb.NotProbed, detail: "has triggers the probe would fire: audit"},
	{name: "slug_tenant", column: "tenant", verdict: livedb.NotProbed, detail: `violates check constraint "slug_check"`},
}

// probeDB starts a server with the probe schema and connects to it as
// tenantvet db does, read-only by default.
func probeDB(t *testing.T) (context.Context, *pgx.Conn, *pgtest.Server, string) {
	t.Helper()
	srv := pgtest.Start(t)
	db := srv.CreateDB(t)
	srv.Exec(t, db, probeSchema)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	t.Cleanup(cancel)
	conn, err := livedb.Connect(ctx, srv.DSN(db))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close(ctx) })
	return ctx, conn, srv, db
}

func TestProbe(t *testing.T) {
	ctx, conn, _, _ := probeDB(t)

	opts := livedb.ProbeOptions{Role: "app", Settings: []string{"app.tenant_id"}}
	for _, pt := range probeTables {
		col := pt.column
		if col == "" {
			col = "tenant_id"
		}
		opts.Tables = append(opts.Tables, livedb.ProbeTable{Name: sqlcheck.QName{Name: pt.name}, Column: col})
	}
	res, err := livedb.Probe(ctx, conn, opts)
	if err != nil {
		t.Fatal(err)
	}

	if len(res.Tables) != len(probeTables) {
		t.Fatalf("got %d table results, want %d: %+v", len(res.Tables), len(probeTables), res.Tables)
	}
	var want []string
	for i, pt := range probeTables {
		got := res.Tables[i]
		table := "public." + pt.name
		if got.Table != table || got.Verdict != pt.verdict {
			t.Errorf("%s: got %s %q (%s), want %q", table, got.Table, got.Verdict, got.Detail, pt.verdict)
			continue
		}
		switch pt.verdict {
		case livedb.Isolated:
			if got.Detail != "" {
				t.Errorf("%s: isolated with detail %q", table, got.Detail)
			}
		case livedb.Leaking:
			if got.Detail == "" {
				t.Errorf("%s: leaking without detail", table)
			}
		default:
			if !strings.Contains(got.Detail, pt.detail) {
				t.Errorf("%s: detail %q, want it to contain %q", table, got.Detail, pt.detail)
			}
		}
		for _, op := range pt.leaks {
			id := sqlcheck.ProbeWrite
			if op == "select" || op == "no tenant" {
				id = sqlcheck.ProbeRead
			}
			want = append(want, id+":"+table+":"+op)
		}
	}
	var got []string
	for _, f := range res.Findings {
		got = append(got, f.Fingerprint)
		if f.Fingerprint != f.ID+":"+f.Table+":"+f.Fingerprint[len(f.ID+":"+f.Table+":"):] {
			t.Errorf("finding %+v: fingerprint does not start with its ID and table", f)
		}
		if m := f.Message; m == "" || m[0] < 'a' || m[0] > 'z' || strings.HasSuffix(m, ".") || !strings.Contains(m, f.Table) || strings.Contains(m, "%!") {
			t.Errorf("finding %s: message %q must start lowercase, end without a period and name the table", f.Fingerprint, m)
		}
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("findings:\n got %q\nwant %q", got, want)
	}

	for _, f := range res.Findings {
		switch f.Fingerprint {
		case "TV405:public.no_rls:select":
			if !strings.Contains(f.Message, "(ctid=(") || !strings.Contains(f.Message, "enable and force row-level security") {
				t.Errorf("no_rls select: message %q, want the ctid and to enable row-level security", f.Message)
			}
		case "TV406:public.unforced:delete":
			if !strings.Contains(f.Message, "(id=") || !strings.Contains(f.Message, "force row-level security") {
				t.Errorf("unforced delete: message %q, want the id and to force row-level security", f.Message)
			}
		case "TV406:public.unbound_writes:take", "TV406:public.unbound_writes:delete any":
			if !strings.Contains(f.Message, "2 rows") || !strings.Contains(f.Message, "reads no column") || !strings.Contains(f.Message, "UPDATE and DELETE policies") {
				t.Errorf("unbound_writes: message %q, want the rows it reached and the policies to fix", f.Message)
			}
		case "TV406:public.per_tenant:insert":
			if !strings.Contains(f.Message, "past the policies") || !strings.Contains(f.Message, "only a constraint then refused (duplicate key") {
				t.Errorf("per_tenant insert: message %q, want it to say the row got past the policies to a unique key", f.Message)
			}
		case "TV406:public.check_true:insert":
			if !strings.Contains(f.Message, "WITH CHECK") {
				t.Errorf("check_true insert: message %q, want it to name WITH CHECK", f.Message)
			}
		}
	}
	for _, tr := range res.Tables {
		if tr.Verdict == livedb.Leaking {
			t.Logf("%s: %s", tr.Table, tr.Detail)
		}
	}
	for _, f := range res.Findings {
		t.Logf("%s: %s", f.Table, f)
	}

	// Nothing the probe inserted survives it, its tenants' rows in the
	// tables that foreign keys reference included, and the connection is
	// out of its transaction.
	names := []string{"tenants", "odd_tenants", "parted_tenants", "ident_tenants", "orgs", "tenant_settings"}
	for _, pt := range probeTables {
		if pt.name != "missing" && pt.name != "a_view" {
			names = append(names, pt.name)
		}
	}
	for _, name := range names {
		var n int
		if err := conn.QueryRow(ctx, "SELECT count(*) FROM "+pgx.Identifier{name}.Sanitize()).Scan(&n); err != nil {
			t.Fatalf("counting %s: %v", name, err)
		}
		if n != 0 {
			t.Errorf("%s has %d rows after the probe, want 0", name, n)
		}
	}
}

// TestProbeOptions checks that the probe will not run where its answers
// would mean nothing, and says why; that it probes as the connecting user
// when no role is named; and that its timeout cuts a wait short.
func TestProbeOptions(t *testing.T) {
	ctx, conn, srv, db := probeDB(t)

	tables := []livedb.ProbeTable{{Name: sqlcheck.QName{Name: "good"}, Column: "tenant_id"}}
	settings := []string{"app.tenant_id"}
	for _, tc := range []struct {
		name    string
		as      string // SET SESSION AUTHORIZATION before probing
		opts    livedb.ProbeOptions
		wantErr string
	}{
		{"superuser", "", livedb.ProbeOptions{Settings: settings, Tables: tables}, "superuser"},
		{"bypassrls", "", livedb.ProbeOptions{Role: "bypasser", Settings: settings, Tables: tables}, "BYPASSRLS"},
		{"no settings", "", livedb.ProbeOptions{Role: "app", Tables: tables}, "tenant settings"},
		{"no such role", "", livedb.ProbeOptions{Role: "nobody", Settings: settings, Tables: tables}, `role "nobody" does not exist`},
		{"not a member", "lowly", livedb.ProbeOptions{Role: "app", Settings: settings, Tables: tables}, "permission denied to set role"},
		{"no tables", "", livedb.ProbeOptions{Role: "app", Settings: settings}, "no tenant tables"},
		{"bad setting", "", livedb.ProbeOptions{Role: "app", Settings: []string{"tenant_id"}, Tables: tables}, `unrecognized configuration parameter "tenant_id"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.as != "" {
				if _, err := conn.Exec(ctx, "SET SESSION AUTHORIZATION "+tc.as); err != nil {
					t.Fatal(err)
				}
				defer conn.Exec(ctx, "RESET SESSION AUTHORIZATION")
			}
			res, err := livedb.Probe(ctx, conn, tc.opts)
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("got %+v, %v; want an error about %q", res, err, tc.wantErr)
			}
			t.Log(err)
		})
	}

	// The application's own role, connecting as itself, probes without
	// a role to switch to: its fixtures go through the policies' WITH
	// CHECK, which the tenant settings satisfy.
	t.Run("as the connecting role", func(t *testing.T) {
		if _, err := conn.Exec(ctx, "SET SESSION AUTHORIZATION app"); err != nil {
			t.Fatal(err)
		}
		defer conn.Exec(ctx, "RESET SESSION AUTHORIZATION")
		res, err := livedb.Probe(ctx, conn, livedb.ProbeOptions{Settings: settings, Tables: append(tables,
			livedb.ProbeTable{Name: sqlcheck.QName{Name: "check_true"}, Column: "tenant_id"})})
		if err != nil {
			t.Fatal(err)
		}
		if got := res.Tables; len(got) != 2 || got[0].Verdict != livedb.Isolated || got[1].Verdict != livedb.Leaking {
			t.Errorf("got %+v, want good isolated and check_true leaking", got)
		}
	})

	// Without triggers, a superuser's probe fills tables that have
	// triggers or foreign keys; a trigger enabled ALWAYS still fires, and
	// a disabled one never does.
	t.Run("without triggers", func(t *testing.T) {
		probed := func(noTriggers bool) map[string]livedb.TableResult {
			opts := livedb.ProbeOptions{Role: "app", Settings: settings, NoTriggers: noTriggers}
			for _, name := range []string{"good", "other_fk", "has_trigger", "always_trigger", "off_trigger"} {
				opts.Tables = append(opts.Tables, livedb.ProbeTable{Name: sqlcheck.QName{Name: name}, Column: "tenant_id"})
			}
			res, err := livedb.Probe(ctx, conn, opts)
			if err != nil {
				t.Fatal(err)
			}
			out := map[string]livedb.TableResult{}
			for _, tr := range res.Tables {
				out[tr.Table] = tr
			}
			return out
		}
		for noTriggers, want := range map[bool]map[string]livedb.Verdict{
			false: {"public.good": livedb.Isolated, "public.other_fk": livedb.NotProbed, "public.has_trigger": livedb.NotProbed,
				"public.always_trigger": livedb.NotProbed, "public.off_trigger": livedb.Leaking},
			true: {"public.good": livedb.Isolated, "public.other_fk": livedb.Leaking, "public.has_trigger": livedb.Leaking,
				"public.always_trigger": livedb.NotProbed, "public.off_trigger": livedb.Leaking},
		} {
			got := probed(noTriggers)
			for table, v := range want {
				if got[table].Verdict != v {
					t.Errorf("NoTriggers %v: %s is %s (%s), want %s", noTriggers, table, got[table].Verdict, got[table].Detail, v)
				}
			}
		}
		if _, err := conn.Exec(ctx, "SET SESSION AUTHORIZATION app"); err != nil {
			t.Fatal(err)
		}
		defer conn.Exec(ctx, "RESET SESSION AUTHORIZATION")
		_, err := livedb.Probe(ctx, conn, livedb.ProbeOptions{Settings: settings, Tables: tables, NoTriggers: true})
		if err == nil || !strings.Contains(err.Error(), "needs a superuser connection") {
			t.Errorf("NoTriggers as app: %v, want an error that it needs a superuser", err)
		}
	})

	// A table another session holds locked is not probed, and the others
	// still are.
	t.Run("locked table", func(t *testing.T) {
		other, err := pgx.Connect(ctx, srv.DSN(db))
		if err != nil {
			t.Fatal(err)
		}
		defer other.Close(ctx)
		if _, err := other.Exec(ctx, "BEGIN; LOCK TABLE good IN ACCESS EXCLUSIVE MODE"); err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		res, err := livedb.Probe(ctx, conn, livedb.ProbeOptions{Role: "app", Settings: settings, Timeout: 200 * time.Millisecond,
			Tables: append(tables, livedb.ProbeTable{Name: sqlcheck.QName{Name: "check_true"}, Column: "tenant_id"})})
		if err != nil {
			t.Fatal(err)
		}
		if got := res.Tables; len(got) != 2 || got[0].Verdict != livedb.NotProbed || !strings.Contains(got[0].Detail, "timeout") ||
			got[1].Verdict != livedb.Leaking {
			t.Errorf("got %+v, want good not probed for the timeout and check_true leaking", got)
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("the probe took %s with a timeout of 200ms", d)
		}
	})
}
