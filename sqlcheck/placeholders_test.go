package sqlcheck

import (
	"reflect"
	"strings"
	"testing"
)

var placeholderCases = []struct {
	name string
	in   string
	want string
	// marker is text after at least one placeholder, whose offset in want
	// must map back to its offset in in; required when anything changes.
	marker string
}{
	// ? placeholders.
	{"where", "SELECT * FROM t WHERE a = ? AND b = ? ORDER BY id", "SELECT * FROM t WHERE a = $1 AND b = $2 ORDER BY id", "ORDER"},
	{"in list and limit", "SELECT * FROM t WHERE id IN (?, ?,?) LIMIT ? OFFSET ?", "SELECT * FROM t WHERE id IN ($1, $2,$3) LIMIT $4 OFFSET $5", "LIMIT"},
	{"values", "INSERT INTO t (a, b) VALUES (?, ?) RETURNING id", "INSERT INTO t (a, b) VALUES ($1, $2) RETURNING id", "RETURNING"},
	{"no spaces", "UPDATE t SET a=?,b=? WHERE id=?;", "UPDATE t SET a=$1,b=$2 WHERE id=$3;", "WHERE"},
	{"lowercase keywords", "select ? from t where x between ? and ? limit ?", "select $1 from t where x between $2 and $3 limit $4", "from"},
	{"case", "SELECT CASE WHEN ? THEN ? ELSE ? END FROM t", "SELECT CASE WHEN $1 THEN $2 ELSE $3 END FROM t", "END"},
	{"subscript", "SELECT a[?] FROM t", "SELECT a[$1] FROM t", "FROM"},
	{"after not and any", "SELECT 1 WHERE NOT ? OR x = ANY(?) OR y IS DISTINCT FROM ?", "SELECT 1 WHERE NOT $1 OR x = ANY($2) OR y IS DISTINCT FROM $3", "OR y"},
	{"placeholder is an operand", "SELECT ? ? 'k' FROM t", "SELECT $1 ? 'k' FROM t", "FROM"},

	// ? as a jsonb operator.
	{"key exists", "SELECT * FROM t WHERE data ? 'key' AND id = ? LIMIT 1", "SELECT * FROM t WHERE data ? 'key' AND id = $1 LIMIT 1", "LIMIT"},
	{"any key exists", "SELECT * FROM t WHERE data ?| array['a'] AND id = ? LIMIT 1", "SELECT * FROM t WHERE data ?| array['a'] AND id = $1 LIMIT 1", "LIMIT"},
	{"all keys exist", "SELECT * FROM t WHERE data ?& array['a', 'b']", "SELECT * FROM t WHERE data ?& array['a', 'b']", ""},
	{"operators after keyword", "SELECT * FROM t WHERE ?| x", "SELECT * FROM t WHERE ?| x", ""},
	{"after quoted identifier", `SELECT "data" ? 'k' FROM t`, `SELECT "data" ? 'k' FROM t`, ""},
	{"after paren", "SELECT (a || b) ? 'k', a[1] ? 'k' FROM t", "SELECT (a || b) ? 'k', a[1] ? 'k' FROM t", ""},
	{"after literals", "SELECT '{}'::jsonb ? 'k', 1 ? 2", "SELECT '{}'::jsonb ? 'k', 1 ? 2", ""},
	{"after end", "SELECT CASE WHEN a THEN b END ? 'k' FROM t", "SELECT CASE WHEN a THEN b END ? 'k' FROM t", ""},
	{"after non-ascii identifier", "SELECT naïve ? 'k' FROM t", "SELECT naïve ? 'k' FROM t", ""},
	{"no space", "SELECT data?'k' FROM t", "SELECT data?'k' FROM t", ""},
	{"beside dollar params", "SELECT * FROM t WHERE id = $1 AND data ? 'k' AND a = ?", "SELECT * FROM t WHERE id = $1 AND data ? 'k' AND a = ?", ""},

	// sqlx :name.
	{"named", "SELECT * FROM t WHERE tenant_id = :tenant_id AND x::int = :x_1 OR y = :tenant_id LIMIT 1", "SELECT * FROM t WHERE tenant_id = $1 AND x::int = $2 OR y = $1 LIMIT 1", "LIMIT"},
	{"named no spaces", "INSERT INTO t VALUES(:a,:_b)", "INSERT INTO t VALUES($1,$2)", ")"},
	{"named after cast of param", "SELECT $1::uuid, :a FROM t", "SELECT $1::uuid, $2 FROM t", "FROM"},
	{"named argument notation", "SELECT f(a := :a) FROM t", "SELECT f(a := $1) FROM t", "FROM"},
	{"named slice bounds", "SELECT a[:lo:hi] FROM t", "SELECT a[$1:hi] FROM t", "FROM"},
	{"casts", "SELECT x::int, 'a'::text, $1::uuid, x :: int FROM t", "SELECT x::int, 'a'::text, $1::uuid, x :: int FROM t", ""},
	{"slices", "SELECT a[1:2], a[lo:hi], a[lo : hi], a[f(x):y], a[1][lo:hi] FROM t", "SELECT a[1:2], a[lo:hi], a[lo : hi], a[f(x):y], a[1][lo:hi] FROM t", ""},
	{"colon without name", "SELECT :1, : a, x := 1", "SELECT :1, : a, x := 1", ""},

	// sqlc @name and sqlc.* calls.
	{"at name", "SELECT * FROM t WHERE tenant_id = @tenant_id AND owner = sqlc.arg(tenant_id) AND id = @id LIMIT 1", "SELECT * FROM t WHERE tenant_id = $1 AND owner = $1 AND id = $2 LIMIT 1", "LIMIT"},
	{"narg quoted", `UPDATE t SET a = sqlc.narg('x'), b = sqlc.narg("x"), c = SQLC.ARG( x ) WHERE id = 1`, "UPDATE t SET a = $1, b = $1, c = $1 WHERE id = 1", "WHERE"},
	{"slice", "SELECT * FROM t WHERE id IN (sqlc.slice(ids)) AND x = 1", "SELECT * FROM t WHERE id IN ($1) AND x = 1", "AND"},
	{"embed", "SELECT sqlc.embed(users), n FROM users WHERE id = @id", "SELECT users.*, n FROM users WHERE id = $1", "FROM"},
	{"embed quoted", `SELECT sqlc.embed("Users") FROM "Users"`, `SELECT "Users".* FROM "Users"`, "FROM"},
	{"at operators", "SELECT a @> b, a <@ b, a <@b, a @@ b, a @@to_tsquery('x'), @-@ p, @ -5, a=@b, foo@bar FROM t", "SELECT a @> b, a <@ b, a <@b, a @@ b, a @@to_tsquery('x'), @-@ p, @ -5, a=@b, foo@bar FROM t", ""},
	{"not sqlc calls", "SELECT sqlc.other(x), sqlc.arg(, sqlc.arg(E'x'), sqlc.embed('t'), sqlc, x.sqlc FROM t", "SELECT sqlc.other(x), sqlc.arg(, sqlc.arg(E'x'), sqlc.embed('t'), sqlc, x.sqlc FROM t", ""},

	// Mixed styles.
	{"after dollar params", "SELECT * FROM t WHERE a = $1 AND b = :b AND c = @c AND d = $3 AND e = :b LIMIT 1", "SELECT * FROM t WHERE a = $1 AND b = $4 AND c = $5 AND d = $3 AND e = $4 LIMIT 1", "LIMIT"},
	{"one namespace", "SELECT :x, @x, sqlc.arg(x), ?, :y FROM t", "SELECT $1, $1, $1, $2, $3 FROM t", "FROM"},
	{"large numbers", "SELECT $99, :a FROM t", "SELECT $99, $100 FROM t", "FROM"},

	// Literals and comments are left alone.
	{"string", "SELECT 'it''s :x ? @y', ? FROM t", "SELECT 'it''s :x ? @y', $1 FROM t", "FROM"},
	{"escape string", `SELECT E'a\' ? :x', ? FROM t`, `SELECT E'a\' ? :x', $1 FROM t`, "FROM"},
	{"standard string backslash", `SELECT 'a\', ? FROM t`, `SELECT 'a\', $1 FROM t`, "FROM"},
	{"quoted identifier", `SELECT "col?", "a"":x" FROM t WHERE b = ? LIMIT 1`, `SELECT "col?", "a"":x" FROM t WHERE b = $1 LIMIT 1`, "LIMIT"},
	{"dollar quoted", "SELECT $$ ? :x @y $$, ? FROM t", "SELECT $$ ? :x @y $$, $1 FROM t", "FROM"},
	{"tagged dollar quoted", "CREATE FUNCTION f() RETURNS int AS $fn$ SELECT $$ ? $$; :x $fn$ LANGUAGE sql", "CREATE FUNCTION f() RETURNS int AS $fn$ SELECT $$ ? $$; :x $fn$ LANGUAGE sql", ""},
	{"dollar in identifier", "SELECT a$b$ FROM t WHERE x = ? AND y = $b$ ? $b$", "SELECT a$b$ FROM t WHERE x = $1 AND y = $b$ ? $b$", "AND"},
	{"line comment", "-- ? :x\nSELECT ? -- @y\nFROM t", "-- ? :x\nSELECT $1 -- @y\nFROM t", "FROM"},
	{"nested block comment", "/* :x /* nested */ ? */ SELECT ? FROM t", "/* :x /* nested */ ? */ SELECT $1 FROM t", "FROM"},
	{"comment is not significant", "SELECT data /* x */ ? 'k', LIMIT /* x */ ? FROM t", "SELECT data /* x */ ? 'k', LIMIT /* x */ $1 FROM t", "FROM"},
	{"unterminated", "SELECT ? FROM t WHERE a = 'x ? :y", "SELECT $1 FROM t WHERE a = 'x ? :y", "FROM"},
	{"nothing", "SELECT * FROM t WHERE tenant_id = $1", "SELECT * FROM t WHERE tenant_id = $1", ""},
	{"empty", "", "", ""},
}

