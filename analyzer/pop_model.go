package analyzer

import (
	"go/ast"
	"go/types"
	"reflect"
	"slices"
	"strings"
)

// This file reads pop's models: the table, key and columns of a model
// type as pop's columns package reads its struct tags, and the fields that
// a struct literal gives a value.

// popTags are the struct tags by which pop tells a field that is a column
// from one that is not: a field with none of them is a column of its name.
var popTags = []string{"db", "rw", "select", "belongs_to", "has_many", "has_one", "fk_id", "primary_id", "order_by", "many_to_many"}

// popModel is what pop reads from a model type: its table, the alias pop
// gives it, its key and its columns.
type popModel struct {
	typ    *types.Named
	st     *types.Struct
	slice  bool // a slice or array of models
	table  string
	alias  string
	id     string // the key's column
	idType string // the type name of field ID, which decides how Create writes the key
	cols   popColumns
	fields []modelField
}

// model returns the model that e, a finder's or executor's argument, is.
func (ev popLib) model(e ast.Expr) (popModel, bool) {
	t := ev.info.TypeOf(e)
	named, st := modelOf(t)
	if named == nil || ev.owns(named.Obj().Pkg()) {
		return popModel{}, false
	}
	m := popModel{typ: named, st: st, id: "id", fields: modelFields(st, nil)}
	elem := t
	for range chainMaxDepth {
		p, ok := types.Unalias(elem).(*types.Pointer)
		if !ok {
			break
		}
		elem = p.Elem()
	}
	switch u := elem.Underlying().(type) {
	case *types.Slice:
		m.slice, elem = true, u.Elem()
	case *types.Array:
		m.slice, elem = true, u.Elem()
	}
	var ok bool
	if m.table, ok = ev.table(named, m.slice && !isPointer(elem)); !ok {
		return popModel{}, false
	}
	m.alias = strings.ReplaceAll(m.table, ".", "_")
	if id := m.field("ID"); id != nil {
		for _, f := range m.fields {
			if f.v == id && f.tag.Get("db") != "" {
				m.id = f.tag.Get("db")
			}
		}
		m.idType = typeName(id.Type())
	}
	skip := func(f modelField) bool { return !f.v.Embedded() && popTagColumn(f) == "" }
	for _, f := range modelFields(st, skip) {
		spec := popTagColumn(f)
		if rw := f.tag.Get("rw"); rw != "" {
			spec += "," + rw
		}
		c := parsePopColumn(spec, m.alias, m.id)
		if sel := f.tag.Get("select"); sel != "" {
			c.sel, c.read, c.write = sel, true, false
		}
		c.field = f.v
		m.cols = m.cols.add(c)
	}
	return m, true
}

// table returns the table of a model of type named: the constant that its
// TableName method returns, with or without a context, else pop's naming.
// pop asks the element of a slice of values, not a pointer to it.
func (ev popLib) table(named *types.Named, value bool) (string, bool) {
	var t types.Type = types.NewPointer(named)
	if value {
		t = named
	}
	obj, _, _ := types.LookupFieldOrMethod(t, false, nil, "TableName")
	if fn, ok := obj.(*types.Func); ok {
		sig := fn.Signature()
		params := sig.Params()
		if sig.Results().Len() == 1 && isString(sig.Results().At(0).Type()) && !sig.Variadic() &&
			(params.Len() == 0 || params.Len() == 1 && isContext(params.At(0).Type())) {
			var c constResult
			if !ev.pass.ImportObjectFact(fn.Origin(), &c) {
				return "", false
			}
			return c.Value, true
		}
	}
	return plural(snake(named.Obj().Name())), true
}

// field returns the field of the model that pop finds by name, as reflect
// does: an embedded struct's too.
func (m popModel) field(name string) *types.Var {
	if f, ok := fieldByName(m.fields, name); ok {
		return f.v
	}
	return nil
}

func (m popModel) whereID() string { return m.alias + "." + m.id + " = ?" }

// named returns the columns that a list of names gives, as UpdateQuery and
// UpdateColumns read them.
func (m popModel) named(names []string) popColumns {
	var cols popColumns
	for _, n := range names {
		cols = cols.add(parsePopColumn(n, m.alias, m.id))
	}
	return cols
}

// update returns pop's UPDATE of the model's writeable columns in cols.
func (m popModel) update(cols popColumns, wheres []string) chainStmt {
	var names []string
	for _, c := range cols {
		if c.write {
			names = append(names, c.name)
		}
	}
	slices.Sort(names)
	sets := make([]string, len(names))
	for i, n := range names {
		sets[i] = popQuote(n) + " = ?"
	}
	return chainStmt{Kind: "update", Table: popQuote(m.table) + " AS " + m.alias, Sets: sets, Wheres: wheres}
}

