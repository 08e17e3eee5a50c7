package sqlcheck

import (
	"slices"
	"strings"
	"testing"
)

// plFunc wraps a PL/pgSQL body in a SECURITY DEFINER function.
func plFunc(returns, body string) string {
	return "CREATE FUNCTION f(p int) RETURNS " + returns +
		" LANGUAGE plpgsql SECURITY DEFINER AS $fn$\n" + body + "\n$fn$;"
}

func TestReadPlpgsql(t *testing.T) {
	tests := []struct {
		name    string
		src     string
		queries []string // compared with runs of white space collapsed
		dynamic bool
	}{{
		name: "select into",
		src: plFunc("int", `DECLARE x int;
BEGIN
  SELECT id INTO STRICT x FROM accounts WHERE id = p;
  RETURN x;
END`),
		queries: []string{"SELECT id FROM accounts WHERE id = p", "SELECT x"},
	}, {
		name: "insert update delete",
		src: plFunc("int", `BEGIN
  INSERT INTO audit(a) VALUES (p);
  UPDATE accounts SET n = n + 1 WHERE id = p RETURNING n INTO p;
  DELETE FROM sessions WHERE account = p;
  RETURN 0;
END`),
		queries: []string{
			"INSERT INTO audit(a) VALUES (p)",
			"UPDATE accounts SET n = n + 1 WHERE id = p RETURNING n",
			"DELETE FROM sessions WHERE account = p",
			"SELECT 0",
		},
	}, {
		name: "return query",
		src: plFunc("SETOF accounts", `BEGIN
  RETURN QUERY SELECT * FROM accounts WHERE tenant = p;
  RETURN;
END`),
		queries: []string{"SELECT * FROM accounts WHERE tenant = p"},
	}, {
		name: "for in select loop",
		src: plFunc("int", `DECLARE r record; n int := 0;
BEGIN
  FOR r IN SELECT id FROM items WHERE owner = p LOOP
    n := n + 1;
  END LOOP;
  RETURN n;
END`),
		// The loop's query comes before its body, although the dump has it after.
		queries: []string{"SELECT 0", "SELECT id FROM items WHERE owner = p", "SELECT n + 1", "SELECT n"},
	}, {
		name: "perform",
		src: plFunc("int", `BEGIN
  PERFORM 1 FROM things WHERE id = p;
  PERFORM pg_notify('c', 'x');
  RETURN 0;
END`),
		queries: []string{"SELECT 1 FROM things WHERE id = p", "SELECT pg_notify('c', 'x')", "SELECT 0"},
	}, {
		name: "if exists subquery",
		src: plFunc("int", `BEGIN
  IF EXISTS (SELECT 1 FROM orders WHERE id = p) THEN
    RETURN 1;
  ELSIF p > (SELECT max(id) FROM archive) THEN
    RETURN 2;
  ELSE
    RETURN 3;
  END IF;
END`),
		queries: []string{
			"SELECT EXISTS (SELECT 1 FROM orders WHERE id = p)",
			"SELECT 1",
			"SELECT p > (SELECT max(id) FROM archive)",
			"SELECT 2",
			"SELECT 3",
		},
	}, {
		name: "assignment from subquery",
		src: plFunc("int", `DECLARE n int;
BEGIN
  n := (SELECT count(*) FROM t WHERE tenant = p);
  n = count(*) FROM u WHERE tenant = p;
  RETURN n;
END`),
		queries: []string{
			"SELECT (SELECT count(*) FROM t WHERE tenant = p)",
			"SELECT count(*) FROM u WHERE tenant = p",
			"SELECT n",
		},
	}, {
		name: "declaration default",
		src: plFunc("int", `DECLARE n int := (SELECT count(*) FROM quotas WHERE tenant = p);
BEGIN
  RETURN n;
END`),
		queries: []string{"SELECT (SELECT count(*) FROM quotas WHERE tenant = p)", "SELECT n"},
	}, {
		name: "assignment targets",
		src: plFunc("int", `DECLARE arr int[];
BEGIN
  arr[(SELECT max(i) FROM slots)] := 1;
  arr[1:2] := ARRAY[1, 2];
  f.p = 4;
  "arr"[1] /* := */ := 5;
  $1 := ':=';
  RETURN 0;
END`),
		queries: []string{
			"SELECT 1", "SELECT arr[(SELECT max(i) FROM slots)]",
			"SELECT ARRAY[1, 2]", "SELECT arr[1:2]",
			"SELECT 4",
			"SELECT 5", `SELECT "arr"[1] /* := */`,
			"SELECT ':='",
			"SELECT 0",
		},
	}, {
		name: "nested blocks and exception handlers",
		src: plFunc("int", `BEGIN
  INSERT INTO a VALUES (p);
  <<inner>>
  DECLARE q int := (SELECT count(*) FROM inner_defaults);
  BEGIN
    DELETE FROM b WHERE id = p;
  EXCEPTION
    WHEN unique_violation THEN UPDATE c SET n = 0;
    WHEN others THEN INSERT INTO errors VALUES (SQLERRM);
  END;
  RETURN 0;
EXCEPTION WHEN others THEN
  RETURN -1;
END`),
		queries: []string{
			"SELECT (SELECT count(*) FROM inner_defaults)",
			"INSERT INTO a VALUES (p)",
			"DELETE FROM b WHERE id = p",
			"UPDATE c SET n = 0",
			"INSERT INTO errors VALUES (SQLERRM)",
			"SELECT 0",
			"SELECT -1",
		},
	}, {
		name: "other statements",
		src: plFunc("SETOF int", `DECLARE arr int[]; i int;
BEGIN
  CASE p WHEN 1, 2 THEN NULL; ELSE NULL; END CASE;
  FOREACH i IN ARRAY arr LOOP
    EXIT WHEN i > (SELECT lim FROM limits);
  END LOOP;
  WHILE (SELECT busy FROM locks) LOOP END LOOP;
  FOR i IN 1..(SELECT n FROM counts) BY 2 LOOP END LOOP;
  RETURN NEXT (SELECT v FROM nexts);
  ASSERT p > 0, 'p';
  RAISE EXCEPTION 'bad %', p USING HINT = (SELECT h FROM hints);
  CALL audit_proc(p);
  GET DIAGNOSTICS i = ROW_COUNT;
END`),
		queries: []string{
			"SELECT p", `SELECT "__Case__Variable_4__" IN (1, 2)`,
			"SELECT arr", "SELECT i > (SELECT lim FROM limits)",
			"SELECT (SELECT busy FROM locks)",
			"SELECT 1", "SELECT (SELECT n FROM counts)", "SELECT 2",
			"SELECT (SELECT v FROM nexts)",
			"SELECT p > 0", "SELECT 'p'",
			"SELECT p", "SELECT (SELECT h FROM hints)",
			"CALL audit_proc(p)",
		},
	}, {
		name: "trigger",
		src: `CREATE FUNCTION trg() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
BEGIN
  NEW.updated_by := (SELECT name FROM users WHERE id = NEW.user_id);
  INSERT INTO history SELECT NEW.*;
  RETURN NEW;
END $$`,
		queries: []string{
			"SELECT (SELECT name FROM users WHERE id = NEW.user_id)",
			"INSERT INTO history SELECT NEW.*",
			"SELECT NEW",
		},
	}, {
		name:    "do block",
		src:     `DO $$ BEGIN DELETE FROM tmp; END $$`,
		queries: []string{"DELETE FROM tmp"},
	}, {
		name: "execute",
		src: plFunc("int", `BEGIN
  EXECUTE 'DELETE FROM z';
  RETURN 0;
END`),
		queries: []string{"SELECT 'DELETE FROM z'", "SELECT 0"},
		dynamic: true,
	}, {
		name: "execute format using into",
		src: plFunc("int", `DECLARE n int;
BEGIN
  EXECUTE format('SELECT count(*) FROM %I WHERE id = $1', (SELECT name FROM registry LIMIT 1)) INTO n USING p;
  RETURN n;
END`),
		queries: []string{
			"SELECT format('SELECT count(*) FROM %I WHERE id = $1', (SELECT name FROM registry LIMIT 1))",
			"SELECT p",
			"SELECT n",
		},
		dynamic: true,
	}, {
		name: "return query execute",
		src: plFunc("SETOF accounts", `BEGIN
  RETURN QUERY EXECUTE 'SELECT * FROM accounts WHERE id = $1' USING p;
END`),
		queries: []string{"SELECT 'SELECT * FROM accounts WHERE id = $1'", "SELECT p"},
		dynamic: true,
	}, {
		name: "for in execute",
		src: plFunc("int", `DECLARE r record;
BEGIN
  FOR r IN EXECUTE 'SELECT * FROM ' || quote_ident(TG_ARGV[0]) LOOP
    INSERT INTO seen VALUES (1);
  END LOOP;
  RETURN 0;
END`),
		queries: []string{"SELECT 'SELECT * FROM ' || quote_ident(TG_ARGV[0])", "INSERT INTO seen VALUES (1)", "SELECT 0"},
		dynamic: true,
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := readPlpgsql(tt.src)
			if err != nil {
				t.Fatalf("readPlpgsql: %v", err)
			}
			if !slices.Equal(collapseSpace(got.queries), collapseSpace(tt.queries)) {
				t.Errorf("queries:\n got %q\nwant %q", got.queries, tt.queries)
			}
			if got.dynamic != tt.dynamic {
				t.Errorf("dynamic = %v, want %v", got.dynamic, tt.dynamic)
			}
			for _, q := range got.queries {
				stmts, err := parse(q)
				if err != nil || len(stmts) != 1 {
					t.Errorf("parse(%q) = %d statements, %v; want one statement", q, len(stmts), err)
				}
			}
		})
	}
}

