package livedb

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/tenantvet/tenantvet/sqlcheck"
)

// A table is what the probe knows of one table it probes.
type table struct {
	oid     uint32
	ident   string // quoted for SQL
	display string // "public.orders"
	column  string // the tenant column
	col     string // the tenant column, quoted
	colType string // its type, for casts
	// rls, forced and owned say how row-level security is set up, to
	// suggest a fix: owned means the probe's role owns the table.
	rls, forced, owned bool
	fill               []filler // the required columns besides the tenant column
	keyNames           []string // the primary key, or ctid
	keyExpr            string   // the key's values as a text[]
	a, b               string   // the two tenants
	keyA, keyB         string   // their rows' keys, as "id=42"
	// overriding inserts with OVERRIDING SYSTEM VALUE, for a parent whose
	// referenced column is GENERATED ALWAYS AS IDENTITY.
	overriding bool
}

// A filler gives a required column a value.
type filler struct {
	ident string // quoted
	typ   string // for the cast
	value func() string
}

// cast is parameter n as a value of the tenant column's type. Every value
// the probe passes is text, cast in SQL, so that one code path serves
// every type and pgx never needs to know them.
func (t *table) cast(n int) string {
	return fmt.Sprintf("CAST($%d::text AS %s)", n, t.colType)
}

// key formats a row key that keyExpr selected.
func (t *table) key(vals []string) string {
	parts := make([]string, len(vals))
	for i, v := range vals {
		parts[i] = t.keyNames[i] + "=" + v
	}
	return strings.Join(parts, ", ")
}

// inspect reads what the probe needs to know of a table, or why it cannot
// probe it.
func (p *prober) inspect(ctx context.Context, name sqlcheck.QName, column string) (*table, string, error) {
	t := &table{
		ident:  pgx.Identifier{name.Schema, name.Name}.Sanitize(),
		column: column,
		col:    pgx.Identifier{column}.Sanitize(),
	}
	var kind string
	err := p.tx.QueryRow(ctx, `SELECT c.oid, c.relkind::text, c.relrowsecurity, c.relforcerowsecurity,
			pg_has_role($2, c.relowner, 'USAGE')
		FROM pg_class c WHERE c.oid = to_regclass($1)`, t.ident, p.role).
		Scan(&t.oid, &kind, &t.rls, &t.forced, &t.owned)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, "no such table", nil
	} else if err != nil {
		return nil, "", err
	}
	if kind != "r" && kind != "p" {
		what, ok := relkinds[kind]
		if !ok {
			what = "a relation of kind " + kind
		}
		return nil, what + ", not a table", nil
	}
	// A trigger may write elsewhere, under its owner's rights, or refuse
	// the synthetic rows; the probe would then test the trigger. Which
	// triggers fire depends on session_replication_role: those enabled
	// ALWAYS, and those for the origin or the replica that it is. A
	// partitioned table's rows land in its partitions, whose own triggers
	// fire for them too.
	firing := []string{"A", "O"}
	if p.opts.NoTriggers {
		firing = []string{"A", "R"}
	}
	var triggers *string
	if err := p.tx.QueryRow(ctx, `SELECT string_agg(tgname, ', ' ORDER BY tgname) FROM pg_trigger
		WHERE (tgrelid = $1 OR tgrelid IN (SELECT relid FROM pg_partition_tree($1::oid::regclass))) AND NOT tgisinternal AND tgenabled::text = ANY($2)`, t.oid, firing).Scan(&triggers); err != nil {
		return nil, "", err
	}
	if triggers != nil {
		why := "has triggers the probe would fire: " + *triggers
		if !p.opts.NoTriggers {
			why += " (-no-triggers probes it without them)"
		}
		return nil, why, nil
	}
	why, err := p.columns(ctx, t)
	if err != nil || why != "" {
		return nil, why, err
	}
	return t, "", p.primaryKey(ctx, t)
}

var relkinds = map[string]string{
	"v": "a view", "m": "a materialized view", "f": "a foreign table",
	"S": "a sequence", "i": "an index", "I": "an index", "c": "a composite type",
}

// distinct reports whether the tenants stay two once cast to the tenant
// column's type, and makes them what the column will hold: the settings
// must match the stored value, not what the cast cut short.
func (p *prober) distinct(ctx context.Context, t *table) (bool, error) {
	err := p.tx.QueryRow(ctx, `SELECT `+t.cast(1)+`::text, `+t.cast(2)+`::text`, t.a, t.b).Scan(&t.a, &t.b)
	return t.a != t.b, err
}

