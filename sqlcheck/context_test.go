package sqlcheck

import (
	"slices"
	"strings"
	"testing"
)

const contextSchema = `
CREATE TABLE orders (tenant_id uuid NOT NULL, id bigint, PRIMARY KEY (tenant_id, id));
ALTER TABLE orders ENABLE ROW LEVEL SECURITY;
ALTER TABLE orders FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON orders USING (tenant_id = NULLIF(current_setting('App.Current_Tenant', true), '')::uuid);
CREATE FUNCTION app.org() RETURNS uuid LANGUAGE sql STABLE AS $$ SELECT current_setting('app.org_id')::uuid $$;
CREATE TABLE teams (org_id uuid NOT NULL, id bigint, PRIMARY KEY (org_id, id));
ALTER TABLE teams ENABLE ROW LEVEL SECURITY;
ALTER TABLE teams FORCE ROW LEVEL SECURITY;
CREATE POLICY org ON teams USING (org_id = app.org());
CREATE TABLE audit (tenant_id uuid NOT NULL, actor text DEFAULT current_setting('app.user_id', true));
CREATE FUNCTION app.set_tenant(id text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM set_config('app.current_tenant', id::text, true);
END;
$$;
CREATE FUNCTION app.set_tenant_session(id text) RETURNS text LANGUAGE sql AS $$ SELECT set_config('app.current_tenant', id, false) $$;
`

// TestTenantSettings checks which settings count as the tenant's: those the
// policies read, directly or in a function they call, and those the config
// names; and which names nothing in the migrations mentions.
func TestTenantSettings(t *testing.T) {
	cat, err := LoadCatalog([]MigrationFile{{Path: "schema.sql", SQL: contextSchema}})
	if err != nil {
		t.Fatal(err)
	}
	tn := &Tenancy{Columns: []string{"tenant_id", "org_id"}, Catalog: cat, Settings: []string{"App.Extra"}}
	for _, tn := range []*Tenancy{tn, viaQueryModel(t, tn)} {
		if got, want := tn.TenantSettings(), []string{"app.current_tenant", "app.extra", "app.org_id"}; !slices.Equal(got, want) {
			t.Errorf("query model %v: tenant settings %q, want %q", tn.QueriesOnly(), got, want)
		}
		for name, want := range map[string]bool{"app.tenant_id": true, "app.user_id": false, "app.current_tenant": false, "pg_trgm.similarity_threshold": false, "search_path": false} {
			if got := tn.misnamed(name); got != want {
				t.Errorf("query model %v: misnamed(%q) = %v, want %v", tn.QueriesOnly(), name, got, want)
			}
		}
	}
	for _, tn := range []*Tenancy{tn, viaQueryModel(t, tn)} {
		c := NewChecker(tn)
		if !c.SetsTenantLocally("SELECT app.set_tenant($1)") || c.SetsTenantLocally("SELECT app.set_tenant_session($1)") {
			t.Errorf("query model %v: setters %v", tn.QueriesOnly(), tn.setters())
		}
	}
	if got := (&Tenancy{Settings: []string{"app.t"}}).misnamed("app.x"); got {
		t.Error("without migrations, nothing can be known of what reads a setting, so nothing is misnamed")
	}
	if got := (&Tenancy{Catalog: NewCatalog()}).TenantSettings(); len(got) != 0 {
		t.Errorf("no policies, no config: tenant settings %q, want none", got)
	}
}

