package analyzer

import (
	"go/ast"
	"go/constant"
	"go/types"
	"sort"
)

// This file reads the Go values given to builder methods, for every
// library: constant strings, map literals and lists.

func (ev *chainEval) constString(e ast.Expr) (string, bool) {
	if e == nil {
		return "", false
	}
	tv, ok := ev.info.Types[e]
	if !ok || tv.Value == nil || tv.Value.Kind() != constant.String {
		return "", false
	}
	return constant.StringVal(tv.Value), true
}

// constStrings returns the constant strings of a variadic ...string
// argument, if none is spread from a slice.
func (ev *chainEval) constStrings(args []ast.Expr, spread bool) ([]string, bool) {
	if spread {
		return nil, false
	}
	list := make([]string, len(args))
	for i, a := range args {
		var ok bool
		if list[i], ok = ev.constString(a); !ok {
			return nil, false
		}
	}
	return list, true
}

// literal finds the composite literal that e is or that a variable holds.
func (ev *chainEval) literal(e ast.Expr) (*ast.CompositeLit, bool) {
	for range chainMaxDepth {
		switch x := ast.Unparen(e).(type) {
		case *ast.CompositeLit:
			return x, true
		case *ast.Ident:
			rhs, ok := ev.resolve(x)
			if !ok {
				return nil, false
			}
			e = rhs
		default:
			return nil, false
		}
	}
	return nil, false
}

// mapKeys returns the constant string keys of a map literal, sorted as
// squirrel and gorm sort them, and the value of each.
func (ev *chainEval) mapKeys(lit *ast.CompositeLit) ([]string, map[string]ast.Expr, bool) {
	vals := map[string]ast.Expr{}
	keys := make([]string, 0, len(lit.Elts))
	for _, elt := range lit.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if !ok {
			return nil, nil, false
		}
		k, ok := ev.constString(kv.Key)
		if !ok {
			return nil, nil, false
		}
		keys = append(keys, k)
		vals[k] = kv.Value
	}
	sort.Strings(keys)
	return keys, vals, true
}

// listLen reports whether squirrel or gorm expands v into a list, as they do a
// slice or an array other than []byte and a driver.Valuer, and how many
// values the list has: the length of an array or of a slice literal, and
// otherwise two, which is more than one tenant.
func (ev *chainEval) listLen(v ast.Expr) (int, bool) {
	t := ev.info.TypeOf(v)
	if t == nil || hasMethod(t, "Value") {
		return 0, false
	}
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	switch u := t.Underlying().(type) {
	case *types.Array:
		return int(u.Len()), true
	case *types.Slice:
		if b, ok := u.Elem().Underlying().(*types.Basic); ok && b.Kind() == types.Byte {
			return 0, false
		}
		if lit, ok := ast.Unparen(v).(*ast.CompositeLit); ok {
			for _, elt := range lit.Elts {
				if _, indexed := elt.(*ast.KeyValueExpr); indexed {
					return 2, true
				}
			}
			return len(lit.Elts), true
		}
		return 2, true
	}
	return 0, false
}

// argAt returns args[i], or nil past the end, for a method's optional
// arguments.
func argAt(args []ast.Expr, i int) ast.Expr {
	if i < len(args) {
		return args[i]
	}
	return nil
}
