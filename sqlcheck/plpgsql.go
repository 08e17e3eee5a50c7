package sqlcheck

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// This file reads the SQL out of a PL/pgSQL function body, so that the
// checks can see which tables a SECURITY DEFINER function touches.
//
// pg_query's PL/pgSQL parser compiles the body the way PostgreSQL does and
// dumps the result as JSON: an array with one {"PLpgSQL_function": {...}}
// per CREATE FUNCTION or DO, holding "datums" (the variables, a declaration's
// DEFAULT as "default_val") and "action" (the top block). Statements are
// objects keyed by their type ("PLpgSQL_stmt_execsql", "PLpgSQL_stmt_if",
// …) nested through "body", "then_body", "elsif_list", "exceptions" and so
// on, and every piece of SQL they hold, whether a statement or an expression,
// is a {"PLpgSQL_expr": {"query": "...", "parseMode": n}}. Rather than list
// the statement types, readPlpgsql walks the whole tree and takes every
// PLpgSQL_expr, so no kind of statement is missed.
//
// parseMode is PostgreSQL's RawParseMode, the grammar PL/pgSQL hands the
// text to:
//
//	0 (RAW_PARSE_DEFAULT)         a whole statement: "SELECT id FROM t", "INSERT …",
//	                              PERFORM's "SELECT …", "CALL p()"; kept as it is
//	2 (RAW_PARSE_PLPGSQL_EXPR)    an expression: IF and WHILE conditions, RETURN,
//	                              DEFAULT, loop bounds, RAISE arguments, EXECUTE's
//	                              string; its grammar is a SELECT without the
//	                              keyword ("count(*) FROM t" is allowed), so it
//	                              becomes "SELECT " + query
//	3-5 (RAW_PARSE_PLPGSQL_ASSIGN1-3)
//	                              "target := value" with a 1-3 part target name;
//	                              the value becomes "SELECT " + value and, when
//	                              the target has subscripts, which may hold
//	                              subqueries, "SELECT " + target follows it
//
// Every query text readPlpgsql returns is therefore a statement that parse
// accepts. PL/pgSQL already removed INTO clauses from the statements, so
// "SELECT a INTO x FROM t" comes as "SELECT a        FROM t".

// plpgsqlBody is what can be read of a PL/pgSQL function body.
type plpgsqlBody struct {
	queries []string // every embedded SQL text, in order, as PL/pgSQL passes it to the SQL parser
	dynamic bool     // the body runs SQL built at run time (EXECUTE …), which cannot be read
}

// readPlpgsql parses createFunction (a whole CREATE FUNCTION … LANGUAGE
// plpgsql statement) and returns what its body runs. An error means the body
// does not parse, or the statement has no PL/pgSQL body to read (another
// language, or a SQL-standard RETURN / BEGIN ATOMIC body).
//
// The queries come in execution order as far as the tree shows it: a
// statement's own expressions (a loop's query, an IF's condition) before its
// nested statements, blocks before their exception handlers, declarations'
// defaults before the body. Expressions of dynamic statements, such as the
// format(…) call that builds an EXECUTE's text or its USING arguments, are
// included: they run as written even though the SQL they build cannot be
// read. Identical texts are not merged.
//
// pg_query compiles without a catalog, so some valid bodies do not parse:
// cursor variables (they are never "of type cursor or refcursor"),
// assignments to a field of a declared record or row variable (r.x := …;
// NEW.x := … is fine), and RETURN NEXT without an expression in a RETURNS
// TABLE function.
func readPlpgsql(createFunction string) (plpgsqlBody, error) {
	if err := checkPlpgsqlSource(createFunction); err != nil {
		return plpgsqlBody{}, err
	}
	tree, err := parsePlpgsql(createFunction)
	if err != nil {
		return plpgsqlBody{}, fmt.Errorf("PL/pgSQL: %w", err)
	}
	root, err := decodeOrdered(tree)
	if err != nil {
		return plpgsqlBody{}, fmt.Errorf("PL/pgSQL: reading the parse tree: %w", err)
	}
	funcs, _ := root.([]any)
	if len(funcs) == 0 {
		return plpgsqlBody{}, errors.New("PL/pgSQL: no CREATE FUNCTION or DO statement")
	}
	var r plpgsqlReader
	for _, f := range funcs {
		o, _ := f.(jsonObject)
		fn, _ := o.get("PLpgSQL_function").(jsonObject)
		if fn.get("action") == nil {
			// pg_query gives other languages an empty function.
			return plpgsqlBody{}, errors.New("PL/pgSQL: the function is not written in PL/pgSQL")
		}
		r.walk(fn)
	}
	return r.body, nil
}

// checkPlpgsqlSource keeps from pg_query the statements it cannot take:
// a CREATE FUNCTION without an AS string (a SQL-standard body) aborts the
// process in its PL/pgSQL parser, whatever the language.
func checkPlpgsqlSource(sql string) error {
	stmts, err := parse(sql)
	if err != nil {
		return fmt.Errorf("PL/pgSQL: %w", err)
	}
	for _, s := range stmts {
		f := s.node.GetCreateFunctionStmt()
		if f == nil {
			continue
		}
		hasBody := false
		for _, o := range f.GetOptions() {
			if o.GetDefElem().GetDefname() == "as" {
				hasBody = true
			}
		}
		if !hasBody {
			return errors.New("PL/pgSQL: the function has a SQL-standard body, not a PL/pgSQL one")
		}
	}
	return nil
}

