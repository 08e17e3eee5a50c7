package sqlcheck

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// catalogFiles makes one migration file per SQL string, named 1.sql, 2.sql, ….
func catalogFiles(sqls ...string) []MigrationFile {
	fs := make([]MigrationFile, len(sqls))
	for i, s := range sqls {
		fs[i] = MigrationFile{Path: fmt.Sprintf("%d.sql", i+1), SQL: s}
	}
	return fs
}

// dumpCatalog renders every relation as "schema.name(col, notnull!, …)",
// prefixed with "view " for views and materialized views.
func dumpCatalog(t *testing.T, c *Catalog) []string {
	t.Helper()
	var out []string
	for _, tab := range c.Tables() {
		if c.Table(tab.Name) != tab {
			t.Errorf("table %v is not stored under its own name", tab.Name)
		}
		cols := make([]string, len(tab.Columns))
		for i, col := range tab.Columns {
			cols[i] = col.Name
			if col.NotNull {
				cols[i] += "!"
			}
		}
		s := fmt.Sprintf("%s.%s(%s)", tab.Name.Schema, tab.Name.Name, strings.Join(cols, ", "))
		if tab.View {
			s = "view " + s
		}
		out = append(out, s)
	}
	return out
}

const ordersDDL = `CREATE TABLE orders (id bigint PRIMARY KEY, tenant_id uuid NOT NULL, note text);`

