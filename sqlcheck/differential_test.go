package sqlcheck_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	pg_query "github.com/pganalyze/pg_query_go/v5"

	"github.com/tenantvet/tenantvet/internal/pgtest"
	"github.com/tenantvet/tenantvet/sqlcheck"
)

// TestCatalogMatchesPostgres is a differential test of the migration replay:
// every migration set in the repository is replayed into a Catalog and also
// applied to a real, throwaway PostgreSQL server, and what the catalog says
// about each relation must be what pg_catalog says:
//
//   - the relation exists, and its kind (table, view, materialized view;
//     a partitioned table is a table);
//   - its columns in order, without dropped ones, their nullability, and
//     whether they have a default (a generated column's expression counts,
//     as pg_attrdef holds it);
//   - relrowsecurity and relforcerowsecurity;
//   - its policies: command, permissive or restrictive, roles, and the
//     USING and WITH CHECK expressions (compared after normaliseExpr);
//   - the multiset of the leading columns of its indexes ("" for an
//     expression), which covers primary keys and unique constraints;
//   - a view's security_invoker option;
//   - the table privileges that roles other than the owner hold, PUBLIC
//     among them (MAINTAIN, new in PostgreSQL 17, left out).
//
// Down sections are blanked by ReadMigrations, so the server and the replay
// both see up SQL only; the sets in testdata/differential put statements in
// their down sections that would change the outcome if they counted.
//
// One server serves all sets. Each set gets its own database, and because
// roles are cluster-wide, the roles a set creates (or that the test creates
// for its policies) are dropped with its database when the set is done, so
// that two sets creating the same role cannot collide.
//
// Nothing is excluded from the comparison: every set applies as written, so
// no relation is built from something the catalog cannot see.
func TestCatalogMatchesPostgres(t *testing.T) {
	start := time.Now()
	dirs := differentialSets(t)
	srv := pgtest.Start(t)
	baseRoles := roleSet(srv.Query(t, "postgres", `SELECT rolname FROM pg_roles`))

	var total counts
	for _, dir := range dirs {
		name := strings.TrimPrefix(filepath.ToSlash(dir), "../")
		t.Run(name, func(t *testing.T) {
			files, err := sqlcheck.ReadMigrations([]string{dir})
			if err != nil {
				t.Fatal(err)
			}
			cat, err := sqlcheck.LoadCatalog(files)
			if err != nil {
				t.Fatal(err)
			}
			db := srv.CreateDB(t)
			t.Cleanup(func() { dropSet(t, srv, db, baseRoles) })

			// Roles a policy names must exist before the policy is created,
			// unless the set creates them itself.
			created := createdRoles(t, files)
			for _, r := range namedRoles(cat) {
				if !baseRoles[r] && !created[r] {
					srv.Exec(t, "postgres", fmt.Sprintf(
						`DO $$ BEGIN CREATE ROLE %s; EXCEPTION WHEN duplicate_object THEN NULL; END $$`, quoteIdent(r)))
				}
			}
			// A failure here is a set PostgreSQL rejects, which is a bug in
			// the testdata: Exec fails the subtest with psql's error, whose
			// line numbers are the file's, and this names the file.
			applying := ""
			defer func() {
				if applying != "" {
					t.Errorf("PostgreSQL rejects %s, so the set was not compared", applying)
				}
			}()
			for _, f := range files {
				applying = f.Path
				srv.Exec(t, db, f.SQL)
			}
			applying = ""

			want := fromPostgres(t, srv, db)
			got := fromCatalog(cat)
			c := compareRelations(t, name, got, want)
			total.add(c)
			snap := readLive(t, srv.DSN(db))
			compareLiveFindings(t, snap, files, cat)
			compareLiveDrift(t, snap, files, cat)
			t.Logf("%s: %d files; compared %d relations, %d policies, %d indexes",
				name, len(files), c.relations, c.policies, c.indexes)
		})
	}
	t.Logf("%d of %d sets: compared %d relations, %d policies, %d indexes in %v (PostgreSQL %d)",
		total.sets, len(dirs), total.relations, total.policies, total.indexes, time.Since(start).Round(time.Millisecond), srv.Version())
}