// columns finds the tenant column's type and a filler for every column
// that an INSERT must name: NOT NULL, with no default, identity or
// generation expression.
func (p *prober) columns(ctx context.Context, t *table) (string, error) {
	rows, err := p.tx.Query(ctx, `SELECT a.attname, a.atttypid, format_type(a.atttypid, a.atttypmod),
			a.attnotnull AND NOT a.atthasdef AND a.attidentity = '' AND a.attgenerated = ''
		FROM pg_attribute a WHERE a.attrelid = $1 AND a.attnum > 0 AND NOT a.attisdropped
		ORDER BY a.attnum`, t.oid)
	if err != nil {
		return "", err
	}
	type column struct {
		name     string
		oid      uint32
		typ      string
		required bool
	}
	cols, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (column, error) {
		var c column
		return c, r.Scan(&c.name, &c.oid, &c.typ, &c.required)
	})
	if err != nil {
		return "", err
	}
	found := false
	for _, c := range cols {
		base, err := p.baseType(ctx, c.oid)
		if err != nil {
			return "", err
		}
		if c.name == t.column {
			found = true
			t.colType = c.typ
			var ok bool
			if t.a, t.b, ok = tenants(base); !ok {
				return fmt.Sprintf("its tenant column %s has type %s, of which the probe cannot make tenants", c.name, c.typ), nil
			}
			// A varchar(n) or char(n) cuts the tenants short, perhaps to
			// the same value, and A would then see "B's" row as its own.
			distinct, err := p.distinct(ctx, t)
			if err == nil && !distinct && base.category == "S" {
				r := randomHex(6)
				t.a, t.b = "a"+r, "b"+r
				distinct, err = p.distinct(ctx, t)
			}
			if err != nil {
				return "", err
			}
			if !distinct {
				return fmt.Sprintf("its tenant column %s has type %s, which cannot hold two distinct tenants", c.name, c.typ), nil
			}
			continue
		}
		if !c.required {
			continue
		}
		gen, err := p.generator(ctx, base)
		if err != nil {
			return "", err
		}
		if gen == nil {
			return fmt.Sprintf("its required column %s has type %s, which the probe cannot fill", c.name, c.typ), nil
		}
		t.fill = append(t.fill, filler{pgx.Identifier{c.name}.Sanitize(), c.typ, gen})
	}
	if !found {
		return "it has no column " + t.column, nil
	}
	return "", nil
}

// primaryKey sets the row key the messages quote: the primary key, or the
// ctid, which is all a table without one has.
func (p *prober) primaryKey(ctx context.Context, t *table) error {
	rows, err := p.tx.Query(ctx, `SELECT a.attname FROM pg_index i
		CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
		JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
		WHERE i.indrelid = $1 AND i.indisprimary ORDER BY k.ord`, t.oid)
	if err != nil {
		return err
	}
	t.keyNames, err = pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return err
	}
	if len(t.keyNames) == 0 {
		t.keyNames = []string{"ctid"}
	}
	exprs := make([]string, len(t.keyNames))
	for i, k := range t.keyNames {
		exprs[i] = pgx.Identifier{k}.Sanitize() + "::text"
	}
	t.keyExpr = "ARRAY[" + strings.Join(exprs, ", ") + "]"
	return nil
}

// A pgType is a type with its domains looked through.
type pgType struct {
	oid      uint32
	name     string
	kind     string // typtype: b, c, d, e, m, p, r
	category string // typcategory
}

func (p *prober) baseType(ctx context.Context, oid uint32) (pgType, error) {
	t := pgType{oid: oid}
	// Domains over domains end at a base type; the bound only guards
	// against a catalog that says otherwise.
	for range 32 {
		var base uint32
		if err := p.tx.QueryRow(ctx, `SELECT typname, typtype::text, typcategory::text, typbasetype
			FROM pg_type WHERE oid = $1`, t.oid).Scan(&t.name, &t.kind, &t.category, &base); err != nil {
			return t, err
		}
		if t.kind != "d" {
			break
		}
		t.oid = base
	}
	return t, nil
}

// tenants makes two distinct tenants of the tenant column's type, chosen
// so that no real tenant is likely to have them.
func tenants(t pgType) (a, b string, ok bool) {
	// Integers come from near the top of the type's range, which serial
	// and identity keys take decades to reach; a clash with a real tenant
	// would show that tenant's rows to the probe, not hide a leak.
	switch {
	case t.name == "uuid":
		return randomUUID(), randomUUID(), true
	case t.name == "int2":
		n := 30000 + rand.IntN(1300)
		return strconv.Itoa(n), strconv.Itoa(n + 1 + rand.IntN(1300)), true
	case t.name == "int4":
		n := 2_100_000_000 + rand.Int64N(20_000_000)
		return strconv.FormatInt(n, 10), strconv.FormatInt(n+1+rand.Int64N(20_000_000), 10), true
	case t.name == "int8" || t.name == "numeric":
		n := 8_000_000_000_000_000_000 + rand.Int64N(100_000_000_000_000_000)
		return strconv.FormatInt(n, 10), strconv.FormatInt(n+1+rand.Int64N(100_000_000_000_000_000), 10), true
	case t.category == "S":
		r := randomHex(6)
		return "tenantvet-probe-a-" + r, "tenantvet-probe-b-" + r, true
	}
	return "", "", false
}

