package sqlcheck

import "strings"

// This file is a small SQL lexer: enough of PostgreSQL's lexical rules to
// tell code from string literals, quoted identifiers and comments, which is
// what placeholder rewriting and ignore directives need.

// sqlComment is one comment in SQL text: Start and End are byte offsets of the whole
// comment including its -- or /* */ delimiters; Text is the comment's body without delimiters.
type sqlComment struct {
	Start, End int
	Text       string
}

// comments returns the comments of sql, in order, skipping anything inside string
// literals, quoted identifiers and dollar-quoted strings.
func comments(sql string) []sqlComment {
	var out []sqlComment
	s := sqlScanner{sql: sql}
	for t := s.next(); t.kind != tokEOF; t = s.next() {
		switch t.kind {
		case tokLineComment, tokOpenComment:
			out = append(out, sqlComment{Start: t.start, End: t.end, Text: sql[t.start+2 : t.end]})
		case tokBlockComment:
			out = append(out, sqlComment{Start: t.start, End: t.end, Text: sql[t.start+2 : t.end-2]})
		}
	}
	return out
}

type tokenKind uint8

const (
	tokEOF          tokenKind = iota
	tokIdent                  // unquoted identifier or keyword
	tokQuotedIdent            // "ident"
	tokString                 // 'str', E'str' or $tag$str$tag$
	tokNumber                 // numeric literal
	tokParam                  // $n
	tokLineComment            // -- comment
	tokBlockComment           // /* comment */
	tokOpenComment            // /* comment never closed
	tokPunct                  // any other single byte
)

type sqlToken struct {
	kind       tokenKind
	start, end int
}

// sqlScanner splits SQL into just enough of PostgreSQL's tokens to tell
// code from literals and comments. Unterminated literals run to the end of
// the text, as PostgreSQL would reject them anyway.
type sqlScanner struct {
	sql string
	pos int
}

func (s *sqlScanner) next() sqlToken {
	sql, i := s.sql, s.pos
	for i < len(sql) && isSpace(sql[i]) {
		i++
	}
	start := i
	kind := tokPunct
	switch {
	case i == len(sql):
		kind = tokEOF
	case strings.HasPrefix(sql[i:], "--"):
		kind = tokLineComment
		for i += 2; i < len(sql) && sql[i] != '\n' && sql[i] != '\r'; i++ {
		}
	case strings.HasPrefix(sql[i:], "/*"):
		kind, i = blockCommentEnd(sql, i)
	case sql[i] == '\'':
		kind, i = tokString, quotedEnd(sql, i+1, '\'')
	case sql[i] == '"':
		kind, i = tokQuotedIdent, quotedEnd(sql, i+1, '"')
	case sql[i] == '$':
		kind, i = dollarEnd(sql, i)
	case isDigit(sql[i]) || sql[i] == '.' && i+1 < len(sql) && isDigit(sql[i+1]):
		kind, i = tokNumber, numberEnd(sql, i)
	case isIdentStart(sql[i]):
		for i++; i < len(sql) && isIdentChar(sql[i]); i++ {
		}
		kind = tokIdent
		if i-start == 1 && (sql[start] == 'E' || sql[start] == 'e') && i < len(sql) && sql[i] == '\'' {
			kind, i = tokString, escapeStringEnd(sql, i+1)
		}
	default:
		i++
	}
	s.pos = i
	return sqlToken{kind: kind, start: start, end: i}
}

// blockCommentEnd scans the comment opening at i, minding that PostgreSQL
// nests block comments.
func blockCommentEnd(sql string, i int) (tokenKind, int) {
	depth := 0
	for i+1 < len(sql) {
		switch sql[i : i+2] {
		case "/*":
			depth++
			i += 2
		case "*/":
			depth--
			i += 2
			if depth == 0 {
				return tokBlockComment, i
			}
		default:
			i++
		}
	}
	return tokOpenComment, len(sql)
}

// quotedEnd returns the end of a literal quoted by q whose body starts at i,
// where a doubled quote stands for itself.
func quotedEnd(sql string, i int, q byte) int {
	for {
		j := strings.IndexByte(sql[i:], q)
		if j < 0 {
			return len(sql)
		}
		i += j + 1
		if i == len(sql) || sql[i] != q {
			return i
		}
		i++
	}
}

// escapeStringEnd returns the end of an E” string whose body starts at i;
// unlike standard strings, backslash escapes the next byte.
func escapeStringEnd(sql string, i int) int {
	for i < len(sql) {
		switch sql[i] {
		case '\\':
			i += 2
		case '\'':
			if i+1 < len(sql) && sql[i+1] == '\'' {
				i += 2
				continue
			}
			return i + 1
		default:
			i++
		}
	}
	return len(sql)
}

// dollarEnd scans what starts with the $ at i: a parameter $n, a
// dollar-quoted string, or a lone $.
func dollarEnd(sql string, i int) (tokenKind, int) {
	j := i + 1
	if j < len(sql) && isDigit(sql[j]) {
		for j++; j < len(sql) && isDigit(sql[j]); j++ {
		}
		return tokParam, j
	}
	if j < len(sql) && isIdentStart(sql[j]) {
		// Unlike identifiers, tags cannot contain $.
		for j++; j < len(sql) && isIdentChar(sql[j]) && sql[j] != '$'; j++ {
		}
	}
	if j == len(sql) || sql[j] != '$' {
		return tokPunct, i + 1
	}
	delim := sql[i : j+1]
	k := strings.Index(sql[j+1:], delim)
	if k < 0 {
		return tokString, len(sql)
	}
	return tokString, j + 1 + k + len(delim)
}

// numberEnd over-approximates numeric literals (hex, 1_000, 1.5e-3 and
// trailing junk alike); it only needs to keep their letters from being
// mistaken for identifiers.
func numberEnd(sql string, i int) int {
	for i++; i < len(sql); i++ {
		c := sql[i]
		exponentSign := (c == '+' || c == '-') && (sql[i-1] == 'e' || sql[i-1] == 'E')
		if !exponentSign && c != '.' && (c == '$' || !isIdentChar(c)) {
			break
		}
	}
	return i
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// isNameStart reports whether c may start a driver parameter name.
func isNameStart(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_'
}

// isIdentStart follows PostgreSQL, which takes any non-ASCII byte as a letter.
func isIdentStart(c byte) bool { return isNameStart(c) || c >= 0x80 }

func isIdentChar(c byte) bool { return isIdentStart(c) || isDigit(c) || c == '$' }

func isOpChar(c byte) bool { return strings.IndexByte("+-*/<>=~!@#%^&|`?", c) >= 0 }

// tokenStart returns the offset of the first token at or after pos,
// stepping over white space and comments, so that a statement's position is
// its first keyword rather than the comment above it.
func tokenStart(sql string, pos int) int {
	s := sqlScanner{sql: sql, pos: pos}
	for {
		t := s.next()
		switch t.kind {
		case tokLineComment, tokBlockComment, tokOpenComment:
			continue
		case tokEOF:
			return len(sql)
		}
		return t.start
	}
}

// identEnd returns the end of the possibly qualified, possibly quoted name
// that starts at pos, so that a finding underlines exactly the table name.
func identEnd(sql string, pos int) int {
	i := pos
	for i < len(sql) {
		if sql[i] == '"' {
			i = quotedEnd(sql, i+1, '"')
		} else {
			for i < len(sql) && isIdentChar(sql[i]) {
				i++
			}
		}
		if i >= len(sql) || sql[i] != '.' {
			return i
		}
		i++
	}
	return i
}