// differentialSets lists every migration set of the repository.
func differentialSets(t *testing.T) []string {
	t.Helper()
	var dirs []string
	for _, pattern := range []string{
		"../testdata/rls/*",
		"../testdata/differential/*",
		"../testdata/migrations/*",
		"../testdata/vetmod/db/migrations",
		"../testdata/gcl/mod/db/migrations",
		"../testdata/src/embedded/migrations",
		"../examples/shop/db/migrations",
	} {
		matches, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		if len(matches) == 0 {
			t.Fatalf("no migration set matches %s", pattern)
		}
		for _, m := range matches {
			if isDir(m) {
				dirs = append(dirs, m)
			}
		}
	}
	return dirs
}

func isDir(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.IsDir()
}

// relation is what the test compares of one table, view or materialized
// view.
type relation struct {
	kind            string   // "table", "view" or "matview"
	columns         []string // in order: "name", with " NOT NULL" and " DEFAULT"
	rls, forceRLS   bool
	policies        map[string]policy
	indexes         []string // leading column of each index, sorted; "" for an expression
	securityInvoker bool     // compared for views only
	grants          []string // "grantee privilege", sorted
}

type policy struct {
	command      string // all, select, insert, update or delete
	permissive   bool
	roles        []string // sorted: the order of a TO list means nothing
	using, check string   // as written or deparsed; compared normalised
}

type counts struct{ sets, relations, policies, indexes int }

func (c *counts) add(d counts) {
	c.sets++
	c.relations += d.relations
	c.policies += d.policies
	c.indexes += d.indexes
}

// superuser is the role pgtest applies migrations as, which PostgreSQL
// stores for a policy's TO CURRENT_USER, SESSION_USER or CURRENT_ROLE.
const superuser = "postgres"

func fromCatalog(cat *sqlcheck.Catalog) map[string]*relation {
	rels := map[string]*relation{}
	for _, tab := range cat.Tables() {
		r := &relation{kind: "table", rls: tab.RLS, forceRLS: tab.ForceRLS, policies: map[string]policy{}}
		switch {
		case tab.Materialized:
			r.kind = "matview"
		case tab.View:
			r.kind = "view"
			r.securityInvoker = tab.SecurityInvoker
		}
		for _, c := range tab.Columns {
			r.columns = append(r.columns, columnString(c.Name, c.NotNull, c.HasDefault()))
		}
		for _, g := range tab.Grants() {
			r.grants = append(r.grants, g.Grantee+" "+g.Privilege)
		}
		for _, p := range tab.Policies {
			var roles []string
			for _, role := range p.Roles {
				switch role {
				case "current_user", "session_user", "current_role":
					role = superuser
				}
				roles = append(roles, role)
			}
			slices.Sort(roles)
			r.policies[p.Name] = policy{command: p.Command, permissive: p.Permissive, roles: roles, using: p.Using(), check: p.Check()}
		}
		for _, ix := range tab.Indexes {
			lead := ""
			if len(ix.Columns) > 0 {
				lead = ix.Columns[0]
			}
			r.indexes = append(r.indexes, lead)
		}
		slices.Sort(r.indexes)
		rels[relName(tab.Name.Schema, tab.Name.Name)] = r
	}
	return rels
}

// userRelations selects the tables, partitioned tables, views and
// materialized views of every schema but PostgreSQL's own.
const userRelations = `
	SELECT c.oid, n.nspname, c.relname, c.relkind, c.relrowsecurity, c.relforcerowsecurity, c.reloptions, c.relacl, c.relowner
	FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
	WHERE c.relkind IN ('r', 'p', 'v', 'm')
	  AND n.nspname NOT IN ('pg_catalog', 'information_schema')
	  AND n.nspname !~ '^pg_(toast|temp_)'`

// arraySep joins array elements in query output; psql's field and record
// separators are other control characters, and none occurs in names.
const arraySep = "\x1d"

