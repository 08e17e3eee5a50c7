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
	cache   sync.Map // string → []Finding
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
	key := sql
	if len(lists) > 0 {
		key = fmt.Sprint(sql, "\x00", lists)
	}
	if v, ok := c.cache.Load(key); ok {
		return v.([]Finding)
	}
	fs := c.check(sql, lists)
	c.cache.Store(key, fs)
	return fs
}

func (c *Checker) check(sql string, lists []int) (fs []Finding) {
	// One query that trips the checker must not end the run; it becomes a
	// finding at its site instead.
	defer func() {
		if r := recover(); r != nil {
			fs = []Finding{newFinding(InternalError, 0, 0, "", "internal error while checking this query: %v; please report it", r)}
		}
	}()
	rw := normalizePlaceholders(sql)
	stmts, err := parse(rw.SQL)
	if err != nil {
		var pe *ParseError
		errors.As(err, &pe)
		pos := rw.orig(pe.Pos)
		fs = append(fs, newFinding(SyntaxError, pos, pos, "", "sql does not parse: %s; fix the query", pe.Msg))
		return withFingerprint(rw.SQL, applyDirectives(sql, []span{{0, len(sql)}}, fs))
	}
	spans := make([]span, len(stmts))
	for i, s := range stmts {
		spans[i] = span{rw.orig(s.pos), rw.orig(s.end)}
		expandLists(s.node, slices.Concat(lists, rw.lists))
		for _, f := range judgeModel(buildModel(rw.SQL, c.tenancy, s.node)) {
			f.Pos, f.End = rw.orig(f.Pos), rw.orig(f.End)
			fs = append(fs, f)
		}
	}
	return withFingerprint(rw.SQL, applyDirectives(sql, spans, fs))
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
