package sqlcheck

import (
	"regexp"
	"slices"
	"strings"
)

// HandleKind is what a statement is sent on, which decides how long a
// setting it makes lasts and whether SET LOCAL can take effect.
type HandleKind uint8

const (
	HandleUnknown    HandleKind = iota // an interface such as sqlc's DBTX, a wrapper: the checks are silent
	HandleTx                           // *sql.Tx, pgx.Tx, *sqlx.Tx
	HandlePooledConn                   // *sql.Conn, *pgxpool.Conn: one connection, back to the pool after
	HandlePool                         // *sql.DB, *sqlx.DB, *pgxpool.Pool: any connection, outside a transaction
	HandleConn                         // *pgx.Conn: a connection of its own
	HandleHookConn                     // the *pgx.Conn of a pgxpool hook (BeforeAcquire): a pooled one
)

// Handle describes what a statement is sent on.
type Handle struct {
	Kind HandleKind
	Type string // as code spells it: "*pgxpool.Pool", "pgx.Tx"
	// Reset says that the code resets the tenant setting before the
	// connection goes back to the pool: a deferred RESET on the same
	// connection, or an AfterRelease hook of the same pool config.
	Reset bool
	// Unset says, of a transaction begun in the same function, that no
	// transaction-local set of the tenant setting comes before the
	// statement on every path.
	Unset bool
}

// pooled reports whether a setting that outlives the statement stays on a
// connection that another request gets next.
func (h Handle) pooled() bool {
	switch h.Kind {
	case HandleTx, HandlePooledConn, HandlePool, HandleHookConn:
		return true
	}
	return false
}

// Context returns the findings of sql sent on h: CheckLists's and the
// tenant-context ones (TV3xx), with the directives in sql applied to both
// at once, since a directive is used when it suppresses either kind. With
// no tenant setting known it returns CheckLists's alone.
func (c *Checker) Context(sql string, lists []int, h Handle) []Finding {
	t := c.tenancy
	settings := t.TenantSettings()
	ch := c.checked(sql, lists)
	if len(settings) == 0 {
		return ch.findings
	}
	want := settingList(settings)
	fix := "set_config(" + quoteLiteral(settings[0]) + ", $1, true)"
	var fs []Finding
	for _, u := range ch.uses {
		fs = append(fs, c.judgeUse(u, h, ch.alone)...)
	}
	i := slices.IndexFunc(ch.trusted, func(f Finding) bool { return !c.setLocallyBefore(ch, f.Pos) })
	if i >= 0 && (h.Kind == HandlePool || h.Kind == HandleTx && h.Unset) {
		f := ch.trusted[i]
		where := h.Type + " runs it outside any transaction, where no SET LOCAL can have set " + want
		if h.Kind == HandleTx {
			where = want + " is not set on this " + h.Type + " before it on every path"
		}
		fs = append(fs, newFinding(TrustWithoutTenant, f.Pos, f.End, f.Table,
			"query on %q relies on row-level security, but %s; call %s on the transaction first", f.Table, where, fix))
	}
	if len(fs) == 0 {
		return ch.findings
	}
	return withFingerprint(ch.norm, applyDirectives(sql, ch.spans, slices.Concat(ch.raw, fs)))
}

// setLocallyBefore reports whether a statement of the text before the one
// at off may set a tenant setting for the transaction: a text of several
// statements runs as one, so what the first sets holds for the next.
func (c *Checker) setLocallyBefore(ch *checked, off int) bool {
	start := ch.spans[enclosing(ch.spans, off)].pos
	return slices.ContainsFunc(ch.uses, func(u settingUse) bool { return u.end <= start && c.setsTenantLocally(u) })
}

// setsTenantLocally reports whether u may set a tenant setting for the
// transaction it runs in.
func (c *Checker) setsTenantLocally(u settingUse) bool {
	return (u.kind == setLocal || u.kind == setEither) && c.tenancy.isTenantSetting(u.name)
}

// judgeUse returns the findings of one statement's set of a setting, sent
// on h; alone says the text does nothing else.
func (c *Checker) judgeUse(u settingUse, h Handle, alone bool) []Finding {
	t := c.tenancy
	if u.kind == reset || u.kind == resetAll {
		return nil
	}
	if !t.isTenantSetting(u.name) {
		if !t.misnamed(u.name) {
			return nil
		}
		want := settingList(t.TenantSettings())
		return []Finding{newFinding(WrongSetting, u.pos, u.end, "",
			"%s sets %s, which nothing in the migrations reads, while the policies read %s; set %s", u.form, u.name, want, want)}
	}
	fix := "set_config(" + quoteLiteral(u.name) + ", $1, true)"
	session := "use " + fix + " inside the request's transaction"
	if u.via.Name != "" {
		// The function is where the fix goes.
		session = "make " + u.via.String() + " set it with set_config(" + quoteLiteral(u.name) + ", …, true), inside the request's transaction"
	}
	switch {
	case u.kind == setSession && h.pooled() && !h.Reset:
		return []Finding{newFinding(SessionSetting, u.pos, u.end, "", "%s of %s on %s %s; %s",
			u.form, u.name, h.Type, sessionHarm(h), session)}
	case u.kind == setLocal && h.Kind == HandlePool && alone:
		return []Finding{newFinding(LocalOutsideTx, u.pos, u.end, "",
			"%s of %s on %s runs outside any transaction, so it sets nothing; begin a transaction and call %s on it",
			u.form, u.name, h.Type, fix)}
	case u.kind == setParam:
		return []Finding{newFinding(SetParameter, u.pos, u.end, "",
			"SET of %s with a parameter does not parse: SET takes none, unless the driver fills parameters in itself (pgx's simple protocol); use SELECT %s", u.name, fix)}
	}
	return nil
}

