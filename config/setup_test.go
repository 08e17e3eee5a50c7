package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tenantvet/tenantvet/internal/testfs"
)

// setupSchema is the schema of TestCheckSetup: three tenant tables, a
// global one, a view and a policy that calls app.current_tenant().
const setupSchema = `
CREATE TABLE orders (id int PRIMARY KEY, tenant_id uuid NOT NULL);
CREATE TABLE invoices (id int PRIMARY KEY, tenant_id uuid NOT NULL, order_id int);
CREATE TABLE customers (id int PRIMARY KEY, tenant_id uuid NOT NULL, org_id int);
CREATE TABLE plans (id int PRIMARY KEY, name text);
CREATE VIEW order_totals AS SELECT tenant_id, count(*) FROM orders GROUP BY tenant_id;
ALTER TABLE orders ENABLE ROW LEVEL SECURITY;
CREATE POLICY iso ON orders USING (tenant_id = app.current_tenant());
`

func TestCheckSetup(t *testing.T) {
	tests := []struct {
		name   string
		yaml   string // migrations: [db] is added
		schema string // default setupSchema
		err    string // "PATH" stands for the config file; "" for none
	}{
		{name: "tenant tables found", yaml: "tenant_column: tenant_id\n"},
		{
			name: "a misspelt tenant column finds none",
			yaml: "tenant_column: tenantid\n",
			err:  `PATH:1: tenant_column: no tenant tables: of the 4 tables that the migrations define, none has a column "tenantid" (did you mean tenant_id, on 3 tables?); name the tenant column in tenant_column, or set allow_no_tenant_tables: true if the module has no tenant tables yet`,
		},
		{
			name:   "the default column, with nothing near",
			yaml:   "strict: false\n",
			schema: "CREATE TABLE orders (id int, org uuid);\n",
			err:    `PATH: tenant_column: no tenant tables: of the 1 table that the migrations define, none has a column "tenant_id"; name the tenant column in tenant_column, or set allow_no_tenant_tables: true if the module has no tenant tables yet`,
		},
		{
			name: "every tenant table exempt",
			yaml: "exempt: [orders, invoices, customers]\n",
			err:  `PATH: tenant_column: no tenant tables: of the 4 tables that the migrations define, none has a column "tenant_id" but for 3 that are exempt; name the tenant column in tenant_column, or set allow_no_tenant_tables: true if the module has no tenant tables yet`,
		},
		{name: "none yet, and said so", yaml: "allow_no_tenant_tables: true\n", schema: "CREATE TABLE plans (id int);\n"},
		{
			// Left in place, it would hide a tenant_column that finds none.
			name: "said none, but there are some",
			yaml: "allow_no_tenant_tables: true\n",
			err:  "PATH:1: allow_no_tenant_tables: the module has 3 tenant tables, so remove it: it would hide a tenant_column that finds none",
		},
		{
			name: "a tables entry that names nothing",
			yaml: "tables:\n  - plans\n  - ordres\n",
			err:  `PATH:3: tables: "ordres" names no table or view that the migrations define; did you mean orders?`,
		},
		{
			name: "an exempt entry that names nothing, and nothing near",
			yaml: "exempt: [plans, audit_log]\n",
			err:  `PATH:1: exempt: "audit_log" names no table or view that the migrations define`,
		},
		{name: "a view may be exempt", yaml: "exempt: [order_totals, public.plans]\n"},
		{name: "a tenant function the policies call", yaml: "tenant_functions: [app.current_tenant, current_tenant]\n"},
		{
			name: "a tenant function no policy calls",
			yaml: "tenant_functions:\n  - app.current_tenant\n  - app.tenant\n",
			err:  `PATH:3: tenant_functions: no policy calls "app.tenant", so it checks nothing; remove it or name the function that the policies call`,
		},
		{
			name: "several problems, a line each",
			yaml: "tenant_column: tenantid\nexempt: [plan]\n",
			err: `PATH:1: tenant_column: no tenant tables: of the 4 tables that the migrations define, none has a column "tenantid" (did you mean tenant_id, on 3 tables?); name the tenant column in tenant_column, or set allow_no_tenant_tables: true if the module has no tenant tables yet` + "\n" +
				`PATH:2: exempt: "plan" names no table or view that the migrations define; did you mean plans?`,
		},
	}
	t.Setenv(CacheEnv, "off")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			schema := tt.schema
			if schema == "" {
				schema = setupSchema
			}
			path := filepath.Join(root, ".tenantvet.yaml")
			testfs.Write(t, root, map[string]string{"db/001_init.sql": schema, ".tenantvet.yaml": tt.yaml + "migrations: [db]\n"})
			c, err := Load(path)
			if err != nil {
				t.Fatal(err)
			}
			ten, err := c.QueryTenancy()
			if err != nil {
				t.Fatal(err)
			}
			err = c.CheckSetup(ten)
			want := strings.ReplaceAll(tt.err, "PATH", path)
			if tt.err == "" && err != nil || tt.err != "" && (err == nil || err.Error() != want) {
				t.Errorf("CheckSetup:\n got %v\nwant %s", err, want)
			}
		})
	}
}

// TestCheckSetupFromQueryModel: the query model that go vet's processes
// read keeps what the setup checks need, the policies' calls among them.
func TestCheckSetupFromQueryModel(t *testing.T) {
	t.Setenv(CacheEnv, t.TempDir())
	root := t.TempDir()
	testfs.Write(t, root, map[string]string{"db/001_init.sql": setupSchema})
	old := time.Now().Add(-time.Hour)
	os.Chtimes(filepath.Join(root, "db/001_init.sql"), old, old)
	for _, fns := range [][]string{{"app.current_tenant"}, {"app.tenant"}} {
		c := &Config{Dir: root, Migrations: []string{"db"}, TenantFunctions: fns}
		replayed, err := c.QueryTenancy()
		if err != nil {
			t.Fatal(err)
		}
		cached, err := c.QueryTenancy()
		if err != nil {
			t.Fatal(err)
		}
		if !cached.QueriesOnly() {
			t.Fatal("the second QueryTenancy did not read the cache")
		}
		if a, b := c.CheckSetup(replayed), c.CheckSetup(cached); (a == nil) != (b == nil) {
			t.Errorf("tenant_functions %v: CheckSetup on the replay = %v, on the query model = %v", fns, a, b)
		}
	}
}