func TestLoadCatalog(t *testing.T) {
	tests := []struct {
		name string
		sql  []string // one migration file each
		want []string // as dumpCatalog renders it
	}{
		// ALTER on a parent reaches its partitions and children.
		{
			name: "add column to a partitioned table",
			sql: []string{`CREATE TABLE events (id bigint, at date) PARTITION BY RANGE (at);
				CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
				ALTER TABLE events ADD COLUMN tenant_id uuid;`},
			want: []string{"public.events(id, at, tenant_id)", "public.events_2024(id, at, tenant_id)"},
		},
		{
			name: "only alters the parent alone",
			sql: []string{`CREATE TABLE base (id bigint); CREATE TABLE sub (x int) INHERITS (base);
				ALTER TABLE ONLY base ADD COLUMN note text;`},
			want: []string{"public.base(id, note)", "public.sub(id, x)"},
		},
		{
			name: "rename column reaches grandchildren",
			sql: []string{`CREATE TABLE a (tid uuid); CREATE TABLE b () INHERITS (a); CREATE TABLE c () INHERITS (b);
				ALTER TABLE a RENAME COLUMN tid TO tenant_id;`},
			want: []string{"public.a(tenant_id)", "public.b(tenant_id)", "public.c(tenant_id)"},
		},
		{
			name: "a child's own column outlives its parent's",
			sql: []string{`CREATE TABLE p (a int, c int); CREATE TABLE k (c int) INHERITS (p); CREATE TABLE g () INHERITS (k);
				ALTER TABLE p DROP COLUMN c; ALTER TABLE p DROP COLUMN a;`},
			want: []string{"public.g(c)", "public.k(c)", "public.p()"},
		},
		{
			name: "a column from two parents outlives one of them",
			sql: []string{`CREATE TABLE p (a int); CREATE TABLE q (a int); CREATE TABLE k () INHERITS (p, q);
				ALTER TABLE p DROP COLUMN a;`},
			want: []string{"public.k(a)", "public.p()", "public.q(a)"},
		},
		{
			name: "drop column only leaves the children theirs",
			sql: []string{`CREATE TABLE p (a int); CREATE TABLE k () INHERITS (p); ALTER TABLE ONLY p DROP COLUMN a;
				ALTER TABLE p ADD COLUMN b int; ALTER TABLE p DROP COLUMN b;`},
			want: []string{"public.k(a)", "public.p()"},
		},
		{
			name: "drop of a column the parent lacks does not reach the children",
			sql:  []string{`CREATE TABLE p (a int); CREATE TABLE k (c int) INHERITS (p); ALTER TABLE p DROP COLUMN IF EXISTS c;`},
			want: []string{"public.k(a, c)", "public.p(a)"},
		},
		{
			name: "an added column merges into a child's own",
			sql: []string{`CREATE TABLE p (a int); CREATE TABLE k (c int) INHERITS (p); ALTER TABLE p ADD COLUMN c int;
				ALTER TABLE p DROP COLUMN c;`},
			want: []string{"public.k(a, c)", "public.p(a)"},
		},
		{
			name: "a primary key makes the children's columns not null",
			sql:  []string{`CREATE TABLE p (a int); CREATE TABLE k () INHERITS (p); CREATE TABLE g () INHERITS (k); ALTER TABLE p ADD PRIMARY KEY (a);`},
			want: []string{"public.g(a!)", "public.k(a!)", "public.p(a!)"},
		},
		// CREATE TABLE
		{
			name: "column constraints",
			sql: []string{`CREATE TABLE orders (
				id bigint PRIMARY KEY,
				tenant_id uuid NOT NULL REFERENCES tenants,
				note text NULL,
				amount int DEFAULT 0 CHECK (amount >= 0),
				code text UNIQUE
			);`},
			want: []string{"public.orders(id!, tenant_id!, note, amount, code)"},
		},
		{
			name: "table-level composite primary key",
			sql:  []string{`CREATE TABLE items (tenant_id uuid, id bigint, name text, CONSTRAINT items_pk PRIMARY KEY (tenant_id, id), UNIQUE (name));`},
			want: []string{"public.items(tenant_id!, id!, name)"},
		},
		{
			// PostgreSQL applies table constraints after all columns, wherever
			// they are written.
			name: "table-level primary key before its column",
			sql:  []string{`CREATE TABLE t (PRIMARY KEY (id), id int);`},
			want: []string{"public.t(id!)"},
		},
		{
			name: "if not exists on existing table changes nothing",
			sql:  []string{`CREATE TABLE t (a int);`, `CREATE TABLE IF NOT EXISTS t (b int NOT NULL);`},
			want: []string{"public.t(a)"},
		},
		{
			name: "if not exists on new table creates it",
			sql:  []string{`CREATE TABLE IF NOT EXISTS t (b int NOT NULL);`},
			want: []string{"public.t(b!)"},
		},
		{
			name: "empty table",
			sql:  []string{`CREATE TABLE t ();`},
			want: []string{"public.t()"},
		},
		{
			name: "several statements and files",
			sql:  []string{"CREATE TABLE a (x int);\nCREATE TABLE b (y int);", `CREATE TABLE billing.c (z int);`},
			want: []string{"billing.c(z)", "public.a(x)", "public.b(y)"},
		},

		// Parents
		{
			name: "partition of inherits parent columns",
			sql: []string{
				`CREATE TABLE events (tenant_id uuid NOT NULL, at timestamptz, payload jsonb) PARTITION BY RANGE (at);`,
				`CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');`,
				`CREATE TABLE events_2025 PARTITION OF events (at NOT NULL) FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');`,
			},
			want: []string{
				"public.events(tenant_id!, at, payload)",
				"public.events_2024(tenant_id!, at, payload)",
				"public.events_2025(tenant_id!, at!, payload)",
			},
		},
		{
			name: "partition of schema-qualified parent",
			sql: []string{
				`CREATE TABLE audit.log (tenant_id uuid, n int) PARTITION BY LIST (n);`,
				`CREATE TABLE audit.log_1 PARTITION OF audit.log FOR VALUES IN (1);`,
			},
			want: []string{"audit.log(tenant_id, n)", "audit.log_1(tenant_id, n)"},
		},
		{
			name: "inherits puts parent columns first and merges redeclared ones",
			sql: []string{
				`CREATE TABLE base (tenant_id uuid NOT NULL, id int);`,
				`CREATE TABLE other (flag bool);`,
				`CREATE TABLE child (extra text, id int NOT NULL) INHERITS (base, other);`,
			},
			want: []string{
				"public.base(tenant_id!, id)",
				"public.child(tenant_id!, id!, flag, extra)",
				"public.other(flag)",
			},
		},
		{
			name: "like copies columns where it stands",
			sql: []string{
				`CREATE TABLE base (tenant_id uuid NOT NULL, id int);`,
				`CREATE TABLE copy (a int, LIKE base INCLUDING ALL, z int);`,
			},
			want: []string{"public.base(tenant_id!, id)", "public.copy(a, tenant_id!, id, z)"},
		},
		{
			name: "child does not share parent's columns",
			sql: []string{
				`CREATE TABLE base (a int);`,
				`CREATE TABLE child () INHERITS (base);`,
				`ALTER TABLE child ALTER COLUMN a SET NOT NULL;`,
			},
			want: []string{"public.base(a)", "public.child(a!)"},
		},
		{
			name: "unknown parents contribute nothing",
			sql: []string{
				`CREATE TABLE p PARTITION OF nowhere FOR VALUES IN (1);`,
				`CREATE TABLE c (x int) INHERITS (nowhere);`,
				`CREATE TABLE l (LIKE nowhere, y int);`,
			},
			want: []string{"public.c(x)", "public.l(y)", "public.p()"},
		},

		// ALTER TABLE
		{
			name: "add column",
			sql: []string{ordersDDL,
				`ALTER TABLE orders ADD COLUMN a int, ADD b int NOT NULL;
				 ALTER TABLE IF EXISTS orders ADD COLUMN IF NOT EXISTS d text;`},
			want: []string{"public.orders(id!, tenant_id!, note, a, b!, d)"},
		},
		{
			name: "add primary key column",
			sql:  []string{`CREATE TABLE t (a int);`, `ALTER TABLE ONLY t ADD COLUMN id int PRIMARY KEY;`},
			want: []string{"public.t(a, id!)"},
		},
		{
			// PostgreSQL skips the whole definition with a notice.
			name: "add column if not exists on existing column changes nothing",
			sql:  []string{ordersDDL, `ALTER TABLE orders ADD COLUMN IF NOT EXISTS note text NOT NULL;`},
			want: []string{"public.orders(id!, tenant_id!, note)"},
		},
		{
			name: "drop column",
			sql:  []string{ordersDDL, `ALTER TABLE orders DROP COLUMN note; ALTER TABLE orders DROP id CASCADE, DROP COLUMN IF EXISTS nope;`},
			want: []string{"public.orders(tenant_id!)"},
		},
		{
			name: "rename column",
			sql: []string{ordersDDL,
				`ALTER TABLE orders RENAME COLUMN note TO memo; ALTER TABLE orders RENAME tenant_id TO "tenantId";
				 ALTER TABLE orders RENAME COLUMN nope TO other;`},
			want: []string{"public.orders(id!, tenantId!, memo)"},
		},
		{
			name: "set and drop not null",
			sql:  []string{ordersDDL, `ALTER TABLE orders ALTER COLUMN note SET NOT NULL, ALTER tenant_id DROP NOT NULL; ALTER TABLE orders ALTER nope SET NOT NULL;`},
			want: []string{"public.orders(id!, tenant_id, note!)"},
		},
		{
			name: "add primary key constraint",
			sql:  []string{`CREATE TABLE t (a int, b int, c int);`, `ALTER TABLE t ADD PRIMARY KEY (a); ALTER TABLE t ADD CONSTRAINT t_u UNIQUE (b);`},
			want: []string{"public.t(a!, b, c)"},
		},
		{
			name: "rename table",
			sql: []string{ordersDDL, `CREATE TABLE billing.invoices (x int);`,
				`ALTER TABLE orders RENAME TO purchases; ALTER TABLE billing.invoices RENAME TO bills;`,
				`ALTER TABLE purchases ADD COLUMN y int;`},
			want: []string{"billing.bills(x)", "public.purchases(id!, tenant_id!, note, y)"},
		},
		{
			name: "rename view and materialized view",
			sql: []string{ordersDDL,
				`CREATE VIEW v AS SELECT id FROM orders; CREATE MATERIALIZED VIEW m AS SELECT note FROM orders;`,
				`ALTER VIEW v RENAME TO w; ALTER MATERIALIZED VIEW m RENAME TO n; ALTER VIEW w RENAME COLUMN id TO ident;`},
			want: []string{"view public.n(note)", "public.orders(id!, tenant_id!, note)", "view public.w(ident)"},
		},
		{
			name: "set schema",
			sql: []string{ordersDDL,
				`ALTER TABLE orders SET SCHEMA billing;`,
				`ALTER TABLE orders ADD COLUMN lost int; ALTER TABLE billing.orders ADD COLUMN kept int;`},
			want: []string{"billing.orders(id!, tenant_id!, note, kept)"},
		},
		{
			name: "alter on unknown table is ignored",
			sql: []string{ordersDDL, `
				ALTER TABLE ghost ADD COLUMN tenant_id uuid;
				ALTER TABLE ghost RENAME TO orders2;
				ALTER TABLE ghost RENAME COLUMN a TO b;
				ALTER TABLE ghost SET SCHEMA billing;
				ALTER TABLE IF EXISTS ghost DROP COLUMN x;
				ALTER TABLE billing.orders DROP COLUMN tenant_id;`},
			want: []string{"public.orders(id!, tenant_id!, note)"},
		},

		// DROP
		{
			name: "drop tables",
			sql: []string{
				`CREATE TABLE a (x int); CREATE TABLE b (x int); CREATE TABLE billing.b (x int); CREATE TABLE billing.c (x int); CREATE TABLE d (x int);`,
				`DROP TABLE a, billing.b; DROP TABLE IF EXISTS d, nope CASCADE;`,
			},
			want: []string{"billing.c(x)", "public.b(x)"},
		},
		{
			name: "drop views",
			sql: []string{ordersDDL,
				`CREATE VIEW v AS SELECT id FROM orders; CREATE VIEW w AS SELECT id FROM orders; CREATE MATERIALIZED VIEW m AS SELECT id FROM orders;`,
				`DROP VIEW v; DROP MATERIALIZED VIEW IF EXISTS m;`},
			want: []string{"public.orders(id!, tenant_id!, note)", "view public.w(id)"},
		},

		// Views
		{
			name: "view target list names",
			sql: []string{ordersDDL, `CREATE VIEW v AS
				SELECT orders.id, tenant_id AS tid, lower(note), note::text, 1 AS one, count(*), 2, public.orders.id AS full
				FROM orders GROUP BY 1;`},
			want: []string{"public.orders(id!, tenant_id!, note)", "view public.v(id, tid, lower, note, one, count, ?column?, full)"},
		},
		{
			name: "view column aliases override leading names",
			sql:  []string{ordersDDL, `CREATE VIEW v (a, b) AS SELECT id, tenant_id, note FROM orders;`},
			want: []string{"public.orders(id!, tenant_id!, note)", "view public.v(a, b, note)"},
		},
		{
			name: "star expands from the catalog without not null",
			sql: []string{ordersDDL, `CREATE TABLE billing.inv (total int NOT NULL);`,
				`CREATE VIEW v AS SELECT * FROM orders; CREATE VIEW billing.w AS SELECT * FROM billing.inv;`},
			want: []string{"billing.inv(total!)", "view billing.w(total)", "public.orders(id!, tenant_id!, note)", "view public.v(id, tenant_id, note)"},
		},
		{
			name: "star over a join",
			sql: []string{`CREATE TABLE a (x int); CREATE TABLE b (y int); CREATE TABLE c (z int);`,
				`CREATE VIEW v AS SELECT * FROM a JOIN b ON true LEFT JOIN c ON true;`},
			want: []string{"public.a(x)", "public.b(y)", "public.c(z)", "view public.v(x, y, z)"},
		},
		{
			name: "qualified star",
			sql: []string{ordersDDL, `CREATE TABLE customers (cid int, name text);`,
				`CREATE VIEW v AS SELECT o.*, c.name FROM orders o JOIN customers c ON c.cid = o.id;
				 CREATE VIEW w AS SELECT customers.*, 1 AS one FROM orders, customers;`},
			want: []string{
				"public.customers(cid, name)",
				"public.orders(id!, tenant_id!, note)",
				"view public.v(id, tenant_id, note, name)",
				"view public.w(cid, name, one)",
			},
		},
		{
			name: "star from unknown table gives no columns",
			sql:  []string{`CREATE VIEW v AS SELECT *, 1 AS one FROM elsewhere;`},
			want: []string{"view public.v(one)"},
		},
		{
			name: "set operation takes the left names",
			sql:  []string{`CREATE VIEW v AS SELECT 1 AS a, 2 AS b UNION ALL SELECT 3 AS c, 4 AS d;`},
			want: []string{"view public.v(a, b)"},
		},
		{
			name: "create or replace view",
			sql:  []string{ordersDDL, `CREATE VIEW v AS SELECT id FROM orders;`, `CREATE OR REPLACE VIEW v AS SELECT id, tenant_id FROM orders;`},
			want: []string{"public.orders(id!, tenant_id!, note)", "view public.v(id, tenant_id)"},
		},
		{
			name: "view sees the catalog when created, not later changes",
			sql:  []string{ordersDDL, `CREATE VIEW v AS SELECT * FROM orders;`, `ALTER TABLE orders ADD COLUMN later int;`},
			want: []string{"public.orders(id!, tenant_id!, note, later)", "view public.v(id, tenant_id, note)"},
		},
		{
			name: "materialized view",
			sql: []string{ordersDDL,
				`CREATE MATERIALIZED VIEW m AS SELECT tenant_id, count(*) FROM orders GROUP BY tenant_id WITH NO DATA;
				 CREATE MATERIALIZED VIEW billing.m2 (t, n) AS SELECT tenant_id, count(*) FROM orders GROUP BY 1;`},
			want: []string{"view billing.m2(t, n)", "view public.m(tenant_id, count)", "public.orders(id!, tenant_id!, note)"},
		},
		{
			name: "create table as",
			sql: []string{ordersDDL,
				`CREATE TABLE archive AS SELECT * FROM orders WITH NO DATA;
				 CREATE TABLE pairs (x, y) AS SELECT id, tenant_id FROM orders;`},
			want: []string{"public.archive(id, tenant_id, note)", "public.orders(id!, tenant_id!, note)", "public.pairs(x, y)"},
		},
		{
			name: "create table as if not exists on existing table changes nothing",
			sql:  []string{ordersDDL, `CREATE TABLE IF NOT EXISTS orders AS SELECT 1 AS one;`},
			want: []string{"public.orders(id!, tenant_id!, note)"},
		},

		// Identifiers
		{
			name: "quoted identifiers keep case",
			sql: []string{`CREATE TABLE "APIToken" ("tenantId" uuid NOT NULL, "Value" text, plain int);`,
				`ALTER TABLE "APIToken" ADD COLUMN "Extra" int; ALTER TABLE APIToken ADD COLUMN lost int;`},
			want: []string{`public.APIToken(tenantId!, Value, plain, Extra)`},
		},
		{
			name: "unquoted identifiers fold to lower case",
			sql:  []string{`CREATE TABLE Orders (TENANT_ID uuid, Note text); CREATE TABLE Billing.Inv (X int);`, `ALTER TABLE ORDERS ADD COLUMN Extra int;`},
			want: []string{"billing.inv(x)", "public.orders(tenant_id, note, extra)"},
		},
		{
			name: "quoted schema",
			sql:  []string{`CREATE TABLE "Billing"."Inv" (id int); CREATE TABLE "public"."t" (a int);`},
			want: []string{"Billing.Inv(id)", "public.t(a)"},
		},

		// Skipped statements
		{
			name: "statements that do not change relations are skipped",
			sql: []string{ordersDDL, `
				BEGIN;
				CREATE EXTENSION IF NOT EXISTS pgcrypto;
				CREATE SCHEMA billing;
				CREATE TYPE mood AS ENUM ('ok');
				CREATE SEQUENCE seq; ALTER SEQUENCE seq RENAME TO seq2; ALTER SEQUENCE seq2 SET SCHEMA billing;
				CREATE INDEX orders_tenant ON orders (tenant_id);
				CREATE UNIQUE INDEX IF NOT EXISTS orders_note ON orders (tenant_id, note);
				ALTER INDEX orders_tenant RENAME TO orders_t;
				CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
				CREATE TRIGGER trg BEFORE INSERT ON orders FOR EACH ROW EXECUTE FUNCTION f();
				INSERT INTO orders (id, tenant_id) VALUES (1, gen_random_uuid());
				UPDATE orders SET note = 'x';
				GRANT SELECT ON orders TO app;
				COMMENT ON TABLE orders IS 'o';
				ALTER TABLE orders ENABLE ROW LEVEL SECURITY;
				ALTER TABLE orders ALTER COLUMN note TYPE varchar(10);
				ALTER TABLE orders RENAME CONSTRAINT orders_pkey TO pk;
				CREATE POLICY p ON orders USING (tenant_id = current_setting('app.tenant')::uuid);
				DO $$ BEGIN PERFORM 1; END $$;
				DROP INDEX orders_t;
				COMMIT;`},
			want: []string{"public.orders(id!, tenant_id!, note)"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := LoadCatalog(catalogFiles(tt.sql...))
			if err != nil {
				t.Fatalf("LoadCatalog: %v", err)
			}
			if got := dumpCatalog(t, c); !slices.Equal(got, tt.want) {
				t.Errorf("catalog:\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestLoadCatalogParseError(t *testing.T) {
	tests := []struct {
		name      string
		sql       string
		line, col int
		msg       string
	}{
		{
			name: "error on line 3",
			sql:  "-- second migration\nSELECT 1;\nCREATE TABLE b (id int,, x int);\n",
			line: 3, col: 24,
			msg: `syntax error at or near ","`,
		},
		{
			// The parser counts characters; columns count bytes, like LineCol.
			name: "column in bytes after multibyte text",
			sql:  "SELECT 1;\n\nCREATE TABLE \"café\" (id int,, x int);",
			line: 3, col: 30,
			msg: `syntax error at or near ","`,
		},
		{
			name: "unterminated statement at end of file",
			sql:  "CREATE TABLE a (x int);\n\nCREATE TABLE b (",
			line: 3, col: 17,
			msg: `syntax error at end of input`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			migs := []MigrationFile{
				{Path: "db/001_init.sql", SQL: "CREATE TABLE a (x int);"},
				{Path: "db/002_next.sql", SQL: tt.sql},
			}
			c, err := LoadCatalog(migs)
			if c != nil {
				t.Errorf("LoadCatalog returned a catalog with the error")
			}
			var me *MigrationError
			if !errors.As(err, &me) {
				t.Fatalf("LoadCatalog error = %#v, want a *MigrationError", err)
			}
			want := fmt.Sprintf("db/002_next.sql:%d:%d: migration does not parse: %s", tt.line, tt.col, tt.msg)
			if err.Error() != want {
				t.Errorf("error:\n got %q\nwant %q", err.Error(), want)
			}
			if me.Path != "db/002_next.sql" || me.Line != tt.line || me.Col != tt.col {
				t.Errorf("MigrationError = %+v, want path db/002_next.sql at %d:%d", me, tt.line, tt.col)
			}
		})
	}
}

func TestLoadCatalogOddInput(t *testing.T) {
	inputs := []string{
		"",
		"   \n\t\n",
		"-- only a comment\n",
		"/* block */",
		";;;",
		"DROP TABLE nope;",
		"DROP TABLE IF EXISTS nope, other.nope;",
		"DROP TABLE a.b.c.d;",
		"DROP VIEW nope; DROP MATERIALIZED VIEW nope;",
		"DROP SCHEMA billing CASCADE;",
		"ALTER TABLE nope DROP COLUMN x;",
		"ALTER TABLE ALL IN TABLESPACE a SET TABLESPACE b;",
		"CREATE VIEW v AS SELECT;",
		"CREATE VIEW v AS SELECT *;",
		"CREATE VIEW v AS VALUES (1, 2);",
		"CREATE VIEW v AS SELECT a.b.c.* FROM t;",
		"CREATE VIEW v AS SELECT (SELECT 1), (x).y, ARRAY[1], CASE WHEN true THEN 1 END;",
		"CREATE VIEW v AS SELECT * FROM (SELECT 1) s, generate_series(1, 2), LATERAL (SELECT 2) l;",
		"CREATE VIEW v AS WITH w AS (SELECT 1 AS x) SELECT * FROM w;",
		"CREATE TABLE x AS EXECUTE q;",
		"SELECT * INTO y FROM nope;",
		"CREATE TABLE t OF mood;",
		"CREATE FOREIGN TABLE f (a int) SERVER s;",
		"CREATE TABLE t (a int); ALTER TABLE t SET SCHEMA public; ALTER TABLE t RENAME TO u;",
		"ALTER TABLE nope RENAME a TO b; ALTER TABLE nope RENAME TO nope;",
	}
	for _, in := range inputs {
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Errorf("LoadCatalog(%q) panicked: %v", in, r)
				}
			}()
			if _, err := LoadCatalog(catalogFiles(in)); err != nil {
				t.Errorf("LoadCatalog(%q): %v", in, err)
			}
		}()
	}
	if c, err := LoadCatalog(nil); err != nil || len(c.Tables()) != 0 {
		t.Errorf("LoadCatalog(nil) = %v, %v; want an empty catalog", c.Tables(), err)
	}
}

func TestTenantColumn(t *testing.T) {
	cat, err := LoadCatalog(catalogFiles(`
		CREATE TABLE orders (id int, tenant_id uuid);
		CREATE TABLE "Widgets" ("tenantId" uuid);
		CREATE TABLE both_cols ("tenantId" uuid, tenant_id uuid);
		CREATE TABLE plans (tenant_id uuid);
		CREATE TABLE global (id int);
		CREATE TABLE billing.invoices (tenant_id uuid);
		CREATE VIEW order_view AS SELECT tenant_id FROM orders;`))
	if err != nil {
		t.Fatal(err)
	}
	var (
		cols     = []string{"tenant_id", "tenantId"}
		reversed = []string{"tenantId", "tenant_id"}
	)
	tests := []struct {
		name    string
		tenancy *Tenancy
		q       QName
		col     string
		ok      bool
	}{
		{"tenant_id", &Tenancy{Columns: cols, Catalog: cat}, QName{"public", "orders"}, "tenant_id", true},
		{"quoted column", &Tenancy{Columns: cols, Catalog: cat}, QName{"public", "Widgets"}, "tenantId", true},
		{"first configured column wins", &Tenancy{Columns: cols, Catalog: cat}, QName{"public", "both_cols"}, "tenant_id", true},
		{"first configured column wins reversed", &Tenancy{Columns: reversed, Catalog: cat}, QName{"public", "both_cols"}, "tenantId", true},
		{"view with the column", &Tenancy{Columns: cols, Catalog: cat}, QName{"public", "order_view"}, "tenant_id", true},
		{"other schema", &Tenancy{Columns: cols, Catalog: cat}, QName{"billing", "invoices"}, "tenant_id", true},
		{"same name in public is unknown", &Tenancy{Columns: cols, Catalog: cat}, QName{"public", "invoices"}, "", false},
		{"exempt despite column", &Tenancy{Columns: cols, Catalog: cat, Exempt: []QName{{"public", "plans"}}}, QName{"public", "plans"}, "", false},
		{"exempt despite tables", &Tenancy{Columns: cols, Catalog: cat, Tables: []QName{{"public", "global"}}, Exempt: []QName{{"public", "global"}}}, QName{"public", "global"}, "", false},
		{"listed but not in catalog", &Tenancy{Columns: reversed, Catalog: cat, Tables: []QName{{"public", "legacy"}}}, QName{"public", "legacy"}, "tenantId", true},
		{"listed in catalog without column", &Tenancy{Columns: cols, Catalog: cat, Tables: []QName{{"public", "global"}}}, QName{"public", "global"}, "tenant_id", true},
		{"no column, not listed", &Tenancy{Columns: cols, Catalog: cat}, QName{"public", "global"}, "", false},
		{"unknown, not listed", &Tenancy{Columns: cols, Catalog: cat}, QName{"public", "nope"}, "", false},
		{"column case matters", &Tenancy{Columns: []string{"tenantid"}, Catalog: cat}, QName{"public", "Widgets"}, "", false},
		{"nil catalog, listed", &Tenancy{Columns: cols, Tables: []QName{{"public", "orders"}}}, QName{"public", "orders"}, "tenant_id", true},
		{"nil catalog, not listed", &Tenancy{Columns: cols}, QName{"public", "orders"}, "", false},
	}
	for _, tt := range tests {
		col, ok := tt.tenancy.TenantColumn(tt.q)
		if col != tt.col || ok != tt.ok {
			t.Errorf("%s: TenantColumn(%v) = %q, %v; want %q, %v", tt.name, tt.q, col, ok, tt.col, tt.ok)
		}
	}
}

func TestParseQName(t *testing.T) {
	tests := []struct {
		in   string
		want QName
	}{
		{"orders", QName{"public", "orders"}},
		{"billing.orders", QName{"billing", "orders"}},
		{`"Order"`, QName{"public", "Order"}},
		{`billing."Order"`, QName{"billing", "Order"}},
		{`"my schema"."T"`, QName{"my schema", "T"}},
		{`"a""b"`, QName{"public", `a"b`}},
		{`public.orders`, QName{"public", "orders"}},
		// Config names are taken as PostgreSQL stores them: no case folding.
		{"Orders", QName{"public", "Orders"}},
		{`"a.b"`, QName{"public", "a.b"}},
		{`"s.x"."a.b"`, QName{"s.x", "a.b"}},
	}
	for _, tt := range tests {
		if got := ParseQName(tt.in); got != tt.want {
			t.Errorf("ParseQName(%q) = %#v, want %#v", tt.in, got, tt.want)
		}
	}
}

func TestQNameString(t *testing.T) {
	for q, want := range map[QName]string{
		{"public", "orders"}:  "orders",
		{"billing", "orders"}: "billing.orders",
	} {
		if got := q.String(); got != want {
			t.Errorf("%#v.String() = %q, want %q", q, got, want)
		}
	}
}

// TestCatalogDetails checks replay details that the table dump does not
// show: view options, index names and drops that reach further.
func TestCatalogDetails(t *testing.T) {
	for _, tc := range []struct {
		name string
		sql  string
		want string // from describe
	}{
		{"security_invoker yes", "CREATE TABLE t (a int); CREATE VIEW v WITH (security_invoker = yes) AS SELECT a FROM t;", "t | v invoker"},
		{"security_invoker quoted t", "CREATE TABLE t (a int); CREATE VIEW v WITH (security_invoker = 't') AS SELECT a FROM t;", "t | v invoker"},
		{"security_invoker off", "CREATE TABLE t (a int); CREATE VIEW v WITH (security_invoker = off) AS SELECT a FROM t;", "t | v"},
		{"reset security_invoker", "CREATE TABLE t (a int); CREATE VIEW v WITH (security_invoker) AS SELECT a FROM t; ALTER VIEW v RESET (security_invoker);", "t | v"},
		{"index rename then drop", "CREATE TABLE t (a int); CREATE INDEX i ON t (a); ALTER INDEX i RENAME TO j; DROP INDEX j;", "t"},
		{"default index name", "CREATE TABLE t (a int, b int); CREATE INDEX ON t (a, b); DROP INDEX t_a_b_idx;", "t"},
		{"drop unique constraint by default name", "CREATE TABLE t (a int UNIQUE, b int); ALTER TABLE t DROP CONSTRAINT t_a_key;", "t"},
		{"primary key using index", "CREATE TABLE t (a int); CREATE UNIQUE INDEX i ON t (a); ALTER TABLE t ADD CONSTRAINT p PRIMARY KEY USING INDEX i;", "t i(a)pk"},
		{"drop table cascade drops views", "CREATE TABLE t (a int); CREATE VIEW v AS SELECT a FROM t; CREATE VIEW w AS SELECT a FROM v; DROP TABLE t CASCADE;", ""},
		{"drop schema cascade", "CREATE SCHEMA s; CREATE TABLE s.t (a int); CREATE TABLE u (a int); DROP SCHEMA s CASCADE;", "u"},
		{"rls does not reach partitions", "CREATE TABLE p (a int) PARTITION BY LIST (a); CREATE TABLE p1 PARTITION OF p FOR VALUES IN (1); ALTER TABLE p ENABLE ROW LEVEL SECURITY;", "p rls | p1"},
		{"like including all copies keys and indexes", likeSource + "CREATE TABLE b (LIKE a INCLUDING ALL);",
			"a a_pkey(tenant_id,id)pk a_tenant_id_email_key(tenant_id,email) a_email_idx(email) | b b_pkey(tenant_id,id)pk b_tenant_id_email_key(tenant_id,email) b_email_idx(email)"},
		{"like including indexes", likeSource + "CREATE TABLE b (LIKE a INCLUDING INDEXES); ALTER TABLE b DROP CONSTRAINT b_tenant_id_email_key; DROP INDEX b_email_idx;",
			"a a_pkey(tenant_id,id)pk a_tenant_id_email_key(tenant_id,email) a_email_idx(email) | b b_pkey(tenant_id,id)pk"},
		{"like copies no index by default", likeSource + "CREATE TABLE b (LIKE a);",
			"a a_pkey(tenant_id,id)pk a_tenant_id_email_key(tenant_id,email) a_email_idx(email) | b"},
		{"like excluding indexes", likeSource + "CREATE TABLE b (LIKE a INCLUDING ALL EXCLUDING INDEXES);",
			"a a_pkey(tenant_id,id)pk a_tenant_id_email_key(tenant_id,email) a_email_idx(email) | b"},
		{"drop table cascade drops children", "CREATE TABLE p (a int); CREATE TABLE c () INHERITS (p); CREATE TABLE g () INHERITS (c); CREATE TABLE d (a int); DROP TABLE p CASCADE;", "d"},
		{"drop partitioned table drops partitions", "CREATE TABLE p (a int) PARTITION BY LIST (a); CREATE TABLE p1 PARTITION OF p FOR VALUES IN (1); CREATE TABLE d (a int); DROP TABLE p;", "d"},
		{"drop table cascade drops foreign keys and policies that read it",
			"CREATE TABLE m (tenant_id int PRIMARY KEY); CREATE TABLE t (tenant_id int REFERENCES m); CREATE POLICY p ON t USING (tenant_id IN (SELECT tenant_id FROM m)); CREATE POLICY q ON t USING (tenant_id > 0); DROP TABLE m CASCADE;",
			"t policy:q(tenant_id > 0)"},
		{"drop column cascade drops the policies that use it",
			"CREATE TABLE t (tenant_id int, a int); CREATE POLICY p ON t USING (tenant_id = 1); CREATE POLICY q ON t USING (a > 0) WITH CHECK (t.tenant_id = 1); CREATE POLICY r ON t USING (a > 1); ALTER TABLE t DROP COLUMN tenant_id CASCADE;",
			"t policy:r(a > 1)"},
		{"drop column cascade reaches policies through subqueries",
			"CREATE TABLE m (tenant_id int, uid int); CREATE TABLE t (tenant_id int); CREATE POLICY p ON t USING (tenant_id IN (SELECT tenant_id FROM m WHERE uid = 1)); ALTER TABLE m DROP COLUMN uid CASCADE;",
			"m | t"},
		{"an inner column is not the outer one",
			"CREATE TABLE m (tenant_id int, uid int); CREATE TABLE t (tenant_id int, uid int); CREATE POLICY p ON t USING (tenant_id IN (SELECT m.tenant_id FROM m WHERE uid = 1)); ALTER TABLE t DROP COLUMN uid CASCADE;",
			"m | t policy:p(tenant_id IN (SELECT m.tenant_id FROM m WHERE uid = 1))"},
		{"a column of an unknown relation is not dropped",
			"CREATE TABLE t (tenant_id int, uid int); CREATE POLICY p ON t USING (tenant_id IN (SELECT tenant_id FROM elsewhere WHERE uid = 1)); ALTER TABLE t DROP COLUMN uid CASCADE;",
			"t policy:p(tenant_id IN (SELECT tenant_id FROM elsewhere WHERE uid = 1))"},
		{"renames reach the policies that name the column or table",
			"CREATE TABLE m (tenant_id int, a int); CREATE TABLE t (tenant_id int, a int); CREATE POLICY p ON t USING (a > 0 AND tenant_id IN (SELECT m.tenant_id FROM m WHERE a > 0)); ALTER TABLE m RENAME a TO b; ALTER TABLE m RENAME TO n; ALTER TABLE t RENAME tenant_id TO tid;",
			"n | t policy:p(a > 0 AND tid IN (SELECT n.tenant_id FROM n WHERE b > 0))"},
		{"indexes reach partitions", "CREATE TABLE p (a int) PARTITION BY LIST (a); CREATE TABLE p1 PARTITION OF p FOR VALUES IN (1); CREATE INDEX pa ON p (a);", "p pa(a) | p1 pa(a)"},
	} {
		cat, err := LoadCatalog([]MigrationFile{{Path: "m.sql", SQL: tc.sql}})
		if err != nil {
			t.Fatal(err)
		}
		if got := describeCatalog(cat); got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.name, got, tc.want)
		}
	}
}

