package analyzer

import (
	"encoding/json"
	"go/ast"
	"go/types"
	"reflect"
	"regexp"
	"strings"
)

// This file reads bun's models: the table, alias and columns that bun
// derives from a struct type and its `bun:"…"` tags, and what a literal
// given as the model sets. A model is recorded when Model is called, so
// that the rest of the chain, which may come from another package's fact,
// needs no types.

// bunModel is what bun knows of a model.
type bunModel struct {
	Kind   string // "struct", "nil" for (*T)(nil), "slice", "map", "scan" (a destination without a table)
	Table  string // unquoted, as bun names it
	Select string // the table that SELECT reads (the tag's select:), when another
	Alias  string
	Fields []bunField
	Lit    bool     // a literal, so which fields it sets is known
	Rows   int      // a slice's elements: its literal's, else two
	Keys   []string // a map literal's keys, sorted
	Hooks  []string // the model's hook methods that may change the statement
}

// bunField is one column of a model.
type bunField struct {
	Name       string
	Go         string
	PK         bool
	Default    bool // a zero value writes DEFAULT: nullzero, default: or a pointer
	SkipUpdate bool
	Soft       bool // the soft_delete column
	SoftNull   bool // which is NULL while the row lives
	Set        bool // the literal (every element of a slice literal) gives a value that is not a constant zero
}

// bunHooks are the model methods that run before bun writes the SQL and
// may change it: BeforeAppendModel sets fields, the others get the query.
var bunHooks = []string{"BeforeAppendModel", "BeforeSelect", "BeforeInsert", "BeforeUpdate", "BeforeDelete"}

func (m *bunModel) encode() string {
	b, _ := json.Marshal(m)
	return string(b)
}

func decodeBunModel(s string) (*bunModel, bool) {
	var m bunModel
	return &m, json.Unmarshal([]byte(s), &m) == nil
}

// hasTable reports whether bun reads a table from the model.
func (m *bunModel) hasTable() bool {
	return m != nil && (m.Kind == "struct" || m.Kind == "nil" || m.Kind == "slice")
}

func (m *bunModel) field(col string) (bunField, bool) {
	if m == nil {
		return bunField{}, false
	}
	for _, f := range m.Fields {
		if f.Name == col {
			return f, true
		}
	}
	return bunField{}, false
}

// soft returns the soft_delete column.
func (m *bunModel) soft() (bunField, bool) {
	if !m.hasTable() {
		return bunField{}, false
	}
	for _, f := range m.Fields {
		if f.Soft {
			return f, true
		}
	}
	return bunField{}, false
}

func (m *bunModel) pks() []bunField {
	var pks []bunField
	for _, f := range m.Fields {
		if f.PK {
			pks = append(pks, f)
		}
	}
	return pks
}

func (m *bunModel) hook(names ...string) bool {
	if m == nil {
		return false
	}
	for _, h := range m.Hooks {
		for _, n := range names {
			if h == n {
				return true
			}
		}
	}
	return false
}

// model reads the argument of Model. bun takes a pointer: to a struct,
// to a slice of structs, to a map[string]any, or to anything else it
// scans into.
func (ev bunLib) model(e ast.Expr) (*bunModel, bool) {
	t := ev.info.TypeOf(e)
	if t == nil || hasMethod(t, "ScanRows") {
		return nil, false // a bun.Model of its own
	}
	p, ok := t.Underlying().(*types.Pointer)
	if !ok {
		return nil, false
	}
	elem := p.Elem()
	switch u := elem.Underlying().(type) {
	case *types.Struct:
		if isTimeType(elem) {
			return &bunModel{Kind: "scan"}, true
		}
		m, ok := ev.bunTable(elem)
		if !ok {
			return nil, false
		}
		m.Kind = "struct"
		if conv, ok := ast.Unparen(e).(*ast.CallExpr); ok && len(conv.Args) == 1 && ev.info.Types[conv.Fun].IsType() &&
			ev.info.Types[conv.Args[0]].IsNil() {
			m.Kind = "nil"
			return m, true
		}
		if lit, ok := ev.newOrLit(e); ok {
			m.Lit = m.setBy([]*ast.CompositeLit{lit}, ev.info)
		}
		return m, true
	case *types.Slice:
		if _, isMap := u.Elem().Underlying().(*types.Map); isMap {
			return nil, false // bun inserts no []map[string]any
		}
		named, st := modelOf(u.Elem())
		if named == nil || st == nil || isTimeType(named) {
			return &bunModel{Kind: "scan"}, true
		}
		m, ok := ev.bunTable(named)
		if !ok {
			return nil, false
		}
		m.Kind, m.Rows = "slice", 2
		if lit, ok := structLit(e); ok {
			rows := make([]*ast.CompositeLit, len(lit.Elts))
			for i, elt := range lit.Elts {
				if rows[i], ok = structLit(elt); !ok {
					return m, true
				}
			}
			m.Rows = len(rows)
			m.Lit = len(rows) > 0 && m.setBy(rows, ev.info)
		}
		return m, true
	case *types.Map:
		if !isString(u.Key()) || !isInterface(u.Elem()) {
			return nil, false
		}
		m := &bunModel{Kind: "map"}
		if lit, ok := structLit(e); ok {
			keys, _, ok := ev.mapKeys(lit)
			m.Keys, m.Lit = keys, ok
		}
		return m, true
	}
	return &bunModel{Kind: "scan"}, true
}