func fromPostgres(t *testing.T, srv *pgtest.Server, db string) map[string]*relation {
	t.Helper()
	rels := map[string]*relation{}
	rows := srv.Query(t, db, `WITH rels AS (`+userRelations+`)
		SELECT nspname, relname, relkind, relrowsecurity, relforcerowsecurity,
		       coalesce(array_to_string(reloptions, chr(29)), '')
		FROM rels`)
	for _, row := range rows {
		r := &relation{rls: row[3] == "t", forceRLS: row[4] == "t", policies: map[string]policy{}}
		switch row[2] {
		case "r", "p":
			r.kind = "table"
		case "v":
			r.kind = "view"
		case "m":
			r.kind = "matview"
		}
		for _, opt := range splitArray(row[5]) {
			if name, value, _ := strings.Cut(opt, "="); name == "security_invoker" {
				r.securityInvoker = pgBool(value)
			}
		}
		rels[relName(row[0], row[1])] = r
	}

	rows = srv.Query(t, db, `WITH rels AS (`+userRelations+`)
		SELECT r.nspname, r.relname, a.attname, a.attnotnull, a.atthasdef
		FROM rels r JOIN pg_attribute a ON a.attrelid = r.oid
		WHERE a.attnum > 0 AND NOT a.attisdropped
		ORDER BY r.nspname, r.relname, a.attnum`)
	for _, row := range rows {
		r := rels[relName(row[0], row[1])]
		r.columns = append(r.columns, columnString(row[2], row[3] == "t", row[4] == "t"))
	}

	rows = srv.Query(t, db, `WITH rels AS (`+userRelations+`)
		SELECT r.nspname, r.relname, coalesce(g.rolname, 'public'), lower(a.privilege_type)
		FROM rels r CROSS JOIN LATERAL aclexplode(r.relacl) a LEFT JOIN pg_roles g ON g.oid = a.grantee
		WHERE a.grantee <> r.relowner AND a.privilege_type <> 'MAINTAIN'
		ORDER BY 1, 2, 3, 4`)
	for _, row := range rows {
		r := rels[relName(row[0], row[1])]
		r.grants = append(r.grants, row[2]+" "+row[3])
	}

	rows = srv.Query(t, db, `SELECT schemaname, tablename, policyname, lower(cmd), permissive = 'PERMISSIVE',
		       array_to_string(roles, chr(29)), coalesce(qual, ''), coalesce(with_check, '')
		FROM pg_policies`)
	for _, row := range rows {
		r := rels[relName(row[0], row[1])]
		if r == nil {
			t.Fatalf("policy %s on %s.%s, which is not a user relation", row[2], row[0], row[1])
		}
		roles := splitArray(row[5])
		slices.Sort(roles)
		r.policies[row[2]] = policy{command: row[3], permissive: row[4] == "t", roles: roles, using: row[6], check: row[7]}
	}

	// indkey[0] is 0 for an expression, which matches no attribute.
	rows = srv.Query(t, db, `WITH rels AS (`+userRelations+`)
		SELECT r.nspname, r.relname, coalesce(a.attname, '')
		FROM rels r
		JOIN pg_index i ON i.indrelid = r.oid
		LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]`)
	for _, row := range rows {
		r := rels[relName(row[0], row[1])]
		r.indexes = append(r.indexes, row[2])
	}
	for _, r := range rels {
		slices.Sort(r.indexes)
	}
	return rels
}