// likeSource is a table with a primary key, a unique constraint and an
// index, for CREATE TABLE … LIKE.
const likeSource = "CREATE TABLE a (tenant_id int, id int, email text, PRIMARY KEY (tenant_id, id), UNIQUE (tenant_id, email)); CREATE INDEX ON a (email); "

// TestReplayRejects checks that a statement PostgreSQL rejects for what the
// replay knows fails the replay, naming the file, line and column.
func TestReplayRejects(t *testing.T) {
	for _, tc := range []struct{ sql, want string }{
		{"CREATE TABLE t (a int, b int);\nALTER TABLE t RENAME a TO b;", `m.sql:2:1: column "b" of relation "t" already exists, so PostgreSQL rejects this statement`},
		{"CREATE TABLE t (a int);\n  ALTER TABLE t RENAME COLUMN a TO a;", `m.sql:2:3: column "a" of relation "t" already exists, so PostgreSQL rejects this statement`},
		{"CREATE TABLE p (a int); CREATE TABLE c (b int) INHERITS (p); ALTER TABLE p RENAME a TO b;", `m.sql:1:62: column "b" of relation "c" already exists, so PostgreSQL rejects this statement`},
		{"CREATE TABLE t (a int); CREATE TABLE u (a int); ALTER TABLE t RENAME TO u;", `m.sql:1:49: relation "u" already exists, so PostgreSQL rejects this statement`},
		{"CREATE SCHEMA s; CREATE TABLE s.t (a int); CREATE VIEW s.v AS SELECT a FROM s.t; ALTER VIEW s.v RENAME TO t;", `m.sql:1:82: relation "s.t" already exists, so PostgreSQL rejects this statement`},
	} {
		_, err := LoadCatalog([]MigrationFile{{Path: "m.sql", SQL: tc.sql}})
		if err == nil || err.Error() != tc.want {
			t.Errorf("LoadCatalog(%q) error = %v, want %s", tc.sql, err, tc.want)
		}
	}
	// Renames PostgreSQL accepts stay accepted.
	for _, sql := range []string{
		"CREATE TABLE t (a int, b int); ALTER TABLE t RENAME a TO c; ALTER TABLE t RENAME b TO a;",
		"CREATE TABLE t (a int); CREATE SCHEMA s; CREATE TABLE s.u (a int); ALTER TABLE t RENAME TO u;",
		"CREATE TABLE t (a int); ALTER TABLE t RENAME nope TO a;",
	} {
		if _, err := LoadCatalog([]MigrationFile{{Path: "m.sql", SQL: sql}}); err != nil {
			t.Errorf("LoadCatalog(%q): %v", sql, err)
		}
	}
}

