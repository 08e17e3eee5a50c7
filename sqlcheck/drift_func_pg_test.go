package sqlcheck_test

import (
	"strings"
	"testing"

	"github.com/tenantvet/tenantvet/internal/pgtest"
	"github.com/tenantvet/tenantvet/sqlcheck"
)

// driftFunctions defines functions that policies call in every way a
// migration may spell them; replayed from pg_get_functiondef, none may
// differ from its migration.
const driftFunctions = `
CREATE SCHEMA auth;
CREATE TABLE t (id int PRIMARY KEY, tenant_id uuid NOT NULL, n int, name text, created timestamptz);
ALTER TABLE t ENABLE ROW LEVEL SECURITY;
CREATE FUNCTION spelt(a int, b varchar, c timestamptz, d character varying(10), e timestamp with time zone,
	f double precision, g bool, h integer, i numeric(4,2), j "char", k int8) RETURNS uuid LANGUAGE sql STABLE
  AS $$ SELECT current_setting('app.tenant_id')::uuid $$;
CREATE FUNCTION over(a int) RETURNS uuid LANGUAGE sql AS $$ SELECT current_setting('app.tenant_id')::uuid $$;
CREATE FUNCTION over(a text) RETURNS uuid LANGUAGE sql AS $$ SELECT NULL::uuid $$;
CREATE FUNCTION arr(a int) RETURNS uuid LANGUAGE sql AS $$ SELECT current_setting('app.tenant_id')::uuid $$;
CREATE FUNCTION arr(a int[]) RETURNS uuid LANGUAGE sql AS $$ SELECT NULL::uuid $$;
CREATE FUNCTION defaulted(a int DEFAULT 1, b text DEFAULT 'x') RETURNS uuid LANGUAGE sql
  AS $$ SELECT current_setting('app.tenant_id')::uuid $$;
CREATE FUNCTION outs(IN a int, OUT b uuid) LANGUAGE sql AS $$ SELECT current_setting('app.tenant_id')::uuid $$;
CREATE FUNCTION typed(x t.tenant_id%TYPE) RETURNS boolean LANGUAGE sql AS $$ SELECT x = current_setting('app.tenant_id')::uuid $$;
CREATE FUNCTION auth.tid() RETURNS uuid LANGUAGE sql AS $$ SELECT current_setting('app.tenant_id')::uuid $$;
CREATE FUNCTION quoted() RETURNS uuid LANGUAGE SQL AS 'SELECT current_setting(''app.tenant_id'')::uuid';
CREATE FUNCTION spaced() RETURNS uuid LANGUAGE plpgsql AS $body$
BEGIN
	RETURN current_setting('app.tenant_id')::uuid;
END
$body$;
CREATE FUNCTION replaced() RETURNS uuid LANGUAGE sql AS $$ SELECT NULL::uuid $$;
CREATE OR REPLACE FUNCTION replaced() RETURNS uuid LANGUAGE sql AS $$ SELECT current_setting('app.tenant_id')::uuid $$;
CREATE FUNCTION definer() RETURNS uuid LANGUAGE sql AS $$ SELECT current_setting('app.tenant_id')::uuid $$;
ALTER FUNCTION definer() SECURITY DEFINER SET search_path = pg_catalog;
CREATE FUNCTION tenant_v1() RETURNS uuid LANGUAGE sql AS $$ SELECT current_setting('app.tenant_id')::uuid $$;
ALTER FUNCTION tenant_v1() RENAME TO renamed;
CREATE FUNCTION moved() RETURNS uuid LANGUAGE sql AS $$ SELECT current_setting('app.tenant_id')::uuid $$;
ALTER FUNCTION moved SET SCHEMA auth;
CREATE FUNCTION std() RETURNS uuid LANGUAGE sql RETURN current_setting('app.tenant_id')::uuid;
CREATE POLICY p ON t USING (tenant_id = spelt(1, 'a', now(), 'b', now(), 1, true, 1, 1, 'c', 1)
	AND tenant_id = over(1) AND tenant_id = over('x') AND tenant_id = arr(1) AND tenant_id = arr(ARRAY[1])
	AND tenant_id = defaulted() AND tenant_id = outs(1) AND typed(tenant_id) AND tenant_id = auth.tid()
	AND tenant_id = public.quoted() AND tenant_id = spaced() AND tenant_id = replaced()
	AND tenant_id = definer() AND tenant_id = std()
	AND tenant_id = renamed() AND tenant_id = auth.moved());
`

// TestDriftPostgresFunctions checks that the functions the policies call
// compare equal with their migrations on a database the migrations made,
// and that a change by hand to each is reported.
func TestDriftPostgresFunctions(t *testing.T) {
	srv := pgtest.Start(t)
	for _, c := range []struct {
		name, hand string
		want       []string
	}{
		{name: "untouched"},
		{name: "overload changed", hand: `CREATE OR REPLACE FUNCTION over(a text) RETURNS uuid LANGUAGE sql AS $$ SELECT '6f1c0000-0000-0000-0000-000000000000'::uuid $$;`,
			want: []string{"TV407 function public.over(text)"}},
		{name: "array overload changed", hand: `CREATE OR REPLACE FUNCTION arr(a int[]) RETURNS uuid LANGUAGE sql AS $$ SELECT '6f1c0000-0000-0000-0000-000000000000'::uuid $$;`,
			want: []string{"TV407 function public.arr(int4[])"}},
		{name: "%TYPE argument changed", hand: `CREATE OR REPLACE FUNCTION typed(x uuid) RETURNS boolean LANGUAGE sql AS $$ SELECT true $$;`,
			want: []string{"TV407 function public.typed(uuid)"}},
		{name: "other schema changed", hand: `CREATE OR REPLACE FUNCTION auth.tid() RETURNS uuid LANGUAGE sql SECURITY DEFINER AS $$ SELECT current_setting('app.tenant_id')::uuid $$;`,
			want: []string{"TV407 function auth.tid()"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			db := srv.CreateDB(t)
			t.Cleanup(func() { srv.Exec(t, "postgres", "DROP DATABASE "+db) })
			files := []sqlcheck.MigrationFile{{Path: "1.sql", SQL: driftFunctions}}
			srv.Exec(t, db, driftFunctions)
			if c.hand != "" {
				srv.Exec(t, db, c.hand)
			}
			mig, err := sqlcheck.LoadCatalog(files)
			if err != nil {
				t.Fatal(err)
			}
			snap := readLive(t, srv.DSN(db))
			var got, lines []string
			for _, f := range (&sqlcheck.Tenancy{Columns: []string{"tenant_id"}, Catalog: mig}).Drift(snap.Catalog) {
				got = append(got, f.ID+" "+f.Table)
				lines = append(lines, f.String())
			}
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("drift found %q, want %q:\n%s\nthe live catalog:\n%s", got, c.want, strings.Join(lines, "\n"), snap.SQL)
			}
		})
	}
}