// compareRelations reports every difference between the replay (got) and
// PostgreSQL (want), and counts what it compared.
func compareRelations(t *testing.T, set string, got, want map[string]*relation) counts {
	t.Helper()
	var n counts
	names := make([]string, 0, len(got)+len(want))
	for name := range got {
		names = append(names, name)
	}
	for name := range want {
		if got[name] == nil {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	for _, name := range names {
		g, w := got[name], want[name]
		switch {
		case w == nil:
			t.Errorf("%s: %s: replayed as a %s, but PostgreSQL has no such relation", set, name, g.kind)
			continue
		case g == nil:
			t.Errorf("%s: %s: PostgreSQL has a %s that the replay lacks", set, name, w.kind)
			continue
		}
		n.relations++
		diff := func(field string, got, want any) {
			t.Errorf("%s: %s: %s: got %v, want %v (PostgreSQL)", set, name, field, got, want)
		}
		if g.kind != w.kind {
			diff("kind", g.kind, w.kind)
		}
		if !slices.Equal(g.columns, w.columns) {
			diff("columns", g.columns, w.columns)
		}
		if g.rls != w.rls {
			diff("relrowsecurity", g.rls, w.rls)
		}
		if g.forceRLS != w.forceRLS {
			diff("relforcerowsecurity", g.forceRLS, w.forceRLS)
		}
		n.indexes += len(w.indexes)
		if !slices.Equal(g.indexes, w.indexes) {
			diff("leading index columns", quoteAll(g.indexes), quoteAll(w.indexes))
		}
		if !slices.Equal(g.grants, w.grants) {
			diff("grants", g.grants, w.grants)
		}
		if w.kind == "view" && g.securityInvoker != w.securityInvoker {
			diff("security_invoker", g.securityInvoker, w.securityInvoker)
		}
		n.policies += comparePolicies(diff, g.policies, w.policies)
	}
	return n
}

func comparePolicies(diff func(field string, got, want any), got, want map[string]policy) int {
	names := make([]string, 0, len(got)+len(want))
	for name := range got {
		names = append(names, name)
	}
	for name := range want {
		if _, ok := got[name]; !ok {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	compared := 0
	for _, name := range names {
		g, inGot := got[name]
		w, inWant := want[name]
		field := "policy " + name
		switch {
		case !inWant:
			diff(field, "present", "absent")
			continue
		case !inGot:
			diff(field, "absent", "present")
			continue
		}
		compared++
		if g.command != w.command {
			diff(field+": command", g.command, w.command)
		}
		if g.permissive != w.permissive {
			diff(field+": permissive", g.permissive, w.permissive)
		}
		if !slices.Equal(g.roles, w.roles) {
			diff(field+": roles", g.roles, w.roles)
		}
		if normaliseExpr(g.using) != normaliseExpr(w.using) {
			diff(field+": USING", fmt.Sprintf("%q", g.using), fmt.Sprintf("%q", w.using))
		}
		if normaliseExpr(g.check) != normaliseExpr(w.check) {
			diff(field+": WITH CHECK", fmt.Sprintf("%q", g.check), fmt.Sprintf("%q", w.check))
		}
	}
	return compared
}

// castRe matches a "::type" cast: a possibly qualified, possibly quoted
// name, the multi-word spellings PostgreSQL deparses (character varying,
// double precision, timestamp with time zone), type modifiers and array
// brackets.
var castRe = func() *regexp.Regexp {
	ident := `(?:"(?:[^"]|"")*"|[a-z_][a-z0-9_$]*)`
	typmod := `(?:\s*\(\s*\d+(?:\s*,\s*\d+)*\s*\))?`
	words := `(?:\s+(?:varying|precision|(?:with|without)\s+time\s+zone))*`
	return regexp.MustCompile(`(?i)::\s*` + ident + `(?:\s*\.\s*` + ident + `)?` + typmod + words + typmod + `(?:\s*\[\s*\d*\s*\])*`)
}()

// aliasRe matches an output column's "AS name".
var aliasRe = regexp.MustCompile(`(?i)\s+as\s+(?:"(?:[^"]|"")*"|[a-z_][a-z0-9_$]*)`)

// normaliseExpr makes a policy expression as written (the replay keeps the
// parse tree and deparses it) comparable with PostgreSQL's pg_get_expr text,
// which adds casts and parentheses: the replay's
//
//	tenant_id = current_setting('app.tenant_id')::uuid
//
// is PostgreSQL's
//
//	(tenant_id = (current_setting('app.tenant_id'::text))::uuid)
//
// while the replay's deparser (pg_query) writes a cast of anything but a
// constant or function call as CAST(expr AS type).
//
// It rewrites CAST(expr AS type) to (expr) and removes every "::type" cast
// (either side may have them, and PostgreSQL adds ones the source lacks)
// and every "AS name" left, which names a subquery's output column (after
// a rename, PostgreSQL keeps the old name there), then all parentheses and all whitespace, and lowercases the rest. That is lossy — it cannot tell
// a = (b OR c) from (a = b) OR c, nor ignores whitespace only outside string
// literals — but the comparison only needs to catch a policy whose
// expression the replay got from the wrong statement, and for that a
// different expression still normalises differently. PostgreSQL rewrites
// that it does not undo (IN lists into = ANY (ARRAY[…]), BETWEEN into two
// comparisons) would show up as differences.
func normaliseExpr(s string) string {
	s = stripCastCalls(s)
	s = castRe.ReplaceAllString(s, "")
	s = aliasRe.ReplaceAllString(s, "")
	s = strings.Map(func(r rune) rune {
		switch r {
		case '(', ')', ' ', '\t', '\n', '\r':
			return -1
		}
		return r
	}, s)
	return strings.ToLower(s)
}

// stripCastCalls rewrites each CAST(expr AS type) outside string literals
// and quoted identifiers to (expr).
func stripCastCalls(s string) string {
	for from := 0; ; {
		start, open := findCastCall(s, from)
		if start < 0 {
			return s
		}
		end, as := -1, -1
		depth := 0
		scanSQL(s[open:], func(i int) bool {
			switch c := s[open+i]; {
			case c == '(':
				depth++
			case c == ')':
				depth--
				if depth == 0 {
					end = open + i
					return false
				}
			case depth == 1 && isWordAt(s, open+i, "as"):
				as = open + i
			}
			return true
		})
		if end < 0 || as < 0 {
			return s // not a cast after all; leave the rest alone
		}
		s = s[:start] + "(" + s[open+1:as] + ")" + s[end+1:]
		from = start + 1
	}
}

// findCastCall finds the next "CAST (" at or after from that is a keyword,
// and returns where it starts and where its parenthesis is.
func findCastCall(s string, from int) (start, open int) {
	start, open = -1, -1
	scanSQL(s[from:], func(i int) bool {
		if !isWordAt(s, from+i, "cast") {
			return true
		}
		j := from + i + len("cast")
		for j < len(s) && (s[j] == ' ' || s[j] == '\t' || s[j] == '\n') {
			j++
		}
		if j < len(s) && s[j] == '(' {
			start, open = from+i, j
			return false
		}
		return true
	})
	return start, open
}

// scanSQL calls f with the offset of each byte of s that is outside string
// literals and quoted identifiers, until f returns false.
func scanSQL(s string, f func(i int) bool) {
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0 // a doubled quote reopens on the next byte
			}
		case c == '\'' || c == '"':
			quote = c
		default:
			if !f(i) {
				return
			}
		}
	}
}

// isWordAt reports whether the keyword word (lowercase) starts at s[i] as
// a whole word.
func isWordAt(s string, i int, word string) bool {
	if i+len(word) > len(s) || !strings.EqualFold(s[i:i+len(word)], word) {
		return false
	}
	isIdent := func(c byte) bool {
		return c == '_' || c == '$' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
	}
	return (i == 0 || !isIdent(s[i-1])) && (i+len(word) == len(s) || !isIdent(s[i+len(word)]))
}

// pgBool reads a boolean reloption value as PostgreSQL's parse_bool does,
// which accepts unique prefixes of true, false, yes and no.
func pgBool(v string) bool {
	v = strings.ToLower(strings.TrimSpace(v))
	switch {
	case v == "on", v == "1":
		return true
	case v != "" && (strings.HasPrefix("true", v) || strings.HasPrefix("yes", v)):
		return true
	}
	return false
}

func columnString(name string, notNull, hasDefault bool) string {
	if notNull {
		name += " NOT NULL"
	}
	if hasDefault {
		name += " DEFAULT"
	}
	return name
}

func relName(schema, name string) string { return schema + "." + name }

func splitArray(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, arraySep)
}

