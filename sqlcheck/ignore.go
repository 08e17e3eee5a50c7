package sqlcheck

import (
	"regexp"
	"slices"
	"strings"
)

// DirectivePrefix starts an ignore directive, in a Go comment
// (//tenantvet:ignore) or an SQL one (-- tenantvet:ignore).
const DirectivePrefix = "tenantvet:ignore"

// Directive is a parsed ignore directive:
//
//	tenantvet:ignore [TV101[,TV102…]] reason
//
// Without IDs it suppresses every finding it covers. The reason is required,
// so that every suppression says why it is safe.
type Directive struct {
	IDs    []string
	Reason string
}

var idList = regexp.MustCompile(`^TV[0-9]{3}(,TV[0-9]{3})*$`)

// ParseDirective parses a comment's text without its delimiters. ok is
// false when the comment is no directive at all; a directive with no reason
// has an empty Reason.
func ParseDirective(comment string) (d Directive, ok bool) {
	rest, ok := strings.CutPrefix(strings.TrimSpace(comment), DirectivePrefix)
	if !ok || rest != "" && rest[0] != ' ' && rest[0] != '\t' {
		return Directive{}, false
	}
	fields := strings.Fields(rest)
	if len(fields) > 0 && idList.MatchString(fields[0]) {
		d.IDs = strings.Split(fields[0], ",")
		fields = fields[1:]
	}
	d.Reason = strings.Join(fields, " ")
	return d, true
}

// Matches reports whether d suppresses findings of check id. Findings about
// directives themselves are never suppressed.
func (d Directive) Matches(id string) bool {
	if id == IgnoreMalformed || id == IgnoreUnused {
		return false
	}
	return len(d.IDs) == 0 || slices.Contains(d.IDs, id)
}

// MalformedMessage and UnusedMessage word the directive findings, for the
// analyzer's Go directives as for SQL ones.
const (
	MalformedMessage = "ignore directive has no reason; say why the finding is safe after tenantvet:ignore"
	UnusedMessage    = "ignore directive suppresses nothing; remove it"
)

// applyDirectives drops the findings that an SQL directive in the same
// statement suppresses, and reports malformed and unused directives.
func applyDirectives(sql string, stmts []span, fs []Finding) []Finding {
	if !strings.Contains(sql, DirectivePrefix) {
		return fs
	}
	for _, c := range comments(sql) {
		d, ok := ParseDirective(c.Text)
		if !ok {
			continue
		}
		if d.Reason == "" {
			fs = append(fs, newFinding(IgnoreMalformed, c.Start, c.End, "", MalformedMessage))
			continue
		}
		in := enclosing(stmts, c.Start)
		n := len(fs)
		fs = slices.DeleteFunc(fs, func(f Finding) bool {
			return d.Matches(f.ID) && enclosing(stmts, f.Pos) == in
		})
		if len(fs) == n {
			fs = append(fs, newFinding(IgnoreUnused, c.Start, c.End, "", UnusedMessage))
		}
	}
	return fs
}

// migrationDirectives drops the findings that a directive on a migration
// statement's first line, or alone on the line above it, suppresses, and
// reports malformed and unused directives.
func (c *Catalog) migrationDirectives(fs []Finding) []Finding {
	for _, file := range c.files {
		if !strings.Contains(file.SQL, DirectivePrefix) {
			continue
		}
		for _, cm := range comments(file.SQL) {
			d, ok := ParseDirective(cm.Text)
			if !ok {
				continue
			}
			at := func(id, msg string) Finding {
				f := newFinding(id, cm.Start, cm.End, "", "%s", msg)
				f.File = file.Path
				return f
			}
			if d.Reason == "" {
				fs = append(fs, at(IgnoreMalformed, MalformedMessage))
				continue
			}
			line, col := LineCol(file.SQL, cm.Start)
			alone := strings.TrimSpace(file.SQL[cm.Start-col+1:cm.Start]) == ""
			n := len(fs)
			fs = slices.DeleteFunc(fs, func(f Finding) bool {
				if f.File != file.Path || !d.Matches(f.ID) {
					return false
				}
				l, _ := LineCol(file.SQL, f.Pos)
				return l == line || alone && l == line+1
			})
			if len(fs) == n {
				fs = append(fs, at(IgnoreUnused, UnusedMessage))
			}
		}
	}
	return fs
}

// span is a statement's byte range.
type span struct{ pos, end int }

func enclosing(stmts []span, off int) int {
	for i, s := range stmts {
		if s.pos <= off && off < s.end {
			return i
		}
	}
	return len(stmts) - 1
}
