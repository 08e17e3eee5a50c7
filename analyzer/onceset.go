package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"
)

// onceSet knows the variables of a package that only their declaration
// sets (q := fmt.Sprintf(…), var q = "…", var cols = []string{…},
// var reports = []report{{sql: "…"}}), whose elements no assignment changes
// either, and the range variables over them that nothing assigns.
type onceSet struct {
	values map[*types.Var]ast.Expr // to the value it is declared with
	ranges map[*types.Var]ast.Expr // a range variable, to what it ranges over
}

// value returns what e holds: the declared value of a variable of vars, or
// e itself.
func (vars onceSet) value(info *types.Info, e ast.Expr) ast.Expr {
	if id, ok := ast.Unparen(e).(*ast.Ident); ok {
		if v, ok := info.Uses[id].(*types.Var); ok && vars.values[v] != nil {
			return vars.values[v]
		}
	}
	return e
}

// sources returns the expressions whose value e may have: e itself, or,
// where e is an element of a collection that vars knows (a range variable
// over it, an index into it, or a field of either), each element's. It
// returns nil when e is such an element but some element's value is not
// written out, so that the SQL is unknown.
func (vars onceSet) sources(info *types.Info, e ast.Expr) []ast.Expr {
	if els, ok := vars.elements(info, e); ok {
		return els
	}
	sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
	if !ok {
		return []ast.Expr{e}
	}
	els, ok := vars.elements(info, sel.X)
	if !ok {
		return []ast.Expr{e}
	}
	// A promoted field, or one reached through a pointer, may be set
	// through another name.
	s := info.Selections[sel]
	if s == nil || s.Kind() != types.FieldVal || len(s.Index()) != 1 || s.Indirect() {
		return nil
	}
	fields := make([]ast.Expr, 0, len(els))
	for _, el := range els {
		f := fieldValue(info, el, s.Index()[0])
		if f == nil {
			return nil
		}
		fields = append(fields, f)
	}
	return fields
}

// elements returns the elements of the composite literal that e takes its
// value from, when e is a range variable over it or an index into it.
func (vars onceSet) elements(info *types.Info, e ast.Expr) ([]ast.Expr, bool) {
	var coll ast.Expr
	switch x := ast.Unparen(e).(type) {
	case *ast.Ident:
		v, _ := info.Uses[x].(*types.Var)
		coll = vars.ranges[v]
	case *ast.IndexExpr:
		coll = x.X
	}
	if coll == nil {
		return nil, false
	}
	lit, ok := ast.Unparen(vars.value(info, coll)).(*ast.CompositeLit)
	if !ok {
		return nil, false
	}
	switch info.TypeOf(lit).Underlying().(type) {
	case *types.Slice, *types.Array, *types.Map:
	default:
		return nil, false
	}
	els := make([]ast.Expr, len(lit.Elts))
	for i, el := range lit.Elts {
		if kv, ok := el.(*ast.KeyValueExpr); ok {
			el = kv.Value
		}
		els[i] = el
	}
	return els, true
}

// fieldValue returns the expression that struct literal el sets its
// field i to, or nil when el is no struct literal or leaves the field
// out.
func fieldValue(info *types.Info, el ast.Expr, i int) ast.Expr {
	lit, ok := ast.Unparen(el).(*ast.CompositeLit)
	if !ok {
		return nil
	}
	st, ok := info.TypeOf(lit).Underlying().(*types.Struct)
	if !ok {
		return nil
	}
	for j, f := range lit.Elts {
		kv, keyed := f.(*ast.KeyValueExpr)
		if !keyed {
			if j == i {
				return f
			}
			continue
		}
		if id, ok := kv.Key.(*ast.Ident); ok && id.Name == st.Field(i).Name() {
			return kv.Value
		}
	}
	return nil
}

// onceSetVars finds the package's variables that are set once, where they
// are declared, and never again: no assignment, no address taken, to them
// or to their elements and fields. An exported package-level variable may
// be set by another package, so it is left out.
func onceSetVars(pass *analysis.Pass, insp *inspector.Inspector) onceSet {
	info := pass.TypesInfo
	vars := onceSet{values: map[*types.Var]ast.Expr{}, ranges: map[*types.Var]ast.Expr{}}
	written := map[*types.Var]bool{}
	var write func(e ast.Expr)
	write = func(e ast.Expr) {
		switch x := ast.Unparen(e).(type) {
		case *ast.IndexExpr: // cols[0] = … changes the variable's elements
			write(x.X)
		case *ast.SliceExpr: // and so may what cols[:1] is given to
			write(x.X)
		case *ast.SelectorExpr: // and reports[0].sql = … a field of one
			write(x.X)
		case *ast.Ident:
			if v, ok := info.ObjectOf(x).(*types.Var); ok {
				written[v] = true
			}
		}
	}
	declare := func(id *ast.Ident, value ast.Expr) {
		v, ok := info.Defs[id].(*types.Var)
		if !ok || !mayHoldSQL(v.Type()) || v.Exported() && v.Parent() == pass.Pkg.Scope() {
			return
		}
		vars.values[v] = value
	}
	nodes := []ast.Node{(*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil), (*ast.UnaryExpr)(nil), (*ast.IncDecStmt)(nil), (*ast.RangeStmt)(nil), (*ast.CallExpr)(nil)}
	for n := range insp.PreorderSeq(nodes...) {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for i, l := range n.Lhs {
				id, isIdent := l.(*ast.Ident)
				if n.Tok == token.DEFINE && isIdent && info.Defs[id] != nil && len(n.Rhs) == len(n.Lhs) {
					declare(id, n.Rhs[i])
					continue
				}
				write(l)
			}
		case *ast.ValueSpec:
			for i, id := range n.Names {
				if len(n.Values) == len(n.Names) {
					declare(id, n.Values[i])
				}
			}
		case *ast.UnaryExpr:
			if n.Op == token.AND {
				write(n.X)
			}
		case *ast.IncDecStmt:
			write(n.X)
		case *ast.RangeStmt:
			if n.Tok == token.ASSIGN {
				write(n.Key)
				write(n.Value)
			} else if id, ok := n.Value.(*ast.Ident); ok {
				if v, ok := info.Defs[id].(*types.Var); ok {
					vars.ranges[v] = n.X
				}
			}
		case *ast.CallExpr: // copy(cols, other) writes the elements of cols
			if b, ok := typeutil.Callee(info, n).(*types.Builtin); ok && b.Name() == "copy" && len(n.Args) == 2 {
				write(n.Args[0])
			}
		}
	}
	for v := range written {
		delete(vars.values, v)
		delete(vars.ranges, v)
	}
	return vars
}

// mayHoldSQL reports the types whose values vars follows: strings, and
// slices, arrays and maps, whose elements may be strings or structs with
// string fields.
func mayHoldSQL(t types.Type) bool {
	switch t.Underlying().(type) {
	case *types.Slice, *types.Array, *types.Map:
		return true
	}
	return isString(t)
}
