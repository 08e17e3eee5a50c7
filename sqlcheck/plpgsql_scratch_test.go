package sqlcheck

import "testing"

func TestPlpgsqlScratch(t *testing.T) {
	srcs := []string{
		`CREATE FUNCTION f(p int) RETURNS SETOF int LANGUAGE plpgsql AS $$
DECLARE c CURSOR (k int) FOR SELECT id FROM cur_t WHERE id = k; arr int[]; r record; rr accounts; i int; d refcursor;
BEGIN
  OPEN c(5);
  OPEN c(k := (SELECT max(id) FROM argt));
  OPEN d FOR SELECT * FROM opent;
  OPEN d FOR EXECUTE 'select 1';
  FOR r IN c(3) LOOP END LOOP;
  CASE p WHEN 1, 2 THEN NULL; ELSE NULL; END CASE;
  CASE WHEN p > 1 THEN NULL; END CASE;
  FOREACH i IN ARRAY arr LOOP EXIT WHEN i > (SELECT 1 FROM ex); END LOOP;
  WHILE (SELECT true FROM wt) LOOP END LOOP;
  FOR i IN 1..(SELECT 3 FROM fi) BY 2 LOOP END LOOP;
  arr[(SELECT 1 FROM subs)] := 1;
  arr[1:2] := ARRAY[1,2];
  rr.id := 3;
  f.i = 4;
  i := count(*) FROM cnt WHERE true;
  RETURN NEXT (SELECT 1 FROM rn);
  ASSERT p > 0, 'msg';
  RAISE EXCEPTION 'x %', p USING HINT = (SELECT 'h' FROM hint);
  CALL someproc(p);
  GET DIAGNOSTICS i = ROW_COUNT;
  SELECT * INTO rr FROM accounts;
  SELECT * INTO r FROM accounts;
  FETCH c INTO r;
  COMMIT;
  RETURN;
END $$;`,
		`CREATE FUNCTION g() RETURNS SETOF accounts LANGUAGE plpgsql AS $$
DECLARE r record;
BEGIN
  RETURN QUERY SELECT * FROM accounts;
  RETURN QUERY EXECUTE 'SELECT * FROM accounts' USING 1;
  FOR r IN EXECUTE format('select %s', (SELECT 1 FROM fmt)) LOOP END LOOP;
END $$;`,
		`CREATE FUNCTION h() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;`,
		`SELECT 1`,
		`CREATE FUNCTION a() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN 1; END $$; CREATE FUNCTION b() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN 2; END $$;`,
		`CREATE FUNCTION bad() RETURNS int LANGUAGE plpgsql AS $$ BEGIN SELEC 1; END $$;`,
		`CREATE FUNCTION bad() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN 1 END $$;`,
		`CREATE FUNCTION bad() RETURNS int LANGUAGE plpgsql AS $$ BEGIN INSERT INTO t VALUES (; END $$;`,
		`CREATE OR REPLACE FUNCTION t() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$ BEGIN NEW.x := 1; INSERT INTO log SELECT NEW.*; RETURN NEW; END $$;`,
		`CREATE FUNCTION w() RETURNS int AS 'BEGIN RETURN 1; END' LANGUAGE plpgsql;`,
		`DO $$ BEGIN PERFORM 1; END $$;`,
	}
	for _, s := range srcs {
		j, err := parsePlpgsql(s)
		t.Logf("err=%#v\n%s", err, j)
	}
}