// sessionHarm says what a session-level set does on h.
func sessionHarm(h Handle) string {
	switch h.Kind {
	case HandleTx:
		return "outlives the transaction: the connection goes back to the pool still set"
	case HandleHookConn:
		return "stays on the pooled connection after it is released, and no AfterRelease hook resets it"
	}
	return "stays on the pooled connection, and the next request that gets it runs as this tenant"
}

// ReliesOnRLS reports whether row-level security stands in, under
// TrustRLS, for a tenant predicate that sql lacks.
func (c *Checker) ReliesOnRLS(sql string, lists []int) bool {
	return len(c.checked(sql, lists).trusted) > 0
}

// SetsTenantLocally reports whether sql may set a tenant setting for the
// transaction it runs in: SET LOCAL, set_config(…, true), or set_config
// whose is_local is not a constant.
func (c *Checker) SetsTenantLocally(sql string) bool {
	return slices.ContainsFunc(c.checked(sql, nil).uses, c.setsTenantLocally)
}

// ResetsTenant reports whether sql resets every tenant setting: RESET of
// one, RESET ALL or DISCARD ALL.
func (c *Checker) ResetsTenant(sql string) bool {
	for _, u := range c.checked(sql, nil).uses {
		if u.kind == resetAll || u.kind == reset && c.tenancy.isTenantSetting(u.name) {
			return true
		}
	}
	return false
}

// formatVerb is a fmt verb, as Sprintf's format holds it.
var formatVerb = regexp.MustCompile(`%[-+# 0]*(\[\d+\])?(\d+|\*)?(\.(\d+|\*)?)?[a-zA-Z]`)

// Formatted returns TV303 for a fmt format that builds a SET or
// set_config of a tenant setting around a formatted value, which is SQL
// injection through the tenant id, and what else the set is on h (a
// session-level one on a pool, say). Offsets are into format.
func (c *Checker) Formatted(format string, h Handle) []Finding {
	settings := c.tenancy.TenantSettings()
	if len(settings) == 0 || !strings.Contains(format, "%") {
		return nil
	}
	// Each verb becomes a run of zeros of its length, a value in a
	// string or a number alike, so offsets hold.
	text := formatVerb.ReplaceAllStringFunc(strings.ReplaceAll(format, "%%", " %"), func(v string) string { return strings.Repeat("0", len(v)) })
	// Only the verbs that print text as it is can carry a quote into the
	// SQL: %s, %v and %q (whose Go escapes PostgreSQL does not read). A
	// number or %x of anything cannot.
	var verbs [][]int
	plain := strings.ReplaceAll(format, "%%", "  ")
	for _, v := range formatVerb.FindAllStringIndex(plain, -1) {
		if strings.ContainsRune("svq", rune(plain[v[1]-1])) {
			verbs = append(verbs, v)
		}
	}
	stmts, err := parse(text)
	if err != nil || len(verbs) == 0 {
		return nil
	}
	_, alone := settingUses(text, stmts, c.tenancy.setters())
	var fs []Finding
	for _, s := range stmts {
		uses, _ := settingUses(text, []statement{s}, c.tenancy.setters())
		for _, u := range uses {
			if !c.tenancy.isTenantSetting(u.name) || u.kind == reset || u.kind == resetAll || !verbIn(verbs, s.pos, s.end) {
				continue
			}
			fs = append(fs, newFinding(SetParameter, u.pos, u.end, "",
				"%s of %s formats the tenant into the sql, which is sql injection through the tenant id; use SELECT set_config(%s, $1, true) with the id as a parameter",
				u.form, u.name, quoteLiteral(u.name)))
			fs = append(fs, c.judgeUse(u, h, alone)...)
		}
	}
	return withFingerprint(text, fs)
}

func verbIn(verbs [][]int, pos, end int) bool {
	for _, v := range verbs {
		if v[0] >= pos && v[1] <= end {
			return true
		}
	}
	return false
}

// settingList names the tenant settings for messages: "app.current_tenant",
// or "app.a or app.b".
func settingList(names []string) string { return strings.Join(names, " or ") }

func quoteLiteral(s string) string {
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}