func TestNormalizePlaceholders(t *testing.T) {
	for _, tc := range placeholderCases {
		t.Run(tc.name, func(t *testing.T) {
			r := normalizePlaceholders(tc.in)
			if r.SQL != tc.want {
				t.Fatalf("normalizePlaceholders(%q)\n got %q\nwant %q", tc.in, r.SQL, tc.want)
			}
			if tc.in == tc.want {
				if r.edits != nil {
					t.Errorf("edits = %v, want none", r.edits)
				}
				return
			}
			if tc.marker == "" {
				t.Fatal("test case rewrites but has no marker")
			}
			got, want := r.orig(strings.LastIndex(r.SQL, tc.marker)), strings.LastIndex(tc.in, tc.marker)
			if got != want {
				t.Errorf("orig(offset of %q) = %d, want %d", tc.marker, got, want)
			}
			checkRewrite(t, tc.in, r)
		})
	}
}

// checkRewrite verifies that r maps every byte of r.SQL back to the same
// byte of in, or to the start of the placeholder it replaced.
func checkRewrite(t *testing.T, in string, r rewrite) {
	t.Helper()
	for off := 0; off <= len(r.SQL); off++ {
		got := r.orig(off)
		inEdit := false
		for _, e := range r.edits {
			if e.at <= off && off < e.at+e.n {
				inEdit = true
				if got != e.origAt {
					t.Errorf("orig(%d) inside replacement %q = %d, want %d", off, r.SQL[e.at:e.at+e.n], got, e.origAt)
				}
			}
		}
		switch {
		case inEdit:
		case off == len(r.SQL):
			if got != len(in) {
				t.Errorf("orig(end) = %d, want %d", got, len(in))
			}
		case got < 0 || got >= len(in) || in[got] != r.SQL[off]:
			t.Errorf("orig(%d) = %d: rewritten byte %q is not the original's", off, got, r.SQL[off])
		}
	}
}