type plpgsqlReader struct {
	body plpgsqlBody
}

// The parse modes of PLpgSQL_expr, PostgreSQL's RawParseMode.
const (
	parseModeDefault = 0
	parseModeExpr    = 2
	parseModeAssign1 = 3
	parseModeAssign3 = 5
)

func (r *plpgsqlReader) walk(v any) {
	switch v := v.(type) {
	case jsonObject:
		// A statement's own expressions run before its nested statements
		// (the dump puts a FOR loop's query after its body).
		for _, f := range v {
			if isExprField(f) {
				r.field(f)
			}
		}
		for _, f := range v {
			if !isExprField(f) {
				r.field(f)
			}
		}
	case []any:
		for _, e := range v {
			r.walk(e)
		}
	}
}

func (r *plpgsqlReader) field(f jsonField) {
	switch f.key {
	case "PLpgSQL_expr":
		e, _ := f.val.(jsonObject)
		r.expr(e)
		return
	case "PLpgSQL_stmt_dynexecute", "PLpgSQL_stmt_dynfors", "dynquery":
		// EXECUTE, FOR … IN EXECUTE, RETURN QUERY EXECUTE, OPEN … FOR EXECUTE.
		r.body.dynamic = true
	case "var", "target":
		// References to variables, which "datums" lists with their defaults.
		return
	}
	r.walk(f.val)
}

// isExprField reports whether f holds a single PL/pgSQL expression.
func isExprField(f jsonField) bool {
	o, ok := f.val.(jsonObject)
	return ok && o.get("PLpgSQL_expr") != nil
}

func (r *plpgsqlReader) expr(e jsonObject) {
	q, ok := e.get("query").(string)
	if !ok {
		return
	}
	mode, _ := e.get("parseMode").(float64) // absent means 0
	switch m := int(mode); {
	case m == parseModeDefault:
		r.add(q)
	case m == parseModeExpr:
		r.add("SELECT " + q)
	case m >= parseModeAssign1 && m <= parseModeAssign3:
		target, value, ok := splitAssignment(q)
		if !ok {
			r.add(q)
			return
		}
		r.add("SELECT " + strings.TrimSpace(value))
		if strings.Contains(target, "[") {
			r.add("SELECT " + strings.TrimSpace(target))
		}
	default:
		// No PL/pgSQL construct uses another mode; keep the text so that
		// nothing is lost, for the caller to parse or not.
		r.add(q)
	}
}

func (r *plpgsqlReader) add(q string) { r.body.queries = append(r.body.queries, q) }

// splitAssignment splits PL/pgSQL's "target := value" (or "target = value")
// at its operator: the first := or = outside the target's subscripts,
// string literals, quoted names and comments.
func splitAssignment(q string) (target, value string, ok bool) {
	s := sqlScanner{sql: q}
	depth := 0
	for t := s.next(); t.kind != tokEOF; t = s.next() {
		if t.kind != tokPunct {
			continue
		}
		switch q[t.start] {
		case '[', '(':
			depth++
		case ']', ')':
			depth--
		case ':':
			if depth == 0 && t.end < len(q) && q[t.end] == '=' {
				return q[:t.start], q[t.end+1:], true
			}
		case '=':
			if depth == 0 {
				return q[:t.start], q[t.end:], true
			}
		}
	}
	return "", "", false
}

// The PL/pgSQL dump is decoded keeping the order of object keys, which a
// map would lose, so that the queries come out in the body's order.

type jsonField struct {
	key string
	val any
}

// jsonObject is a JSON object with its keys in order.
type jsonObject []jsonField

func (o jsonObject) get(key string) any {
	for _, f := range o {
		if f.key == key {
			return f.val
		}
	}
	return nil
}

// decodeOrdered decodes JSON text into jsonObject, []any, string, float64,
// bool and nil values.
func decodeOrdered(text string) (any, error) {
	dec := json.NewDecoder(strings.NewReader(text))
	v, err := decodeValue(dec)
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("data after the JSON value")
	}
	return v, nil
}

func decodeValue(dec *json.Decoder) (any, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	d, ok := tok.(json.Delim)
	if !ok {
		return tok, nil
	}
	switch d {
	case '{':
		obj := jsonObject{}
		for dec.More() {
			k, err := dec.Token()
			if err != nil {
				return nil, err
			}
			v, err := decodeValue(dec)
			if err != nil {
				return nil, err
			}
			obj = append(obj, jsonField{key: k.(string), val: v})
		}
		_, err := dec.Token() // '}'
		return obj, err
	case '[':
		arr := []any{}
		for dec.More() {
			v, err := decodeValue(dec)
			if err != nil {
				return nil, err
			}
			arr = append(arr, v)
		}
		_, err := dec.Token() // ']'
		return arr, err
	}
	return nil, fmt.Errorf("unexpected %v", d)
}