func describeCatalog(c *Catalog) string {
	var parts []string
	for _, tab := range c.Tables() {
		s := tab.Name.Name
		if tab.SecurityInvoker {
			s += " invoker"
		}
		if tab.RLS {
			s += " rls"
		}
		for _, i := range tab.Indexes {
			s += " " + i.Name + "(" + strings.Join(i.Columns, ",") + ")"
			if i.Primary {
				s += "pk"
			}
		}
		for _, p := range tab.Policies {
			s += " policy:" + p.Name + "(" + p.Using() + ")"
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, " | ")
}

// TestViewColumnNames checks that view columns take the names PostgreSQL
// gives them.
func TestViewColumnNames(t *testing.T) {
	sql := `CREATE TABLE t (a int, b text);
CREATE VIEW v AS SELECT a, t.b, coalesce(a, 0), nullif(b, ''), greatest(a, 1), CASE WHEN a > 0 THEN 1 END,
  'x'::text, a::text AS cast_a, count(*), EXISTS (SELECT 1), ARRAY[a], (SELECT max(a) FROM t) FROM t;`
	cat, err := LoadCatalog([]MigrationFile{{Path: "m.sql", SQL: sql}})
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(cat.Table(QName{"public", "v"}).columnNames(), " ")
	want := "a b coalesce nullif greatest case text cast_a count exists array max"
	if got != want {
		t.Errorf("view columns:\ngot  %s\nwant %s", got, want)
	}
}