func TestPlaceholderOrigInsideReplacement(t *testing.T) {
	in := "SELECT 1 WHERE a = :tenant_id AND b = ?"
	r := normalizePlaceholders(in)
	if want := "SELECT 1 WHERE a = $1 AND b = $2"; r.SQL != want {
		t.Fatalf("got %q, want %q", r.SQL, want)
	}
	for _, tc := range []struct{ off, want int }{
		{0, 0},
		{strings.Index(r.SQL, "$1"), strings.Index(in, ":tenant_id")},
		{strings.Index(r.SQL, "$1") + 1, strings.Index(in, ":tenant_id")},
		{strings.Index(r.SQL, "$1") + 2, strings.Index(in, " AND")},
		{strings.Index(r.SQL, "$2") + 1, strings.Index(in, "?")},
		{len(r.SQL), len(in)},
	} {
		if got := r.orig(tc.off); got != tc.want {
			t.Errorf("orig(%d) = %d, want %d", tc.off, got, tc.want)
		}
	}
}

func TestPlaceholderNoRewriteAllocs(t *testing.T) {
	in := "SELECT a, b FROM t /* c */ WHERE tenant_id = $1 AND data ? 'k' AND s = 'x' -- end"
	allocs := testing.AllocsPerRun(100, func() {
		if r := normalizePlaceholders(in); r.SQL != in {
			t.Fatalf("got %q", r.SQL)
		}
	})
	if allocs != 0 {
		t.Errorf("normalizePlaceholders allocated %v times with nothing to rewrite", allocs)
	}
}

func TestComments(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []sqlComment
	}{
		{"SELECT 1", nil},
		{"SELECT 1 -- trailing\nFROM t", []sqlComment{{9, 20, " trailing"}}},
		{"SELECT 1 --\r\n--", []sqlComment{{9, 11, ""}, {13, 15, ""}}},
		{"/* a /* b */ c */SELECT/**/1", []sqlComment{{0, 17, " a /* b */ c "}, {23, 27, ""}}},
		{"SELECT 1 /* open /* */", []sqlComment{{9, 22, " open /* */"}}},
		{"SELECT 1 /*/", []sqlComment{{9, 12, "/"}}},
		{`SELECT '-- no', "/* no */", $$ -- no $$, $t$ /* no $t$, E'\' -- no', 'a\' /* yes */`,
			[]sqlComment{{74, 83, " yes "}}},
		{"SELECT 2-- x\n- -1", []sqlComment{{8, 12, " x"}}},
	} {
		if got := comments(tc.in); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("comments(%q)\n got %+v\nwant %+v", tc.in, got, tc.want)
		}
	}
}

func FuzzNormalizePlaceholders(f *testing.F) {
	for _, tc := range placeholderCases {
		f.Add(tc.in)
	}
	f.Fuzz(func(t *testing.T, in string) {
		r := normalizePlaceholders(in)
		if r.edits == nil && r.SQL != in {
			t.Fatalf("rewrote %q to %q without edits", in, r.SQL)
		}
		checkRewrite(t, in, r)
		for _, c := range comments(in) {
			if c.Start < 0 || c.End > len(in) || !strings.Contains(in[c.Start:c.End], c.Text) {
				t.Fatalf("bad comment %+v in %q", c, in)
			}
		}
	})
}