func TestReadPlpgsqlErrors(t *testing.T) {
	tests := []struct{ name, src string }{
		{"SQL syntax error", plFunc("int", "BEGIN SELEC 1; END")},
		{"bad SQL inside", plFunc("int", "BEGIN INSERT INTO t VALUES (; END")},
		{"PL/pgSQL syntax error", plFunc("int", "BEGIN RETURN 1 END")},
		{"unterminated", `CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN 1; $$`},
		{"empty body", `CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$ $$`},
		{"statement does not parse", `CREATE FUNCTION f( RETURNS int`},
		{"other language", `CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$`},
		{"DO in another language", `DO 'SELECT 1' LANGUAGE sql`},
		// pg_query aborts the process on these unless readPlpgsql keeps them away.
		{"SQL-standard body", `CREATE FUNCTION f() RETURNS int RETURN 1`},
		{"SQL-standard body said to be plpgsql", `CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql BEGIN ATOMIC SELECT 1; END`},
		{"no function", `SELECT 1`},
		// Without a catalog pg_query cannot type cursor variables.
		{"cursor", plFunc("int", "DECLARE c CURSOR FOR SELECT 1 FROM t; BEGIN OPEN c; RETURN 0; END")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := readPlpgsql(tt.src)
			if err == nil {
				t.Fatalf("readPlpgsql = %+v, want an error", got)
			}
			t.Log(err)
		})
	}
}

func TestSplitPlpgsqlAssignment(t *testing.T) {
	tests := []struct{ q, target, value string }{
		{"x := 1", "x ", " 1"},
		{"x = 1", "x ", " 1"},
		{"x:=y=1", "x", "y=1"},
		{"a.b.c := 'a := b'", "a.b.c ", " 'a := b'"},
		{"a[i = 1] := 2", "a[i = 1] ", " 2"},
		{"a[x::int][1:2] := 2", "a[x::int][1:2] ", " 2"},
		{`"x:=" := 2`, `"x:=" `, " 2"},
		{"x -- :=\n := 2", "x -- :=\n ", " 2"},
	}
	for _, tt := range tests {
		target, value, ok := splitAssignment(tt.q)
		if !ok || target != tt.target || value != tt.value {
			t.Errorf("splitAssignment(%q) = %q, %q, %v; want %q, %q", tt.q, target, value, ok, tt.target, tt.value)
		}
	}
	if _, _, ok := splitAssignment("no operator"); ok {
		t.Error("splitAssignment found an operator in \"no operator\"")
	}
}

func collapseSpace(qs []string) []string {
	out := make([]string, len(qs))
	for i, q := range qs {
		out[i] = strings.Join(strings.Fields(q), " ")
	}
	return out
}
