package sqlcheck_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/tenantvet/tenantvet/sqlcheck"
)

// driftTables are the tables of every TestDrift case: a tenant table with
// row-level security, a second one, a lookup table without a tenant
// column, and a membership table that policies read.
const driftTables = `
CREATE TABLE orders (id bigint PRIMARY KEY, tenant_id uuid NOT NULL, status text, total numeric);
CREATE TABLE items (id bigint PRIMARY KEY, tenant_id uuid NOT NULL, order_id bigint);
CREATE TABLE members (user_name text, tenant_id uuid NOT NULL);
CREATE TABLE countries (code text PRIMARY KEY);
ALTER TABLE orders ENABLE ROW LEVEL SECURITY;
ALTER TABLE orders FORCE ROW LEVEL SECURITY;
ALTER TABLE items ENABLE ROW LEVEL SECURITY;
ALTER TABLE items FORCE ROW LEVEL SECURITY;
`

// driftLiveTables is driftTables as livedb writes it back.
const driftLiveTables = `
CREATE TABLE public.orders (id bigint NOT NULL, tenant_id uuid NOT NULL, status text, total numeric);
CREATE TABLE public.items (id bigint NOT NULL, tenant_id uuid NOT NULL, order_id bigint);
CREATE TABLE public.members (user_name text, tenant_id uuid NOT NULL);
CREATE TABLE public.countries (code text NOT NULL);
ALTER TABLE public.orders ADD CONSTRAINT orders_pkey PRIMARY KEY (id);
ALTER TABLE public.items ADD CONSTRAINT items_pkey PRIMARY KEY (id);
ALTER TABLE public.countries ADD CONSTRAINT countries_pkey PRIMARY KEY (code);
ALTER TABLE public.orders ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.orders FORCE ROW LEVEL SECURITY;
ALTER TABLE public.items ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.items FORCE ROW LEVEL SECURITY;
`

// currentTenant is a function that policies call, as a migration defines
// it, and currentTenantLive as livedb writes it back from
// pg_get_functiondef, with body and options of its own.
const currentTenant = `CREATE FUNCTION current_tenant() RETURNS uuid LANGUAGE sql STABLE
  AS $$ SELECT current_setting('app.tenant_id')::uuid $$;
`

func currentTenantLive(body, options string) string {
	return "CREATE OR REPLACE FUNCTION public.current_tenant()\n RETURNS uuid\n LANGUAGE sql\n STABLE" + options +
		"\nAS $function$ " + body + " $function$;\nALTER FUNCTION public.current_tenant() OWNER TO postgres;\n"
}

