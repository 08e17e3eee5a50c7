package sqlcheck

import (
	"errors"
	"fmt"
	"slices"
	"sync"
)

// Checker checks query text against one tenancy model. It is safe for
// concurrent use, and checks each distinct text once.
type Checker struct {
	tenancy *Tenancy
	cache   sync.Map // string → *checked
}

// checked is what checking one text found.
type checked struct {
	findings []Finding
	// raw are the findings before the directives in the text were
	// applied, which Context applies again with its own findings.
	raw []Finding
	// trusted are the findings that trust_rls let row-level security stand
	// in for; uses are what the text does to settings, and alone says it
	// does nothing else (settingUses).
	trusted []Finding
	uses    []settingUse
	alone   bool
	// norm is the text with its placeholders normalised, and spans its
	// statements, which the tenant-context findings need for their
	// fingerprint and directives.
	norm  string
	spans []span
}

// NewChecker returns a Checker for t.
func NewChecker(t *Tenancy) *Checker { return &Checker{tenancy: t} }

// Check returns the findings for sql, with offsets into sql. Placeholders in
// the style of database/sql drivers, sqlx and sqlc are understood.
func (c *Checker) Check(sql string) []Finding {
	return c.CheckLists(sql, nil)
}

// EveryParam in CheckLists stands for every parameter of the query.
const EveryParam = 0

// CheckLists is Check for SQL whose parameters numbered in lists expand
// into lists of values at run time, as sqlx.In expands a slice argument:
// "tenant_id IN (?)" then admits many tenants.
func (c *Checker) CheckLists(sql string, lists []int) []Finding {
	return c.checked(sql, lists).findings
}

func (c *Checker) checked(sql string, lists []int) *checked {
	key := sql
	if len(lists) > 0 {
		key = fmt.Sprint(sql, "\x00", lists)
	}
	if v, ok := c.cache.Load(key); ok {
		return v.(*checked)
	}
	ch := c.check(sql, lists)
	c.cache.Store(key, ch)
	return ch
}

func (c *Checker) check(sql string, lists []int) (ch *checked) {
	// One query that trips the checker must not end the run; it becomes a
	// finding at its site instead.
	defer func() {
		if r := recover(); r != nil {
			ch = &checked{findings: []Finding{newFinding(InternalError, 0, 0, "", "internal error while checking this query: %v; please report it", r)}}
		}
	}()
	rw := normalizePlaceholders(sql)
	ch = &checked{norm: rw.SQL, spans: []span{{0, len(sql)}}}
	stmts, err := parse(rw.SQL)
	if err != nil {
		var pe *ParseError
		errors.As(err, &pe)
		pos := rw.orig(pe.Pos)
		fs := []Finding{newFinding(SyntaxError, pos, pos, "", "sql does not parse: %s; fix the query", pe.Msg)}
		ch.raw = slices.Clone(fs)
		ch.findings = withFingerprint(rw.SQL, applyDirectives(sql, ch.spans, fs))
		return ch
	}
	ch.spans = make([]span, len(stmts))
	var fs []Finding
	for i, s := range stmts {
		ch.spans[i] = span{rw.orig(s.pos), rw.orig(s.end)}
		expandLists(s.node, slices.Concat(lists, rw.lists))
		found, trusted := judgeModel(buildModel(rw.SQL, c.tenancy, s.node))
		for _, f := range found {
			f.Pos, f.End = rw.orig(f.Pos), rw.orig(f.End)
			fs = append(fs, f)
		}
		for _, f := range trusted {
			f.Pos, f.End = rw.orig(f.Pos), rw.orig(f.End)
			ch.trusted = append(ch.trusted, f)
		}
	}
	var uses []settingUse
	uses, ch.alone = settingUses(rw.SQL, stmts, c.tenancy.setters())
	ch.uses = rw.origUses(uses)
	// PostgreSQL's grammar takes no parameter in SET, though pg_query's
	// does; TV303 says so, with the fix, when the setting is the tenant's.
	for _, u := range ch.uses {
		if u.kind == setParam && !c.tenancy.isTenantSetting(u.name) {
			fs = append(fs, newFinding(SyntaxError, u.pos, u.end, "", "sql does not parse: SET takes no parameters; write the value, or use set_config(%s, $1, …)", quoteLiteral(u.name)))
		}
	}
	// applyDirectives and withFingerprint write into fs.
	ch.raw = slices.Clone(fs)
	ch.findings = withFingerprint(rw.SQL, applyDirectives(sql, ch.spans, fs))
	return ch
}

// withFingerprint stamps findings with the query's fingerprint, which costs
// a second parse and so is only paid when there is a finding.
func withFingerprint(sql string, fs []Finding) []Finding {
	if len(fs) == 0 {
		return fs
	}
	fp := fingerprint(sql)
	for i := range fs {
		fs[i].Fingerprint = fp
	}
	return fs
}