// generator returns what fills a required column of type t, or nil when
// the probe does not know how. Each call makes a new value, so that two
// rows do not collide on a unique key.
func (p *prober) generator(ctx context.Context, t pgType) (func() string, error) {
	switch {
	case t.kind == "e":
		var label string
		err := p.tx.QueryRow(ctx, `SELECT enumlabel FROM pg_enum WHERE enumtypid = $1
			ORDER BY enumsortorder LIMIT 1`, t.oid).Scan(&label)
		if errors.Is(err, pgx.ErrNoRows) {
			return nil, nil
		}
		return func() string { return label }, err
	case t.category == "A" || t.kind == "m":
		return constant("{}"), nil
	case t.kind == "r":
		return constant("empty"), nil
	case t.category == "S":
		// The random part comes first, so that a short varchar or char,
		// which the cast truncates, still gets distinct values.
		return func() string { return randomHex(8) + "-tenantvet-probe" }, nil
	}
	base := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	switch t.name {
	case "int2":
		return func() string { return strconv.Itoa(10000 + rand.IntN(20000)) }, nil
	case "int4", "int8", "oid":
		return func() string { return strconv.Itoa(1_000_000_000 + rand.IntN(1_000_000_000)) }, nil
	case "numeric", "float4", "float8", "money":
		// Small, to fit a numeric with few digits; a unique numeric
		// column may still collide, and the table is then not probed.
		return func() string { return strconv.Itoa(1 + rand.IntN(9)) }, nil
	case "bool":
		return constant("true"), nil
	case "uuid":
		return randomUUID, nil
	case "date":
		return func() string { return base.AddDate(0, 0, rand.IntN(10000)).Format(time.DateOnly) }, nil
	case "timestamp", "timestamptz":
		return func() string {
			return base.Add(time.Duration(rand.Int64N(1e9)) * time.Second).Format("2006-01-02 15:04:05Z07:00")
		}, nil
	case "time", "timetz":
		return func() string { return base.Add(time.Duration(rand.IntN(86400)) * time.Second).Format(time.TimeOnly) }, nil
	case "interval":
		return func() string { return strconv.Itoa(rand.IntN(1e6)) + " seconds" }, nil
	case "json", "jsonb":
		return func() string { return `{"tenantvet_probe": "` + randomHex(8) + `"}` }, nil
	case "bytea":
		return func() string { return `\x` + randomHex(8) }, nil
	case "inet":
		return func() string { return fmt.Sprintf("10.%d.%d.%d", rand.IntN(256), rand.IntN(256), rand.IntN(256)) }, nil
	case "cidr":
		return func() string { return fmt.Sprintf("10.%d.%d.0/24", rand.IntN(256), rand.IntN(256)) }, nil
	}
	return nil, nil
}

func constant(s string) func() string { return func() string { return s } }

func randomHex(n int) string {
	const digits = "0123456789abcdef"
	b := make([]byte, 2*n)
	for i := range b {
		b[i] = digits[rand.IntN(16)]
	}
	return string(b)
}

// randomUUID is a version 4 UUID.
func randomUUID() string {
	h := []byte(randomHex(16))
	h[12] = '4'
	h[16] = "89ab"[rand.IntN(4)]
	s := string(h)
	return s[:8] + "-" + s[8:12] + "-" + s[12:16] + "-" + s[16:20] + "-" + s[20:]
}

// insertSQL inserts a row for tenant, with fresh values for the required
// columns, followed by returning.
func (t *table) insertSQL(tenant, returning string) (string, []any) {
	names := []string{t.col}
	vals := []string{t.cast(1)}
	args := []any{tenant}
	for _, f := range t.fill {
		args = append(args, f.value())
		names = append(names, f.ident)
		vals = append(vals, fmt.Sprintf("CAST($%d::text AS %s)", len(args), f.typ))
	}
	overriding := ""
	if t.overriding {
		overriding = ` OVERRIDING SYSTEM VALUE`
	}
	return `INSERT INTO ` + t.ident + ` (` + strings.Join(names, ", ") + `)` + overriding + ` VALUES (` + strings.Join(vals, ", ") + `)` + returning, args
}

// fixtures inserts tenant A's and B's rows as the connecting user, with
// the tenant settings set to the row's tenant so that defaults such as
// current_setting('app.tenant_id')::uuid work and a forced policy's WITH
// CHECK lets the row in.
func (p *prober) fixtures(ctx context.Context, t *table) (string, error) {
	for _, row := range []struct {
		name, tenant string
		key          *string
	}{{"A", t.a, &t.keyA}, {"B", t.b, &t.keyB}} {
		if err := p.setTenant(ctx, row.tenant); err != nil {
			return "", err
		}
		query, args := t.insertSQL(row.tenant, " RETURNING "+t.keyExpr)
		var key []string
		err := p.tx.QueryRow(ctx, query, args...).Scan(&key)
		if pe := sqlError(err); pe != nil {
			why := fmt.Sprintf("inserting tenant %s's row failed: %s", row.name, pe.Message)
			if pe.Code == foreignKeyViolation {
				why += " (-no-triggers probes it without foreign-key checks)"
			}
			return why, nil
		} else if err != nil {
			return "", err
		}
		*row.key = t.key(key)
	}
	return "", nil
}

// foreignKeyViolation is PostgreSQL's SQLSTATE for a row whose foreign key
// has no match.
const foreignKeyViolation = "23503"