// TestContext checks the tenant-context findings of each statement on each
// kind of handle.
func TestContext(t *testing.T) {
	cat, err := LoadCatalog([]MigrationFile{{Path: "schema.sql", SQL: contextSchema}})
	if err != nil {
		t.Fatal(err)
	}
	var (
		pool   = Handle{Kind: HandlePool, Type: "*sql.DB"}
		conn   = Handle{Kind: HandlePooledConn, Type: "*sql.Conn"}
		tx     = Handle{Kind: HandleTx, Type: "*sql.Tx"}
		own    = Handle{Kind: HandleConn, Type: "*pgx.Conn"}
		hook   = Handle{Kind: HandleHookConn, Type: "*pgx.Conn"}
		reset  = Handle{Kind: HandlePooledConn, Type: "*sql.Conn", Reset: true}
		unset  = Handle{Kind: HandleTx, Type: "pgx.Tx", Unset: true}
		none   = Handle{}
		setTen = "SELECT set_config('app.current_tenant', $1, true)"
	)
	for _, tc := range []struct {
		sql   string
		h     Handle
		trust bool
		want  string // "ID: part of the message", or "" for nothing
	}{
		{"SET app.current_tenant = '1'", pool, false, "TV301: SET of app.current_tenant on *sql.DB stays on the pooled connection"},
		{"SET SESSION app.current_tenant TO '1'", conn, false, "TV301: SET of app.current_tenant on *sql.Conn"},
		{"SET app.current_tenant = '1'", tx, false, "TV301: SET of app.current_tenant on *sql.Tx outlives the transaction"},
		{"SET app.current_tenant = '1'", hook, false, "TV301: SET of app.current_tenant on *pgx.Conn stays on the pooled connection after it is released"},
		{"SELECT set_config('app.org_id', $1, false)", pool, false, "TV301: set_config(…, false) of app.org_id"},
		{"SELECT set_config('APP.CURRENT_TENANT', $1, 'off')", pool, false, "TV301: set_config(…, false) of app.current_tenant"},
		{"SELECT set_config('app.current_tenant', $1, 0)", pool, false, "TV301:"},
		{"SET app.current_tenant = '1'", own, false, ""},
		{"SET app.current_tenant = '1'", none, false, ""},
		{"SET app.current_tenant = '1'", reset, false, ""},
		{"SET statement_timeout = '1s'", pool, false, ""},
		{"RESET app.current_tenant", pool, false, ""},
		{"SELECT set_config('app.current_tenant', '', false)", pool, false, ""},
		{"SET app.current_tenant = ''", pool, false, ""},
		{"SET SESSION app.current_tenant TO ''", tx, false, ""},
		{"SELECT set_config('app.current_tenant', $1, $2)", pool, false, ""},
		{"SET LOCAL app.current_tenant = '1'", pool, false, "TV302: SET LOCAL of app.current_tenant on *sql.DB runs outside any transaction"},
		{setTen, pool, false, "TV302: set_config(…, true) of app.current_tenant"},
		{"SELECT set_config('app.current_tenant', '1', true), set_config('application_name', 'web', true)", pool, false, "TV302:"},
		{"SET LOCAL app.current_tenant = '1'; SELECT * FROM orders", pool, false, ""},
		{"SELECT set_config('app.current_tenant', $1, true), id FROM orders", pool, false, ""},
		{"SET LOCAL app.current_tenant = '1'", tx, false, ""},
		{"SET LOCAL app.current_tenant = '1'", conn, false, ""},
		{setTen, tx, false, ""},
		{"SET LOCAL app.current_tenant = $1", tx, false, "TV303: SET of app.current_tenant with a parameter does not parse"},
		{"SET app.current_tenant TO ?", none, false, "TV303:"},
		{"SELECT set_config('app.tenant_id', $1, true)", tx, false, "TV304: set_config(…, true) sets app.tenant_id, which nothing in the migrations reads, while the policies read app.current_tenant or app.org_id"},
		{"SET LOCAL app.tenant_id = '1'", none, false, "TV304: SET LOCAL sets app.tenant_id"},
		{"SELECT set_config('app.user_id', $1, true)", tx, false, ""},
		// Functions of the migrations that set the tenant set it as their
		// bodies do.
		{"SELECT app.set_tenant($1)", pool, false, "TV302: app.set_tenant(…) of app.current_tenant on *sql.DB"},
		{"SELECT app.set_tenant_session($1)", tx, false, "TV301: app.set_tenant_session(…) of app.current_tenant on *sql.Tx"},
		{"SELECT app.set_tenant($1)", tx, false, ""},
		{"SELECT set_tenant($1)", pool, false, ""},
		{"SELECT * FROM orders", pool, true, `TV305: query on "orders" relies on row-level security, but *sql.DB runs it outside any transaction`},
		{"SELECT * FROM orders", unset, true, `TV305: query on "orders" relies on row-level security, but app.current_tenant or app.org_id is not set on this pgx.Tx`},
		{"SELECT * FROM orders", tx, true, ""},
		{"SELECT * FROM orders", conn, true, ""},
		{"SELECT * FROM orders", none, true, ""},
		{"SELECT * FROM orders WHERE tenant_id = $1", pool, true, ""},
		{"SELECT * FROM orders", pool, false, ""},
		{"TRUNCATE orders", pool, true, ""},
		// A text of several statements is one transaction, in which an
		// earlier statement can set the tenant for a later one.
		{"SET LOCAL app.current_tenant = '1'; SELECT * FROM orders", pool, true, ""},
		{"SELECT set_config('app.current_tenant', $1, true); SELECT * FROM orders", unset, true, ""},
		{"SELECT * FROM orders; SET LOCAL app.current_tenant = '1'", pool, true, `TV305: query on "orders"`},
		{"SELECT set_config('app.current_tenant', $1, true), * FROM orders", pool, true, `TV305: query on "orders"`},
		{"SELECT * FROM orders; SET LOCAL app.current_tenant = '1'; SELECT * FROM teams", pool, true, `TV305: query on "orders"`},
		// A suppression in the SQL covers these findings too, and one is
		// used when it suppresses a finding of either kind.
		{"SET app.current_tenant = '1' -- tenantvet:ignore the pool is one connection per tenant", pool, false, ""},
		{"SET app.current_tenant = '1' -- tenantvet:ignore TV301 the pool is one connection per tenant", pool, false, ""},
		{"DELETE FROM orders -- tenantvet:ignore TV101 the nightly purge spans every tenant", pool, false, ""},
	} {
		tn := &Tenancy{Columns: []string{"tenant_id", "org_id"}, Catalog: cat, TrustRLS: tc.trust}
		for _, tn := range []*Tenancy{tn, viaQueryModel(t, tn)} {
			fs := NewChecker(tn).Context(tc.sql, nil, tc.h)
			var got []string
			for _, f := range fs {
				// The query's own findings are CheckLists's tests'.
				if strings.HasPrefix(f.ID, "TV1") || strings.HasPrefix(f.ID, "TV2") {
					continue
				}
				got = append(got, f.String())
				if f.Fingerprint == "" {
					t.Errorf("%s: finding %s has no fingerprint", tc.sql, f)
				}
			}
			if tc.want == "" && len(got) > 0 || tc.want != "" && (len(got) != 1 || !strings.HasPrefix(got[0], tc.want)) {
				t.Errorf("%s on %+v (trust %v, query model %v):\ngot  %q\nwant %q", tc.sql, tc.h, tc.trust, tn.QueriesOnly(), got, tc.want)
			}
		}
	}
}

