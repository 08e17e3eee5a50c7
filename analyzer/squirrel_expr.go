package analyzer

import (
	"go/ast"
	"go/types"
	"strings"

	"golang.org/x/tools/go/types/typeutil"
)

// This file renders the expressions given to builder methods: predicates,
// values and Sqlizers.

func sqIsNil(info *types.Info, e ast.Expr) bool {
	tv, ok := info.Types[e]
	return ok && tv.IsNil()
}

// pred renders a Where or Having predicate: nil and "" add nothing, a
// string is SQL with arguments, a map[string]interface{} is an Eq, and
// anything else a Sqlizer.
func (ev sqLib) pred(e ast.Expr, args []ast.Expr, spread bool) (string, bool) {
	if e == nil {
		return "", false
	}
	return ev.part(e, args, spread)
}

// part renders a Column, JoinClause or OrderByClause argument: a string
// with arguments, or a Sqlizer.
func (ev sqLib) part(e ast.Expr, args []ast.Expr, spread bool) (string, bool) {
	if sqIsNil(ev.info, e) {
		return "", true
	}
	if _, ok := ev.constString(e); ok {
		return ev.expand(e, args, spread)
	}
	return ev.sqlizer(e)
}

// expand renders squirrel.Expr(e, args...): the constant SQL e with each
// ? whose argument is a Sqlizer replaced by that Sqlizer's SQL.
func (ev sqLib) expand(e ast.Expr, args []ast.Expr, spread bool) (string, bool) {
	text, ok := ev.constString(e)
	if !ok {
		return "", false
	}
	return ev.expandText(text, args, spread)
}

func (ev sqLib) expandText(text string, args []ast.Expr, spread bool) (string, bool) {
	nested := false
	for _, a := range args {
		nested = nested || sqIsSqlizer(ev.info.TypeOf(a))
	}
	if spread || !nested {
		return sqUnescape(text), true
	}
	var b strings.Builder
	for len(args) > 0 {
		i := strings.IndexByte(text, '?')
		if i < 0 {
			break
		}
		if strings.HasPrefix(text[i+1:], "?") {
			b.WriteString(text[:i+1])
			text = text[i+2:]
			continue
		}
		b.WriteString(text[:i])
		if sqIsSqlizer(ev.info.TypeOf(args[0])) {
			sub, ok := ev.sqlizer(args[0])
			if !ok {
				return "", false
			}
			b.WriteString(sub)
		} else {
			b.WriteString("?")
		}
		args, text = args[1:], text[i+1:]
	}
	b.WriteString(sqUnescape(text))
	return b.String(), true
}

// sqUnescape turns squirrel's ?? escape into the ? it stands for, which
// the checker reads as jsonb's operator after an operand.
func sqUnescape(s string) string { return strings.ReplaceAll(s, "??", "?") }

// value renders a value given to Set or Values: a Sqlizer's SQL (a
// subquery parenthesised when paren, as UpdateBuilder.Set does), else a
// placeholder.
func (ev sqLib) value(e ast.Expr, paren bool) (string, bool) {
	if e == nil {
		return "", false
	}
	t := ev.info.TypeOf(e)
	if !sqIsSqlizer(t) {
		return "?", true
	}
	s, ok := ev.sqlizer(e)
	if paren && sqNamed(t) == "SelectBuilder" {
		s = "(" + s + ")"
	}
	return s, ok
}

// sqlizer renders e, an expression that implements squirrel.Sqlizer: a
// builder, squirrel.Expr, ConcatExpr or Alias, an Eq-style map, And or Or.
func (ev sqLib) sqlizer(e ast.Expr) (string, bool) {
	if e == nil {
		return "", false
	}
	if !ev.enter() {
		ev.leave()
		return "", false
	}
	defer ev.leave()
	e = ast.Unparen(e)
	if sqBuilders[sqNamed(ev.info.TypeOf(e))] {
		s, ok := ev.builder(e)
		if !ok {
			return "", false
		}
		return s.render()
	}
	switch e := e.(type) {
	case *ast.CompositeLit:
		return ev.compositeLit(e)
	case *ast.CallExpr:
		fn, _ := typeutil.Callee(ev.info, e).(*types.Func)
		if fn == nil || !sqIsPkg(fn.Pkg()) || recvType(fn.Signature()) != nil || len(e.Args) == 0 {
			return "", false
		}
		switch fn.Name() {
		case "Expr":
			return ev.expand(e.Args[0], e.Args[1:], e.Ellipsis.IsValid())
		case "ConcatExpr":
			if e.Ellipsis.IsValid() {
				return "", false
			}
			var b strings.Builder
			for _, part := range e.Args {
				p, ok := ev.constString(part)
				if ok {
					p = sqUnescape(p)
				} else if p, ok = ev.sqlizer(part); !ok {
					return "", false
				}
				b.WriteString(p)
			}
			return b.String(), true
		case "Alias":
			if len(e.Args) == 2 {
				if alias, ok := ev.constString(e.Args[1]); ok {
					s, ok := ev.sqlizer(e.Args[0])
					return "(" + s + ") AS " + alias, ok
				}
			}
		}
	case *ast.Ident:
		if rhs, ok := ev.resolve(e); ok {
			return ev.sqlizer(rhs)
		}
	}
	return "", false
}