// newOrLit returns the literal that e takes the address of, or an empty
// one for new(T).
func (ev bunLib) newOrLit(e ast.Expr) (*ast.CompositeLit, bool) {
	if call, ok := ast.Unparen(e).(*ast.CallExpr); ok {
		if b, isBuiltin := ev.info.Uses[calleeIdent(call)].(*types.Builtin); isBuiltin && b.Name() == "new" {
			return &ast.CompositeLit{}, true
		}
		return nil, false
	}
	return structLit(e)
}

// setBy marks the fields that every literal in lits sets, and reports
// whether that can be told: each is keyed, and names fields of the model
// or an embedded struct given as a literal in turn.
func (m *bunModel) setBy(lits []*ast.CompositeLit, info *types.Info) bool {
	count := map[string]int{}
	var walk func(lit *ast.CompositeLit) bool
	walk = func(lit *ast.CompositeLit) bool {
		for _, elt := range lit.Elts {
			kv, ok := elt.(*ast.KeyValueExpr)
			if !ok {
				return false
			}
			k, _ := kv.Key.(*ast.Ident)
			if k == nil {
				return false
			}
			if k.Name == "BaseModel" {
				continue
			}
			if _, known := m.goField(k.Name); known {
				if !isZeroConst(info, kv.Value) {
					count[k.Name]++
				}
				continue
			}
			inner, ok := structLit(kv.Value)
			if !ok || !walk(inner) {
				return false // an embedded struct whose fields are not written out
			}
		}
		return true
	}
	for _, lit := range lits {
		if !walk(lit) {
			return false
		}
	}
	for i := range m.Fields {
		m.Fields[i].Set = count[m.Fields[i].Go] == len(lits)
	}
	return true
}

func (m *bunModel) goField(name string) (bunField, bool) {
	for _, f := range m.Fields {
		if f.Go == name {
			return f, true
		}
	}
	return bunField{}, false
}

// bunTable reads the table of a model type: the table and alias that its
// bun.BaseModel field's tag names, else the plural of the underscored type
// name and that name; the columns of its fields.
func (ev bunLib) bunTable(t types.Type) (*bunModel, bool) {
	named, st := modelOf(t)
	if named == nil || st == nil || named.TypeArgs().Len() > 0 || ev.owns(named.Obj().Pkg()) {
		return nil, false
	}
	base := bunUnderscore(named.Obj().Name())
	m := &bunModel{Table: bunPlural(base), Alias: base}
	for i := range st.NumFields() {
		f := st.Field(i)
		if !f.Embedded() {
			continue
		}
		name, opts := bunTag(reflect.StructTag(st.Tag(i)).Get("bun"))
		switch {
		case f.Name() == "BaseModel" && bunNamed(f.Type()) == "BaseModel":
			if name != "" {
				m.Table = name
			}
			if v, ok := opts["table"]; ok {
				m.Table = v
			}
			if v, ok := opts["select"]; ok {
				m.Select = v
			}
			if v, ok := opts["alias"]; ok {
				m.Alias = v
			}
		case hasKey(opts, "inherit") || hasKey(opts, "extend"):
			// A struct may embed a pointer to itself, so the depth is
			// bounded.
			if !ev.enter() {
				ev.leave()
				return nil, false
			}
			sub, ok := ev.bunTable(f.Type())
			ev.leave()
			if !ok {
				return nil, false
			}
			m.Table, m.Select, m.Alias = sub.Table, sub.Select, sub.Alias
		}
	}
	skip := func(f modelField) bool {
		return f.tag.Get("bun") == "-" || f.v.Embedded() && f.v.Name() == "BaseModel" && bunNamed(f.v.Type()) == "BaseModel"
	}
	for _, f := range modelFields(st, skip) {
		name, opts := bunTag(f.tag.Get("bun"))
		if hasKey(opts, "embed") {
			return nil, false // a prefixed copy of another struct's columns
		}
		if hasKey(opts, "rel") || hasKey(opts, "m2m") || hasKey(opts, "scanonly") {
			continue
		}
		if name == "" {
			name = bunUnderscore(f.v.Name())
		}
		if v, ok := opts["column"]; ok {
			name = v
		}
		_, soft := opts["soft_delete"]
		m.Fields = append(m.Fields, bunField{
			Name: name, Go: f.v.Name(), PK: hasKey(opts, "pk"), SkipUpdate: hasKey(opts, "skipupdate"),
			Default:  hasKey(opts, "nullzero") || hasKey(opts, "default") || hasKey(opts, "autoincrement") || isPointer(f.v.Type()),
			Soft:     soft,
			SoftNull: soft && (isPointer(f.v.Type()) || hasKey(opts, "nullzero")),
		})
	}
	for _, h := range bunHooks {
		if hasMethod(named, h) {
			m.Hooks = append(m.Hooks, h)
		}
	}
	return m, true
}