// TestDrift compares a migrations catalog with a live one, both replayed
// from SQL: the live SQL is written as livedb writes it, with
// pg_get_expr's casts and parentheses. The cases that expect nothing are
// as important as the others: each is a way PostgreSQL prints a policy
// that the migrations spelt otherwise.
func TestDrift(t *testing.T) {
	const tenantPolicy = `CREATE POLICY tenant ON orders USING (tenant_id = current_setting('app.tenant_id')::uuid);`
	const tenantPolicyLive = `CREATE POLICY tenant ON public.orders AS PERMISSIVE FOR ALL TO PUBLIC USING ((tenant_id = (current_setting('app.tenant_id'::text))::uuid));`
	for _, c := range []struct {
		name       string
		mig, live  string   // after driftTables and driftLiveTables
		liveTables string   // instead of driftLiveTables, when set
		want       []string // "ID|object|part of the message", in order
	}{
		{name: "equal", mig: tenantPolicy, live: tenantPolicyLive},
		{name: "equal without policies"},
		{
			name: "equal, casts and qualifiers",
			mig: `CREATE POLICY tenant ON orders AS RESTRICTIVE FOR SELECT TO app, public
				USING (orders.tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid AND public.orders.status <> 'x')
				WITH CHECK (tenant_id = CAST(current_setting('app.tenant_id') AS uuid));`,
			live: `CREATE POLICY tenant ON public.orders AS RESTRICTIVE FOR SELECT TO app, PUBLIC
				USING (((tenant_id = (NULLIF(current_setting('app.tenant_id'::text, true), ''::text))::uuid) AND (status <> 'x'::text)))
				WITH CHECK ((tenant_id = (current_setting('app.tenant_id'::text))::uuid));`,
		},
		{
			name: "equal, IN and BETWEEN and LIKE",
			mig: `CREATE POLICY tenant ON orders USING (status IN ('a', 'b') AND status NOT IN ('c', 'd') AND total IN (1)
				AND total BETWEEN 1 AND 10 AND status LIKE 'x%' AND status ILIKE 'y%');`,
			live: `CREATE POLICY tenant ON public.orders AS PERMISSIVE FOR ALL TO PUBLIC USING ((status = ANY (ARRAY['a'::text, 'b'::text]))
				AND (status <> ALL (ARRAY['c'::text, 'd'::text])) AND (total = (1)::numeric) AND ((total >= (1)::numeric) AND (total <= (10)::numeric))
				AND (status ~~ 'x%'::text) AND (status ~~* 'y%'::text));`,
		},
		{
			name: "equal, subquery",
			mig: `CREATE POLICY member ON orders USING (tenant_id IN (SELECT tenant_id FROM members WHERE user_name = current_user)
				AND EXISTS (SELECT 1 FROM public.members m WHERE m.tenant_id = orders.tenant_id));`,
			live: `CREATE POLICY member ON public.orders AS PERMISSIVE FOR ALL TO PUBLIC USING (((tenant_id IN ( SELECT members.tenant_id
				   FROM members
				  WHERE (members.user_name = CURRENT_USER))) AND (EXISTS ( SELECT 1
				   FROM members m
				  WHERE (m.tenant_id = orders.tenant_id)))));`,
		},
		{
			// PostgreSQL gives the policy's own table an alias of its own
			// in a subquery.
			name: "equal, subquery on the policy's own table",
			mig:  `CREATE POLICY cap ON orders USING (total <= (SELECT max(total) FROM orders WHERE orders.status = 'x'));`,
			live: `CREATE POLICY cap ON public.orders AS PERMISSIVE FOR ALL TO PUBLIC USING ((total <= ( SELECT max(orders_1.total) AS max
				   FROM orders orders_1
				  WHERE (orders_1.status = 'x'::text))));`,
		},
		{
			name: "subquery reads the outer table instead",
			mig:  `CREATE POLICY cap ON orders USING (total <= (SELECT max(total) FROM orders o2));`,
			live: `CREATE POLICY cap ON public.orders AS PERMISSIVE FOR ALL TO PUBLIC USING ((total <= ( SELECT max(orders.total) AS max FROM orders o2)));`,
			want: []string{"TV402|public.orders|USING"},
		},
		{
			name: "equal, rewrites of the analyser",
			mig: `CREATE POLICY tenant ON orders USING (tenant_id IN (id::text::uuid, 'a', 'b') AND (id, status) = (1, 'x')
				AND status IS NOT DISTINCT FROM 'y' AND total > 1e3 AND total < -1.5);`,
			live: `CREATE POLICY tenant ON public.orders AS PERMISSIVE FOR ALL TO PUBLIC USING ((((tenant_id = ANY (ARRAY['a'::uuid, 'b'::uuid]))
				OR (tenant_id = ((id)::text)::uuid)) AND ((id = 1) AND (status = 'x'::text)) AND (NOT (status IS DISTINCT FROM 'y'::text))
				AND (total > '1000'::numeric) AND (total < '-1.5'::numeric)));`,
		},
		{
			name: "number changed",
			mig:  `CREATE POLICY tenant ON orders USING (total > 1e3);`,
			live: `CREATE POLICY tenant ON public.orders AS PERMISSIVE FOR ALL TO PUBLIC USING ((total > '100'::numeric));`,
			want: []string{"TV402|public.orders|USING"},
		},
		{
			name: "IN list changed",
			mig:  `CREATE POLICY tenant ON orders USING (status IN ('a', 'b'));`,
			live: `CREATE POLICY tenant ON public.orders AS PERMISSIVE FOR ALL TO PUBLIC USING ((status = ANY (ARRAY['a'::text, 'c'::text])));`,
			want: []string{"TV402|public.orders|USING"},
		},
		{
			name: "equal, NOT BETWEEN and nested AND",
			mig:  `CREATE POLICY tenant ON orders USING (total NOT BETWEEN 1 AND 2 AND (status = 'a' AND (status <> 'b' AND total > 0)));`,
			live: `CREATE POLICY tenant ON public.orders AS PERMISSIVE FOR ALL TO PUBLIC USING ((((total < (1)::numeric) OR (total > (2)::numeric))
				AND ((status = 'a'::text) AND ((status <> 'b'::text) AND (total > (0)::numeric)))));`,
		},
		{
			// The normal form drops casts, so a cast changed by hand is
			// not drift; TV402's text says so.
			name: "equal, only a cast differs",
			mig:  tenantPolicy,
			live: strings.ReplaceAll(tenantPolicyLive, "::uuid", "::text"),
		},
		{
			name: "subquery qualifier changed",
			mig:  `CREATE POLICY member ON orders USING (EXISTS (SELECT 1 FROM members m WHERE m.tenant_id = orders.tenant_id));`,
			live: `CREATE POLICY member ON public.orders AS PERMISSIVE FOR ALL TO PUBLIC USING ((EXISTS ( SELECT 1 FROM members m WHERE (m.tenant_id = m.tenant_id))));`,
			want: []string{"TV402|public.orders|USING"},
		},
		{
			name: "operands swapped",
			mig:  `CREATE POLICY tenant ON orders USING (status < 'm');`,
			live: `CREATE POLICY tenant ON public.orders AS PERMISSIVE FOR ALL TO PUBLIC USING (('m'::text < status));`,
			want: []string{"TV402|public.orders|USING"},
		},
		{
			name: "function changed",
			mig:  tenantPolicy,
			live: strings.ReplaceAll(tenantPolicyLive, "current_setting", "public.tenant_setting"),
			want: []string{"TV402|public.orders|USING"},
		},
		{
			name: "equal, CURRENT_USER stored by name",
			mig:  `CREATE POLICY tenant ON orders TO CURRENT_USER USING (true);`,
			live: `CREATE POLICY tenant ON public.orders AS PERMISSIVE FOR ALL TO postgres USING (true);`,
		},
		{
			name: "equal, roles the migrations make bypass",
			mig:  `CREATE ROLE admin BYPASSRLS; CREATE ROLE root SUPERUSER; ALTER ROLE root BYPASSRLS;`,
			live: `CREATE ROLE admin WITH BYPASSRLS; CREATE ROLE root WITH SUPERUSER BYPASSRLS;`,
		},
		{
			name: "equal, live-only table and its policy",
			live: `CREATE TABLE public.audit (tenant_id uuid); CREATE POLICY open ON public.audit AS PERMISSIVE FOR ALL TO PUBLIC USING (true);
				CREATE POLICY open ON public.countries AS PERMISSIVE FOR ALL TO PUBLIC USING (true);`,
		},
		{
			name:       "RLS disabled and not forced",
			liveTables: strings.NewReplacer("ALTER TABLE public.orders ENABLE ROW LEVEL SECURITY;", "", "ALTER TABLE public.items FORCE ROW LEVEL SECURITY;", "").Replace(driftLiveTables),
			want:       []string{"TV401|public.items|force", "TV401|public.orders|enable"},
		},
		{
			name:       "table missing",
			mig:        tenantPolicy,
			liveTables: strings.ReplaceAll(strings.ReplaceAll(driftLiveTables, "public.items", "public.other"), "items_pkey", "other_pkey"),
			live:       tenantPolicyLive,
			want:       []string{"TV401|public.items|does not exist"},
		},
		{
			name: "policy added",
			mig:  tenantPolicy,
			live: tenantPolicyLive + `CREATE POLICY support ON public.orders AS PERMISSIVE FOR ALL TO support USING (true);`,
			want: []string{`TV402|public.orders|"support" on public.orders is in the database but not`},
		},
		{
			name: "policy dropped",
			mig:  tenantPolicy + `CREATE POLICY items_tenant ON items USING (tenant_id = current_setting('app.tenant_id')::uuid);`,
			live: tenantPolicyLive,
			want: []string{`TV402|public.items|"items_tenant" on public.items is in the migrations but not`},
		},
		{
			name: "policy USING changed",
			mig:  tenantPolicy,
			live: `CREATE POLICY tenant ON public.orders AS PERMISSIVE FOR ALL TO PUBLIC USING ((tenant_id IS NOT NULL));`,
			want: []string{"TV402|public.orders|USING (tenant_id = current_setting('app.tenant_id')::uuid) in the migrations, (tenant_id IS NOT NULL) in the database"},
		},
		{
			name: "policy WITH CHECK added",
			mig:  tenantPolicy,
			live: `CREATE POLICY tenant ON public.orders AS PERMISSIVE FOR ALL TO PUBLIC USING ((tenant_id = (current_setting('app.tenant_id'::text))::uuid)) WITH CHECK (true);`,
			want: []string{"TV402|public.orders|WITH CHECK none in the migrations, (true) in the database"},
		},
		{
			name: "policy constant changed",
			mig:  tenantPolicy,
			live: strings.ReplaceAll(tenantPolicyLive, "app.tenant_id", "app.tenant"),
			want: []string{"TV402|public.orders|USING"},
		},
		{
			name: "policy command, permissiveness and roles changed",
			mig:  tenantPolicy,
			live: strings.NewReplacer("PERMISSIVE", "RESTRICTIVE", "ALL", "SELECT", "PUBLIC", "app").Replace(tenantPolicyLive),
			want: []string{"TV402|public.orders|FOR ALL in the migrations, FOR SELECT in the database; AS PERMISSIVE in the migrations, AS RESTRICTIVE in the database; TO public in the migrations, TO app in the database"},
		},
		{
			name:       "tenant column nullable",
			liveTables: strings.Replace(driftLiveTables, "tenant_id uuid NOT NULL, status", "tenant_id uuid, status", 1),
			want:       []string{`TV403|public.orders|tenant_id of public.orders is NOT NULL in the migrations but nullable`},
		},
		{
			// A table that lost its tenant column is still compared: it
			// is a tenant table of the migrations.
			name:       "tenant column missing",
			liveTables: strings.Replace(driftLiveTables, "tenant_id uuid NOT NULL, order_id", "order_id", 1),
			want:       []string{`TV403|public.items|tenant_id of public.items is missing`},
		},
		{
			name: "role bypasses live only",
			mig:  `CREATE ROLE app; CREATE ROLE admin BYPASSRLS;`,
			live: `CREATE ROLE app WITH BYPASSRLS; CREATE ROLE admin WITH SUPERUSER BYPASSRLS; CREATE ROLE ops WITH SUPERUSER;`,
			want: []string{`TV404|role admin|"admin" has SUPERUSER in`, `TV404|role app|"app" has BYPASSRLS in`, `TV404|role ops|"ops" has SUPERUSER in`},
		},
		{
			name: "equal, the function the policy calls",
			mig:  currentTenant + `CREATE POLICY tenant ON orders USING (tenant_id = current_tenant());`,
			live: currentTenantLive("SELECT current_setting('app.tenant_id')::uuid", "") +
				`CREATE POLICY tenant ON public.orders AS PERMISSIVE FOR ALL TO PUBLIC USING ((tenant_id = current_tenant()));`,
		},
		{
			name: "the function the policy calls, changed",
			mig:  currentTenant + `CREATE POLICY tenant ON orders USING (tenant_id = current_tenant());`,
			live: currentTenantLive("SELECT '6f1c0000-0000-0000-0000-000000000000'::uuid", " SECURITY DEFINER") +
				`CREATE POLICY tenant ON public.orders AS PERMISSIVE FOR ALL TO PUBLIC USING ((tenant_id = current_tenant()));`,
			want: []string{`TV407|function public.current_tenant()|SECURITY INVOKER in the migrations, SECURITY DEFINER in the database; its body differs`},
		},
		{
			name: "a function the policy calls, only live",
			live: currentTenantLive("SELECT current_setting('app.tenant_id')::uuid", "") +
				`CREATE POLICY tenant ON public.orders AS PERMISSIVE FOR ALL TO PUBLIC USING ((tenant_id = current_tenant()));`,
			want: []string{`TV407|function public.current_tenant()|in the database but not in the migrations`, `TV402|public.orders|"tenant" on public.orders is in the database but not`},
		},
		{
			// Only what the policies call is compared.
			name: "a function no policy calls, changed",
			mig:  currentTenant,
			live: currentTenantLive("SELECT NULL::uuid", ""),
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			liveTables := driftLiveTables
			if c.liveTables != "" {
				liveTables = c.liveTables
			}
			mig := loadDriftCatalog(t, driftTables+c.mig)
			live := loadDriftCatalog(t, liveTables+c.live)
			tenancy := &sqlcheck.Tenancy{Columns: []string{"tenant_id"}, Catalog: mig}
			got := tenancy.Drift(live)
			var lines []string
			for _, f := range got {
				lines = append(lines, f.ID+" "+f.Table+" "+f.Message)
				if f.File != "" || f.Pos != 0 || f.Fingerprint == "" || strings.HasSuffix(f.Message, ".") || !strings.HasPrefix(f.Table, "public.") && !strings.HasPrefix(f.Table, "role ") && !strings.HasPrefix(f.Table, "function public.") {
					t.Errorf("malformed finding %+v", f)
				}
			}
			if len(lines) != len(c.want) {
				t.Fatalf("got %d findings, want %d:\n%s", len(lines), len(c.want), strings.Join(lines, "\n"))
			}
			for i, w := range c.want {
				id, rest, _ := strings.Cut(w, "|")
				object, text, _ := strings.Cut(rest, "|")
				if got[i].ID != id || got[i].Table != object || !strings.Contains(got[i].Message, text) {
					t.Errorf("finding %d = %s\nwant %s %s, with %q", i, lines[i], id, object, text)
				}
			}
			if again := tenancy.Drift(live); !slices.Equal(again, got) {
				t.Errorf("a second Drift differs:\n%v\n%v", again, got)
			}
		})
	}
}

// TestDriftRefusesQueryModel: a catalog decoded from a query model has no
// policies, so Drift against it would report every live policy as added.
func TestDriftRefusesQueryModel(t *testing.T) {
	mig := loadDriftCatalog(t, driftTables)
	data, err := (&sqlcheck.Tenancy{Columns: []string{"tenant_id"}, Catalog: mig}).EncodeQueryModel()
	if err != nil {
		t.Fatal(err)
	}
	decoded := &sqlcheck.Tenancy{Columns: []string{"tenant_id"}}
	if err := decoded.DecodeQueryModel(data); err != nil {
		t.Fatal(err)
	}
	defer func() {
		if recover() == nil {
			t.Error("Drift compared a query model")
		}
	}()
	decoded.Drift(mig)
}

func loadDriftCatalog(t *testing.T, sql string) *sqlcheck.Catalog {
	t.Helper()
	cat, err := sqlcheck.LoadCatalog([]sqlcheck.MigrationFile{{Path: "drift.sql", SQL: sql}})
	if err != nil {
		t.Fatal(err)
	}
	return cat
}
