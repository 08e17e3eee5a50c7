package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"
	"strconv"
)

// literalMap maps byte offsets in a constant SQL string back to the Go
// string literals it was written in, so that a finding can underline the
// table name inside the literal instead of the whole call.
type literalMap struct {
	lits   []*ast.BasicLit
	starts []int // offset in the SQL value at which each literal starts
}

// constDecls finds the expression each constant of the package was
// declared with, so that SQL in a named constant (as sqlc generates it)
// maps into its literal too.
type constDecls map[*types.Const]ast.Expr

func newConstDecls(files []*ast.File, info *types.Info) constDecls {
	decls := constDecls{}
	for _, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			spec, ok := n.(*ast.ValueSpec)
			if !ok {
				return true
			}
			for i, name := range spec.Names {
				if c, ok := info.Defs[name].(*types.Const); ok && i < len(spec.Values) {
					decls[c] = spec.Values[i]
				}
			}
			return false
		})
	}
	return decls
}

// literals builds the map for expression e, or reports false when some of
// its text does not come from a literal of this package.
func (d constDecls) literals(info *types.Info, e ast.Expr) (literalMap, bool) {
	var m literalMap
	size := 0
	var walk func(e ast.Expr, depth int) bool
	// Constants of other packages have no declaration here, so their text
	// cannot be mapped.
	walkConst := func(obj types.Object, depth int) bool {
		c, ok := obj.(*types.Const)
		return ok && d[c] != nil && walk(d[c], depth+1)
	}
	walk = func(e ast.Expr, depth int) bool {
		// Constants refer to constants; a cycle cannot type-check, but a
		// deep chain is not worth following to map a position.
		if depth > 20 {
			return false
		}
		switch e := ast.Unparen(e).(type) {
		case *ast.BasicLit:
			v, err := strconv.Unquote(e.Value)
			if e.Kind != token.STRING || err != nil {
				return false
			}
			m.lits = append(m.lits, e)
			m.starts = append(m.starts, size)
			size += len(v)
			return true
		case *ast.BinaryExpr:
			return e.Op == token.ADD && walk(e.X, depth+1) && walk(e.Y, depth+1)
		case *ast.Ident:
			return walkConst(info.Uses[e], depth)
		case *ast.SelectorExpr:
			return walkConst(info.Uses[e.Sel], depth)
		}
		return false
	}
	ok := walk(e, 0) && len(m.lits) > 0
	return m, ok
}

// pos returns the position of byte offset off of the SQL value.
func (m literalMap) pos(off int) token.Pos {
	i := len(m.starts) - 1
	for i > 0 && m.starts[i] > off {
		i--
	}
	return litPos(m.lits[i], off-m.starts[i])
}

// litPos returns the position of byte offset off of lit's value, stepping
// over escapes in interpreted literals and over the carriage returns that
// raw literals drop.
func litPos(lit *ast.BasicLit, off int) token.Pos {
	src := lit.Value
	i, v := 1, 0
	if src[0] == '`' {
		for i < len(src)-1 && v < off {
			if src[i] != '\r' {
				v++
			}
			i++
		}
		return lit.Pos() + token.Pos(i)
	}
	for i < len(src)-1 && v < off {
		r, multibyte, tail, err := strconv.UnquoteChar(src[i:len(src)-1], '"')
		if err != nil {
			break
		}
		if multibyte {
			v += len(string(r))
		} else {
			v++ // an ASCII character or a \x byte escape
		}
		i = len(src) - 1 - len(tail)
	}
	return lit.Pos() + token.Pos(i)
}