// TestContextPositions checks what the findings underline: a SET from its
// first keyword, not the white space and comments before it, or the name
// of a set_config call.
func TestContextPositions(t *testing.T) {
	c := NewChecker(&Tenancy{Columns: []string{"tenant_id"}, Settings: []string{"app.current_tenant"}})
	pool := Handle{Kind: HandlePool, Type: "*sql.DB"}
	for sql, want := range map[string]string{
		"SELECT 1;\n  -- the tenant\n  SET app.current_tenant = '1'": "SET app.current_tenant = '1'",
		"SELECT 1; SET app.current_tenant = ?":                       "SET app.current_tenant = ?",
		"SELECT 1, set_config('app.current_tenant', ?, false)":       "set_config",
	} {
		var got []string
		for _, f := range c.Context(sql, nil, pool) {
			got = append(got, sql[f.Pos:f.End])
		}
		if len(got) != 1 || got[0] != want {
			t.Errorf("%q: underlines %q, want %q", sql, got, want)
		}
	}
}

// TestSetParameterIsNotSyntax checks that SET with a parameter of a tenant
// setting is TV303's alone, and of any other setting TV001's.
func TestSetParameterIsNotSyntax(t *testing.T) {
	tn := &Tenancy{Columns: []string{"tenant_id"}, Settings: []string{"app.current_tenant"}}
	c := NewChecker(tn)
	if fs := c.Check("SET LOCAL app.current_tenant = $1"); len(fs) != 0 {
		t.Errorf("tenant setting: %v, want no TV001", fs)
	}
	if fs := c.Check("SET LOCAL statement_timeout = $1"); len(fs) != 1 || fs[0].ID != SyntaxError {
		t.Errorf("other setting: %v, want one TV001", fs)
	}
}

// TestFormatted checks TV303 for SQL that fmt formats a tenant into.
func TestFormatted(t *testing.T) {
	tn := &Tenancy{Columns: []string{"tenant_id"}, Settings: []string{"app.current_tenant"}}
	c := NewChecker(tn)
	for _, tc := range []struct {
		format string
		want   bool
	}{
		{"SET LOCAL app.current_tenant = '%s'", true},
		{"SET app.current_tenant TO %d", false}, // a number cannot carry a quote
		{"SET app.current_tenant TO '%x'", false},
		{"SET app.current_tenant TO %q", true},
		{"SELECT set_config('app.current_tenant', '%v', true)", true},
		{"SELECT set_config('app.current_tenant', '%[1]s', false)", true},
		{"SET LOCAL statement_timeout = '%s'", false},
		{"SELECT * FROM %s WHERE tenant_id = $1", false},
		{"SET LOCAL app.current_tenant = '100%%'", false},
		{"SELECT set_config('app.current_tenant', $1, true); SELECT %d", false},
		{"not sql %s", false},
	} {
		fs := c.Formatted(tc.format, Handle{})
		if got := len(fs) == 1 && fs[0].ID == SetParameter; got != tc.want || len(fs) > 1 {
			t.Errorf("%s: %v, want TV303 %v", tc.format, fs, tc.want)
		}
	}
	// On a handle, the set is judged as well: here it outlives the
	// transaction.
	fs := c.Formatted("SET app.current_tenant = '%v';", Handle{Kind: HandleTx, Type: "*sql.Tx"})
	if len(fs) != 2 || fs[0].ID != SetParameter || fs[1].ID != SessionSetting {
		t.Errorf("session-level SET formatted on a transaction: %v, want TV303 and TV301", fs)
	}
	if fs := NewChecker(&Tenancy{Columns: []string{"tenant_id"}}).Formatted("SET LOCAL app.current_tenant = '%s'", Handle{}); len(fs) != 0 {
		t.Errorf("no tenant setting known: %v, want nothing", fs)
	}
}