func quoteAll(ss []string) []string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = fmt.Sprintf("%q", s)
	}
	return q
}

// namedRoles lists the roles the catalog's policies and grants name, other
// than PUBLIC and the CURRENT_USER kind, which always exist.
func namedRoles(cat *sqlcheck.Catalog) []string {
	var names []string
	for _, tab := range cat.Tables() {
		for _, p := range tab.Policies {
			names = append(names, p.Roles...)
		}
		for _, g := range tab.Grants() {
			names = append(names, g.Grantee)
		}
	}
	var roles []string
	for _, r := range names {
		switch r {
		case "public", "current_user", "session_user", "current_role":
			continue
		}
		if !slices.Contains(roles, r) {
			roles = append(roles, r)
		}
	}
	return roles
}

// createdRoles lists the roles a set creates itself, which the test must
// not create first.
func createdRoles(t *testing.T, files []sqlcheck.MigrationFile) map[string]bool {
	t.Helper()
	roles := map[string]bool{}
	for _, f := range files {
		tree, err := pg_query.Parse(f.SQL)
		if err != nil {
			t.Fatalf("%s: %v", f.Path, err)
		}
		for _, s := range tree.Stmts {
			if cr := s.Stmt.GetCreateRoleStmt(); cr != nil {
				roles[cr.Role] = true
			}
		}
	}
	return roles
}

