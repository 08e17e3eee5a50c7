package sqlcheck

import (
	"slices"
	"sort"
	"strconv"
	"strings"
)

// rewrite is SQL text after placeholder normalisation, with the edits that
// map its byte offsets back to the original text.
type rewrite struct {
	SQL   string
	edits []edit // in increasing order of position
	lists []int  // parameters that the driver expands into lists (sqlc.slice)
}

// edit says that the n bytes at at in the rewritten text stand for the
// origN bytes at origAt in the original text.
type edit struct {
	at, n         int
	origAt, origN int
}

// orig maps a byte offset in r.SQL back to a byte offset in the original text.
// An offset inside a replaced placeholder maps to the start of the original placeholder.
func (r rewrite) orig(off int) int {
	i := sort.Search(len(r.edits), func(i int) bool { return r.edits[i].at > off }) - 1
	if i < 0 {
		return off
	}
	e := r.edits[i]
	if off < e.at+e.n {
		return e.origAt
	}
	return e.origAt + e.origN + off - (e.at + e.n)
}

// placeholder is a driver-style parameter found in the original text.
type placeholder struct {
	start, end int
	// name is empty for a positional ?, which gets a fresh number each time.
	name string
	// embed marks sqlc.embed(name), which stands for the table's columns
	// rather than for a parameter.
	embed bool
	// list marks sqlc.slice(name), which sqlc expands into a list of values.
	list bool
}

// normalizePlaceholders rewrites ?, :name, @name, sqlc.arg(name),
// sqlc.narg(name) and sqlc.slice(name) to $n, and sqlc.embed(t) to t.*, so
// that PostgreSQL's parser accepts SQL written for database/sql drivers,
// sqlx and sqlc. Numbers continue after the highest $n already present, and
// a name keeps its number wherever it recurs.
func normalizePlaceholders(sql string) rewrite {
	var (
		s        = sqlScanner{sql: sql}
		prev     sqlToken // last significant token; the zero value is the start of text
		phs      []placeholder
		maxParam int
		// depth counts open [ ], where a colon after an operand separates
		// slice bounds instead of introducing a name.
		depth int
	)
	for t := s.next(); t.kind != tokEOF; t = s.next() {
		switch t.kind {
		case tokLineComment, tokBlockComment, tokOpenComment:
			continue
		case tokParam:
			if n, err := strconv.Atoi(sql[t.start+1 : t.end]); err == nil {
				maxParam = max(maxParam, n)
			}
		case tokIdent:
			if ph, ok := s.sqlcCall(t); ok {
				phs = append(phs, ph)
				t = sqlToken{kind: tokParam, start: ph.start, end: ph.end}
			}
		case tokPunct:
			switch sql[t.start] {
			case '[':
				depth++
			case ']':
				depth = max(depth-1, 0)
			case '?':
				// ?| and ?& are jsonb operators whatever precedes them, and
				// a lone ? after an operand is jsonb's key-exists operator.
				if t.end < len(sql) && (sql[t.end] == '|' || sql[t.end] == '&') || isOperand(sql, prev) {
					break
				}
				phs = append(phs, placeholder{start: t.start, end: t.end})
				t.kind = tokParam
			case ':':
				end := nameEnd(sql, t.end)
				if end == t.end || t.start > 0 && sql[t.start-1] == ':' || depth > 0 && isOperand(sql, prev) {
					break
				}
				phs = append(phs, placeholder{start: t.start, end: end, name: sql[t.end:end]})
				s.pos = end
				t = sqlToken{kind: tokParam, start: t.start, end: end}
			case '@':
				// PostgreSQL lexes an @ that follows operator characters as
				// part of one operator (=@, <@, @@), so sqlc never sees a
				// parameter there; likewise x@y is not a parameter.
				end := nameEnd(sql, t.end)
				if end == t.end || t.start > 0 && (isIdentChar(sql[t.start-1]) || isOpChar(sql[t.start-1])) {
					break
				}
				phs = append(phs, placeholder{start: t.start, end: end, name: sql[t.end:end]})
				s.pos = end
				t = sqlToken{kind: tokParam, start: t.start, end: end}
			}
		}
		prev = t
	}
	if maxParam > 0 {
		// Drivers never mix ? with $n, so beside $n every ? is jsonb's.
		phs = slices.DeleteFunc(phs, func(p placeholder) bool { return p.name == "" })
	}
	if len(phs) == 0 {
		return rewrite{SQL: sql}
	}

	var (
		b      strings.Builder
		edits  = make([]edit, 0, len(phs))
		nums   map[string]int
		n      = maxParam
		last   int
		digits [20]byte
		lists  []int
	)
	b.Grow(len(sql) + 2*len(phs))
	for _, p := range phs {
		b.WriteString(sql[last:p.start])
		at := b.Len()
		if p.embed {
			b.WriteString(p.name)
			b.WriteString(".*")
		} else {
			num := nums[p.name]
			if num == 0 {
				n++
				num = n
				if p.name != "" {
					if nums == nil {
						nums = make(map[string]int)
					}
					nums[p.name] = num
				}
			}
			b.WriteByte('$')
			b.Write(strconv.AppendInt(digits[:0], int64(num), 10))
			if p.list {
				lists = append(lists, num)
			}
		}
		edits = append(edits, edit{at: at, n: b.Len() - at, origAt: p.start, origN: p.end - p.start})
		last = p.end
	}
	b.WriteString(sql[last:])
	return rewrite{SQL: b.String(), edits: edits, lists: lists}
}