// popColumn is one column as pop's columns package reads a name: "col",
// "col,r" (read only), "col,w" (write only), "expr AS col".
type popColumn struct {
	name, sel   string
	read, write bool
	field       *types.Var // the model's field, if any
}

func parsePopColumn(spec, alias, id string) popColumn {
	c := popColumn{read: true, write: true}
	mode := ""
	if strings.HasSuffix(spec, ",r") || strings.HasSuffix(spec, ",w") {
		spec, mode = spec[:len(spec)-2], spec[len(spec)-1:]
	}
	spec = strings.TrimSpace(spec)
	c.name, c.sel = spec, spec
	if i := strings.LastIndex(strings.ToUpper(spec), " AS "); i >= 0 {
		c.name = spec[i+4:]
	} else if i := strings.LastIndexByte(spec, ' '); i >= 0 {
		c.name = spec[i+1:]
	} else if alias != "" {
		c.sel = alias + "." + spec
	}
	switch {
	case mode == "r":
		c.write = false
	case mode == "w":
		c.read = false
	case c.name == id:
		c.write = false
	}
	return c
}

// popColumns keeps the first column of each name, as pop's map of them does.
type popColumns []popColumn

func (cs popColumns) add(c popColumn) popColumns {
	if slices.ContainsFunc(cs, func(o popColumn) bool { return o.name == c.name }) {
		return cs
	}
	return append(slices.Clip(cs), c)
}

func (cs popColumns) remove(names ...string) popColumns {
	return slices.DeleteFunc(slices.Clone(cs), func(c popColumn) bool {
		return slices.ContainsFunc(names, func(n string) bool { return strings.Split(n, ",")[0] == c.name })
	})
}

// popTagColumn is the column that field f is, before its rw tag, or "" for
// none: its db tag, else its name when it has no pop tag at all.
func popTagColumn(f modelField) string {
	for _, t := range popTags {
		if f.tag.Get(t) != "" {
			if db := f.tag.Get("db"); db != "-" {
				return db
			}
			return ""
		}
	}
	return f.v.Name()
}

// popQuote quotes a name as pop's dialect does in writes: each part of a
// qualified name.
func popQuote(name string) string {
	parts := strings.Split(name, ".")
	for i, p := range parts {
		parts[i] = `"` + strings.TrimSpace(strings.Trim(p, `"`)) + `"`
	}
	return strings.Join(parts, ".")
}

// typeName is the name that reflect gives t: a named or basic type's name,
// and "" for any other.
func typeName(t types.Type) string {
	switch t := types.Unalias(t).(type) {
	case *types.Named:
		return t.Obj().Name()
	case *types.Basic:
		return t.Name()
	}
	return ""
}

// given returns the fields of st that the literal lit gives a value that is
// not a constant zero, with those of embedded structs in their place: all
// of an embedded struct's when its value is not a literal. It fails for a
// literal that sets an association, whose setup may write other fields.
func (ev popLib) given(lit *ast.CompositeLit, st *types.Struct) (map[*types.Var]bool, bool) {
	given := map[*types.Var]bool{}
	var walk func(lit *ast.CompositeLit, st *types.Struct, depth int) bool
	var all func(st *types.Struct, depth int)
	all = func(st *types.Struct, depth int) {
		for i := range st.NumFields() {
			given[st.Field(i)] = true
			if _, es := modelOf(st.Field(i).Type()); es != nil && st.Field(i).Embedded() && depth < 8 {
				all(es, depth+1)
			}
		}
	}
	walk = func(lit *ast.CompositeLit, st *types.Struct, depth int) bool {
		for i, elt := range lit.Elts {
			var f *types.Var
			var tag string
			value := elt
			if kv, ok := elt.(*ast.KeyValueExpr); ok {
				k, _ := kv.Key.(*ast.Ident)
				for j := range st.NumFields() {
					if k != nil && st.Field(j).Name() == k.Name {
						f, tag = st.Field(j), st.Tag(j)
					}
				}
				value = kv.Value
			} else if i < st.NumFields() {
				f, tag = st.Field(i), st.Tag(i)
			}
			if f == nil {
				return false
			}
			for _, assoc := range []string{"belongs_to", "has_one", "has_many", "many_to_many"} {
				if reflect.StructTag(tag).Get(assoc) != "" {
					return false
				}
			}
			_, es := modelOf(f.Type())
			switch inner, isLit := structLit(value); {
			case f.Embedded() && es != nil && isLit && depth < 8:
				if !walk(inner, es, depth+1) {
					return false
				}
			case f.Embedded() && es != nil && depth < 8:
				all(es, depth+1)
			default:
				given[f] = !isZeroConst(ev.info, value)
			}
		}
		return true
	}
	return given, walk(lit, st, 0)
}