// sqMapOps are the operators of squirrel's map types: "=" for Eq renders
// key = ?, key IN (…) for a list and key IS NULL for nil.
var sqMapOps = map[string]string{
	"Eq": "=", "NotEq": "<>",
	"Like": "LIKE", "NotLike": "NOT LIKE", "ILike": "ILIKE", "NotILike": "NOT ILIKE",
	"Lt": "<", "LtOrEq": "<=", "Gt": ">", "GtOrEq": ">=",
}

func (ev sqLib) compositeLit(lit *ast.CompositeLit) (string, bool) {
	t := ev.info.TypeOf(lit)
	name := sqNamed(t)
	if name == "" && sqIsStringMap(t) {
		name = "Eq" // Where(map[string]interface{}{…})
	}
	if op, ok := sqMapOps[name]; ok {
		keys, vals, ok := ev.mapKeys(lit)
		if !ok {
			return "", false
		}
		if len(keys) == 0 {
			if name == "Eq" || name == "NotEq" {
				return "(1=1)", true
			}
			return "", true
		}
		exprs := make([]string, len(keys))
		for i, k := range keys {
			v := vals[k]
			n, isList := ev.listLen(v)
			switch {
			case sqIsNil(ev.info, v) && (name == "Eq" || name == "NotEq"):
				exprs[i] = k + " IS NULL"
				if name == "NotEq" {
					exprs[i] = k + " IS NOT NULL"
				}
			case isList && (name == "Eq" || name == "NotEq"):
				in := " IN "
				if name == "NotEq" {
					in = " NOT IN "
				}
				switch {
				case n == 0 && name == "Eq":
					exprs[i] = "(1=0)"
				case n == 0:
					exprs[i] = "(1=1)"
				default:
					exprs[i] = k + in + "(" + strings.Repeat("?,", n-1) + "?)"
				}
			case sqIsNil(ev.info, v) || isList:
				return "", false // squirrel refuses these
			default:
				exprs[i] = k + " " + op + " ?"
			}
		}
		return strings.Join(exprs, " AND "), true
	}
	if name == "And" || name == "Or" {
		if len(lit.Elts) == 0 {
			if name == "And" {
				return "(1=1)", true
			}
			return "(1=0)", true
		}
		var parts []string
		for _, elt := range lit.Elts {
			p, ok := ev.sqlizer(elt)
			if !ok {
				return "", false
			}
			if p != "" {
				parts = append(parts, p)
			}
		}
		if len(parts) == 0 {
			return "", true
		}
		return "(" + strings.Join(parts, " "+strings.ToUpper(name)+" ") + ")", true
	}
	return "", false
}

// mapLit renders the map given to SetMap: its keys in order, with each
// value rendered as Set renders it.
func (ev sqLib) mapLit(e ast.Expr) (keys, vals []string, ok bool) {
	lit, ok := ev.literal(e)
	if !ok {
		return nil, nil, false
	}
	keys, byKey, ok := ev.mapKeys(lit)
	if !ok {
		return nil, nil, false
	}
	vals = make([]string, len(keys))
	for i, k := range keys {
		if vals[i], ok = ev.value(byKey[k], true); !ok {
			return nil, nil, false
		}
	}
	return keys, vals, true
}

// sqNamed is the name of t when t is a named type of squirrel.
func sqNamed(t types.Type) string {
	if t == nil {
		return ""
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || !sqIsPkg(n.Obj().Pkg()) {
		return ""
	}
	return n.Obj().Name()
}

func sqIsStringMap(t types.Type) bool {
	m, ok := t.(*types.Map)
	return ok && isString(m.Key()) && isInterface(m.Elem())
}

// sqIsSqlizer reports whether t has squirrel.Sqlizer's method.
func sqIsSqlizer(t types.Type) bool {
	return t != nil && hasMethod(t, "ToSql")
}
