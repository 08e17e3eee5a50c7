package analyzer

import (
	"go/ast"
	"go/types"
	"reflect"
	"strings"
	"unicode"
)

// This file reads model types, the structs that ORMs map to tables: the
// struct behind a pointer or slice, its fields with embedded structs
// flattened, and the naming conventions that ORMs share.

// modelField is one field of a model, with its struct tag.
type modelField struct {
	v   *types.Var
	tag reflect.StructTag
}

// modelOf returns the named struct type that t is, points to, or holds in
// a slice or array (through pointers), as ORMs read a destination.
func modelOf(t types.Type) (*types.Named, *types.Struct) {
	for range chainMaxDepth {
		switch u := types.Unalias(t).(type) {
		case *types.Pointer:
			t = u.Elem()
		case *types.Slice:
			t = u.Elem()
		case *types.Array:
			t = u.Elem()
		case *types.Named:
			s, ok := u.Underlying().(*types.Struct)
			if !ok {
				return nil, nil
			}
			return u, s
		default:
			return nil, nil
		}
	}
	return nil, nil
}

// modelFields returns the fields of s, with those of embedded structs in
// their place, as ORMs flatten them. skip reports an embedded field that
// the ORM reads as no columns (bun's BaseModel).
func modelFields(s *types.Struct, skip func(modelField) bool) []modelField {
	var out []modelField
	var walk func(s *types.Struct, depth int)
	walk = func(s *types.Struct, depth int) {
		for i := range s.NumFields() {
			f := modelField{s.Field(i), reflect.StructTag(s.Tag(i))}
			if skip != nil && skip(f) {
				continue
			}
			if f.v.Embedded() && depth < 8 {
				if _, es := modelOf(f.v.Type()); es != nil {
					walk(es, depth+1)
					continue
				}
			}
			if f.v.Exported() {
				out = append(out, f)
			}
		}
	}
	walk(s, 0)
	return out
}

// fieldByName finds the field of a model that a composite literal's key
// names.
func fieldByName(fields []modelField, name string) (modelField, bool) {
	for _, f := range fields {
		if f.v.Name() == name {
			return f, true
		}
	}
	return modelField{}, false
}

// initialisms are the words that gorm, bun and pop spell as one in snake
// case: UserID is user_id, APIKey api_key.
var initialisms = strings.NewReplacer(
	"API", "Api", "ASCII", "Ascii", "CPU", "Cpu", "CSS", "Css", "DNS", "Dns", "EOF", "Eof", "GUID", "Guid",
	"HTML", "Html", "HTTPS", "Https", "HTTP", "Http", "ID", "Id", "IP", "Ip", "JSON", "Json", "QPS", "Qps",
	"RAM", "Ram", "RPC", "Rpc", "SLA", "Sla", "SMTP", "Smtp", "SSH", "Ssh", "TLS", "Tls", "TTL", "Ttl",
	"UID", "Uid", "UI", "Ui", "UUID", "Uuid", "URI", "Uri", "URL", "Url", "UTF8", "Utf8", "VM", "Vm",
	"XML", "Xml", "XSRF", "Xsrf", "XSS", "Xss",
)

// snake spells a Go name in snake case: OrderItem is order_item, TenantID
// tenant_id.
func snake(name string) string {
	r := []rune(initialisms.Replace(name))
	var b strings.Builder
	for i, c := range r {
		if unicode.IsUpper(c) {
			prevLower := i > 0 && (unicode.IsLower(r[i-1]) || unicode.IsDigit(r[i-1]))
			nextLower := i > 0 && i+1 < len(r) && unicode.IsUpper(r[i-1]) && unicode.IsLower(r[i+1])
			if (prevLower || nextLower) && r[i-1] != '_' {
				b.WriteByte('_')
			}
			c = unicode.ToLower(c)
		}
		b.WriteRune(c)
	}
	return b.String()
}

// irregulars are the English plurals that no rule below spells.
var irregulars = map[string]string{
	"person": "people", "man": "men", "woman": "women", "child": "children", "tooth": "teeth",
	"foot": "feet", "mouse": "mice", "goose": "geese", "ox": "oxen", "datum": "data",
	"criterion": "criteria", "index": "indices", "matrix": "matrices", "vertex": "vertices",
	"status": "statuses", "quiz": "quizzes", "move": "moves", "sex": "sexes",
}

// uncountables keep their form in the plural.
var uncountables = map[string]bool{
	"equipment": true, "information": true, "rice": true, "money": true, "species": true,
	"series": true, "fish": true, "sheep": true, "jeans": true, "police": true, "news": true,
	"metadata": true, "data": true, "feedback": true,
}

// plural spells the plural of the last word of a snake-case name, as the
// inflection libraries that ORMs use do for regular English words.
func plural(name string) string {
	head, word := "", name
	if i := strings.LastIndexByte(name, '_'); i >= 0 {
		head, word = name[:i+1], name[i+1:]
	}
	if p, ok := irregulars[word]; ok {
		return head + p
	}
	if uncountables[word] {
		return name
	}
	vowel := func(c byte) bool { return strings.IndexByte("aeiou", c) >= 0 }
	n := len(word)
	switch {
	case n == 0:
		return name
	case strings.HasSuffix(word, "s") || strings.HasSuffix(word, "x") || strings.HasSuffix(word, "z") ||
		strings.HasSuffix(word, "ch") || strings.HasSuffix(word, "sh"):
		return name + "es"
	case n > 1 && word[n-1] == 'y' && !vowel(word[n-2]):
		return head + word[:n-1] + "ies"
	case strings.HasSuffix(word, "fe"):
		return head + word[:n-2] + "ves"
	case n > 1 && word[n-1] == 'f' && word[n-2] != 'f':
		return head + word[:n-1] + "ves"
	}
	return name + "s"
}

// tableName returns the constant that t's TableName method returns, from
// its constResult fact; ok is false when t has no such method, and known
// false when it has one whose result is not constant.
func tableName(ev *chainEval, t types.Type) (name string, ok, known bool) {
	obj, _, _ := types.LookupFieldOrMethod(t, true, nil, "TableName")
	fn, isFunc := obj.(*types.Func)
	if !isFunc {
		return "", false, true
	}
	var c constResult
	if fn.Signature().Params().Len() != 0 || !ev.pass.ImportObjectFact(fn.Origin(), &c) {
		return "", true, false
	}
	return c.Value, true, true
}

// hasMethod reports whether t or *t has a method of one of names: a
// Sqlizer's ToSql, a driver.Valuer's Value, a hook that sets fields before
// a write.
func hasMethod(t types.Type, names ...string) bool {
	for _, name := range names {
		if obj, _, _ := types.LookupFieldOrMethod(t, true, nil, name); obj != nil {
			if _, ok := obj.(*types.Func); ok {
				return true
			}
		}
	}
	return false
}

// structLit returns the composite literal of a struct that e is, or that
// e takes the address of.
func structLit(e ast.Expr) (*ast.CompositeLit, bool) {
	e = ast.Unparen(e)
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op.String() == "&" {
		e = ast.Unparen(u.X)
	}
	lit, ok := e.(*ast.CompositeLit)
	return lit, ok
}