// sqlcCall recognises sqlc.arg(name), sqlc.narg(name), sqlc.slice(name) and
// sqlc.embed(name) starting at the identifier t. On failure the scanner is
// left where it was.
func (s *sqlScanner) sqlcCall(t sqlToken) (placeholder, bool) {
	sql := s.sql
	if !strings.EqualFold(sql[t.start:t.end], "sqlc") {
		return placeholder{}, false
	}
	saved := *s
	dot, fn, open, name, closing := s.next(), s.next(), s.next(), s.next(), s.next()
	if dot.kind != tokPunct || sql[dot.start] != '.' ||
		fn.kind != tokIdent ||
		open.kind != tokPunct || sql[open.start] != '(' ||
		closing.kind != tokPunct || sql[closing.start] != ')' {
		*s = saved
		return placeholder{}, false
	}
	ph := placeholder{start: t.start, end: closing.end}
	switch f := sql[fn.start:fn.end]; {
	case strings.EqualFold(f, "embed"):
		// The name is emitted as written, so it must be an identifier.
		if name.kind != tokIdent && name.kind != tokQuotedIdent {
			*s = saved
			return placeholder{}, false
		}
		ph.name, ph.embed = sql[name.start:name.end], true
	case strings.EqualFold(f, "arg"), strings.EqualFold(f, "narg"), strings.EqualFold(f, "slice"):
		ph.list = strings.EqualFold(f, "slice")
		switch {
		case name.kind == tokIdent:
			ph.name = sql[name.start:name.end]
		case name.kind == tokQuotedIdent, name.kind == tokString && sql[name.start] == '\'':
			// The closing paren that follows proves the quotes are closed.
			ph.name = sql[name.start+1 : name.end-1]
		default:
			*s = saved
			return placeholder{}, false
		}
	default:
		*s = saved
		return placeholder{}, false
	}
	return ph, true
}

// exprKeywords are keywords after which an expression may begin, so a ?
// following one is a placeholder; any other identifier is an operand
// (END, for one, closes CASE).
var exprKeywords = []string{
	"all", "and", "any", "asymmetric", "between", "both", "by", "case",
	"default", "distinct", "else", "escape", "first", "for", "from",
	"having", "ilike", "in", "is", "leading", "like", "limit", "next",
	"not", "offset", "on", "or", "overlaps", "placing", "return",
	"returning", "select", "set", "similar", "some", "symmetric", "then",
	"to", "trailing", "using", "values", "variadic", "when", "where",
	"zone",
}

// isOperand reports whether prev ends an operand, after which ? is a binary
// operator rather than a placeholder.
func isOperand(sql string, prev sqlToken) bool {
	switch prev.kind {
	case tokIdent:
		word := sql[prev.start:prev.end]
		return !slices.ContainsFunc(exprKeywords, func(k string) bool { return strings.EqualFold(k, word) })
	case tokQuotedIdent, tokString, tokNumber, tokParam:
		return true
	case tokPunct:
		return sql[prev.start] == ')' || sql[prev.start] == ']'
	}
	return false
}

// nameEnd returns the end of the parameter name starting at i, or i if none
// starts there.
func nameEnd(sql string, i int) int {
	if i >= len(sql) || !isNameStart(sql[i]) {
		return i
	}
	for i++; i < len(sql) && (isNameStart(sql[i]) || isDigit(sql[i])); i++ {
	}
	return i
}