func roleSet(rows [][]string) map[string]bool {
	set := map[string]bool{}
	for _, row := range rows {
		set[row[0]] = true
	}
	return set
}

// dropSet drops a set's database and then every role that was not there
// before the test: a role cannot be dropped while a policy in any database
// names it.
func dropSet(t *testing.T, srv *pgtest.Server, db string, baseRoles map[string]bool) {
	t.Helper()
	srv.Exec(t, "postgres", "DROP DATABASE "+quoteIdent(db))
	for _, row := range srv.Query(t, "postgres", `SELECT rolname FROM pg_roles`) {
		if !baseRoles[row[0]] {
			srv.Exec(t, "postgres", "DROP ROLE "+quoteIdent(row[0]))
		}
	}
}

func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// TestNormaliseExpr pins down what the differential test treats as equal
// policy expressions, without a server.
func TestNormaliseExpr(t *testing.T) {
	for _, c := range []struct {
		replay, postgres string
		equal            bool
	}{
		{"tenant_id = current_setting('app.tenant_id')::uuid",
			"(tenant_id = (current_setting('app.tenant_id'::text))::uuid)", true},
		{"tenant_id = CAST(NULLIF(current_setting('app.tenant_id', true), '') AS uuid)",
			"(tenant_id = (NULLIF(current_setting('app.tenant_id'::text, true), ''::text))::uuid)", true},
		{"name = 'x'::varchar(10) AND at < now()::timestamp(3) with time zone",
			"((name)::text = ('x'::character varying(10))::text) AND (at < (now())::timestamp(3) with time zone)", true},
		{`tags && ARRAY['a']::text[] OR kind = 'k'::"Kind"`,
			`((tags && ARRAY['a'::text]) OR (kind = 'k'::"Kind"))`, true},
		{"CAST(CAST(x AS int) AS bigint) = 1", "((x)::integer)::bigint = 1", true},
		{"'CAST(a AS b)' = s", "('CAST(a AS b)'::text = s)", true},
		{"'CAST(a AS b)' = s", "('(a)'::text = s)", false}, // no CAST inside a literal
		{"tenant_id = current_setting('app.tenant_id')::uuid",
			"(id = (current_setting('app.tenant_id'::text))::uuid)", false},
		{"tenant_id IN (SELECT t0.c FROM t0)", "(tenant_id IN ( SELECT t0.c AS tenant_id\n   FROM t0))", true},
		{"tenant_id IN (SELECT t0.c FROM t0)", "(tenant_id IN ( SELECT t0.d AS c\n   FROM t0))", false},
		{"", "", true},
		{"true", "", false},
	} {
		a, b := normaliseExpr(c.replay), normaliseExpr(c.postgres)
		if (a == b) != c.equal {
			t.Errorf("normaliseExpr(%q) = %q\nnormaliseExpr(%q) = %q\nequal = %v, want %v", c.replay, a, c.postgres, b, a == b, c.equal)
		}
	}
}