// structColumns returns the columns of a struct argument, whose fields bun
// binds to the ?name placeholders of the query it is passed to.
func (ev bunLib) structColumns(e ast.Expr) map[string]bool {
	t := ev.info.TypeOf(e)
	if t == nil || hasMethod(t, "AppendQuery") || bunNamed(t) != "" {
		return nil
	}
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	if _, ok := t.Underlying().(*types.Struct); !ok || isTimeType(t) {
		return nil
	}
	m, ok := ev.bunTable(t)
	if !ok {
		return nil
	}
	cols := map[string]bool{}
	for _, f := range m.Fields {
		cols[f.Name] = true
	}
	return cols
}

// bunNamed is the name of t, or of what t points to, when t is a type of
// bun or of its schema package (where bun.Ident, bun.Safe and BaseModel
// live).
func bunNamed(t types.Type) string {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil {
		return ""
	}
	if path := n.Obj().Pkg().Path(); path != bunPath && path != bunPath+"/schema" {
		return ""
	}
	return n.Obj().Name()
}

func isTimeType(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "time" && n.Obj().Name() == "Time"
}

func hasKey(m map[string]string, k string) bool {
	_, ok := m[k]
	return ok
}

// bunTag splits a `bun:"…"` tag: its first element is the column or table
// name unless it holds a colon, and the rest are options, with values
// after a colon. Commas inside parentheses or quotes do not split, as in
// default:gen_random_uuid().
func bunTag(tag string) (string, map[string]string) {
	var parts []string
	depth, quote, start := 0, byte(0), 0
	for i := 0; i < len(tag); i++ {
		switch c := tag[i]; {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"':
			quote = c
		case c == '(':
			depth++
		case c == ')':
			depth--
		case c == ',' && depth <= 0:
			parts = append(parts, tag[start:i])
			start = i + 1
		}
	}
	parts = append(parts, tag[start:])
	name, opts := "", map[string]string{}
	for i, p := range parts {
		k, v, isOpt := strings.Cut(p, ":")
		if i == 0 && !isOpt {
			name = p
			continue
		}
		if k != "" {
			opts[k] = strings.Trim(v, `"'`)
		}
	}
	return name, opts
}

// bunUnderscore spells a Go name as bun's schema does: an upper-case
// letter, not the first or last, that follows or precedes a lower-case one
// starts a word. UserID is user_id, APIKey api_key.
func bunUnderscore(s string) string {
	lower := func(c byte) bool { return 'a' <= c && c <= 'z' }
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			if i > 0 && i+1 < len(s) && (lower(s[i-1]) || lower(s[i+1])) {
				b.WriteByte('_')
			}
			c += 'a' - 'A'
		}
		b.WriteByte(c)
	}
	return b.String()
}

// bunPlurals are the rules of github.com/jinzhu/inflection, whose Plural
// names bun's tables, in the order it tries them: the uncountable words,
// the irregular endings, then its regular rules, the last one first. Its
// rules are not English's: Quota is quota, Bonus bonus, Human humen.
var bunPlurals = func() []struct {
	re   *regexp.Regexp
	repl string
} {
	rules := []string{
		"^(?i)(equipment|information|rice|money|species|series|fish|sheep|jeans|police)$", "${1}",
		"person$", "people", "man$", "men", "child$", "children", "sex$", "sexes", "move$", "moves", "mombie$", "mombies",
		"(quiz)$", "${1}zes", "^(oxen)$", "${1}", "^(ox)$", "${1}en", "^(m|l)ice$", "${1}ice", "^(m|l)ouse$", "${1}ice",
		"(matr|vert|ind)(?:ix|ex)$", "${1}ices", "(x|ch|ss|sh)$", "${1}es", "([^aeiouy]|qu)y$", "${1}ies",
		"(hive)$", "${1}s", "(?:([^f])fe|([lr])f)$", "${1}${2}ves", "sis$", "ses", "([ti])a$", "${1}a",
		"([ti])um$", "${1}a", "(buffal|tomat)o$", "${1}oes", "(bu)s$", "${1}ses", "(alias|status)$", "${1}es",
		"(octop|vir)i$", "${1}i", "(octop|vir)us$", "${1}i", "^(ax|test)is$", "${1}es", "s$", "s", "([a-z])$", "${1}s",
	}
	compiled := make([]struct {
		re   *regexp.Regexp
		repl string
	}, len(rules)/2)
	for i := range compiled {
		compiled[i].re, compiled[i].repl = regexp.MustCompile(rules[2*i]), rules[2*i+1]
	}
	return compiled
}()

// bunPlural is the table bun names for a model's underscored type name.
func bunPlural(name string) string {
	for _, r := range bunPlurals {
		if r.re.MatchString(name) {
			return r.re.ReplaceAllString(name, r.repl)
		}
	}
	return name
}
