package analyzer

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"
)

// This file recovers SQL that is not one constant but is still fixed when
// the code is compiled: fmt.Sprintf over constants, table names from
// TableName methods, and pgx's CopyFrom.

// constResult is the fact that a function without parameters returns one
// constant string, as a TableName method does:
//
//	func (Order) TableName() string { return "orders" }
type constResult struct{ Value string }

func (*constResult) AFact() {}

func (c *constResult) String() string { return fmt.Sprintf("constResult(%q)", c.Value) }

// exportConstResults exports the facts for the package's functions and
// methods whose body is a single return of a constant string.
func exportConstResults(pass *analysis.Pass, decls []*ast.FuncDecl) {
	for _, d := range decls {
		fn, _ := pass.TypesInfo.Defs[d.Name].(*types.Func)
		if fn == nil || fn.Signature().Params().Len() != 0 || len(d.Body.List) != 1 {
			continue
		}
		ret, ok := d.Body.List[0].(*ast.ReturnStmt)
		if !ok || len(ret.Results) != 1 {
			continue
		}
		if s, ok := constString(pass.TypesInfo, ret.Results[0]); ok {
			pass.ExportObjectFact(fn, &constResult{Value: s})
		}
	}
}

func constString(info *types.Info, e ast.Expr) (string, bool) {
	tv, ok := info.Types[e]
	if !ok || tv.Value == nil || tv.Value.Kind() != constant.String {
		return "", false
	}
	return constant.StringVal(tv.Value), true
}

// foldSQL returns the SQL that e always evaluates to: a constant, or
// fmt.Sprintf with a constant format whose arguments are constants or calls
// of functions with a constResult fact, or a variable that only its
// declaration sets, to one of these. Anything else is unknown.
func foldSQL(pass *analysis.Pass, vars onceSet, e ast.Expr) (string, bool) {
	if s, ok := constString(pass.TypesInfo, e); ok {
		return s, true
	}
	if id, ok := ast.Unparen(e).(*ast.Ident); ok {
		v, _ := pass.TypesInfo.Uses[id].(*types.Var)
		if init, ok := vars[v]; ok {
			delete(vars, v) // a chain of variables ends; a cycle cannot type-check
			defer func() { vars[v] = init }()
			return foldSQL(pass, vars, init)
		}
		return "", false
	}
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || len(call.Args) == 0 || call.Ellipsis.IsValid() {
		return "", false
	}
	fn, _ := typeutil.Callee(pass.TypesInfo, call).(*types.Func)
	if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != "fmt" || fn.Name() != "Sprintf" {
		return "", false
	}
	format, ok := constString(pass.TypesInfo, call.Args[0])
	if !ok {
		return "", false
	}
	args := make([]any, len(call.Args)-1)
	for i, a := range call.Args[1:] {
		v, ok := constValue(pass, a)
		if !ok {
			return "", false
		}
		args[i] = v
	}
	s := fmt.Sprintf(format, args...)
	// A verb without its argument would leave %!v(MISSING) in the SQL.
	return s, !strings.Contains(s, "%!")
}

// constValue is the Go value of a constant argument of Sprintf, or of a
// call that returns a constant string.
func constValue(pass *analysis.Pass, e ast.Expr) (any, bool) {
	if tv, ok := pass.TypesInfo.Types[e]; ok && tv.Value != nil {
		switch tv.Value.Kind() {
		case constant.String:
			return constant.StringVal(tv.Value), true
		case constant.Int:
			i, exact := constant.Int64Val(tv.Value)
			return i, exact
		case constant.Bool:
			return constant.BoolVal(tv.Value), true
		}
		return nil, false
	}
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || len(call.Args) != 0 {
		return nil, false
	}
	fn, _ := typeutil.Callee(pass.TypesInfo, call).(*types.Func)
	var c constResult
	if fn == nil || !pass.ImportObjectFact(fn.Origin(), &c) {
		return nil, false
	}
	return c.Value, true
}

// copyFromSQL spells pgx's CopyFrom(ctx, pgx.Identifier{…}, []string{…},
// src) as the COPY statement it runs, so that the checker's rule for COPY
// FROM asks for the tenant column.
func copyFromSQL(pass *analysis.Pass, vars onceSet, call *ast.CallExpr) (string, bool) {
	if len(call.Args) != 4 {
		return "", false
	}
	table, ok := constStrings(pass.TypesInfo, vars.value(pass.TypesInfo, call.Args[1]))
	if !ok || len(table) == 0 {
		return "", false
	}
	cols, ok := constStrings(pass.TypesInfo, vars.value(pass.TypesInfo, call.Args[2]))
	if !ok {
		return "", false
	}
	quote := func(names []string) []string {
		out := make([]string, len(names))
		for i, n := range names {
			out[i] = `"` + strings.ReplaceAll(n, `"`, `""`) + `"`
		}
		return out
	}
	return fmt.Sprintf("COPY %s (%s) FROM STDIN", strings.Join(quote(table), "."), strings.Join(quote(cols), ", ")), true
}

// constStrings reads a composite literal of constant strings, such as
// pgx.Identifier{"billing", "orders"} or []string{"tenant_id", "id"}.
func constStrings(info *types.Info, e ast.Expr) ([]string, bool) {
	lit, ok := ast.Unparen(e).(*ast.CompositeLit)
	if !ok {
		return nil, false
	}
	out := make([]string, len(lit.Elts))
	for i, el := range lit.Elts {
		s, ok := constString(info, el)
		if !ok {
			return nil, false
		}
		out[i] = s
	}
	return out, true
}

// onceSet maps the variables of a package that only their declaration
// sets (q := fmt.Sprintf(…), var q = "…", var cols = []string{…}) to the
// value they are declared with: strings, and slices of strings and pgx
// Identifiers, whose elements no assignment changes either.
type onceSet map[*types.Var]ast.Expr

// value returns what e holds: the declared value of a variable of vars, or
// e itself.
func (vars onceSet) value(info *types.Info, e ast.Expr) ast.Expr {
	if id, ok := ast.Unparen(e).(*ast.Ident); ok {
		if v, ok := info.Uses[id].(*types.Var); ok && vars[v] != nil {
			return vars[v]
		}
	}
	return e
}

// onceSetVars finds the package's variables that are set once, where they
// are declared, and never again: no assignment, no address taken. An
// exported package-level variable may be set by another package, so it is
// left out.
func onceSetVars(pass *analysis.Pass, insp *inspector.Inspector) onceSet {
	info := pass.TypesInfo
	vars := onceSet{}
	written := map[*types.Var]bool{}
	var write func(e ast.Expr)
	write = func(e ast.Expr) {
		switch x := ast.Unparen(e).(type) {
		case *ast.IndexExpr: // cols[0] = … changes the variable's elements
			write(x.X)
		case *ast.SliceExpr: // and so may what cols[:1] is given to
			write(x.X)
		case *ast.Ident:
			if v, ok := info.ObjectOf(x).(*types.Var); ok {
				written[v] = true
			}
		}
	}
	declare := func(id *ast.Ident, value ast.Expr) {
		v, ok := info.Defs[id].(*types.Var)
		if !ok || !isString(v.Type()) && !isStrings(v.Type()) || v.Exported() && v.Parent() == pass.Pkg.Scope() {
			return
		}
		vars[v] = value
	}
	nodes := []ast.Node{(*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil), (*ast.UnaryExpr)(nil), (*ast.IncDecStmt)(nil), (*ast.RangeStmt)(nil)}
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
			}
		}
	}
	for v := range written {
		delete(vars, v)
	}
	return vars
}

// isStrings reports a slice of strings, such as []string or pgx.Identifier.
func isStrings(t types.Type) bool {
	sl, ok := t.Underlying().(*types.Slice)
	return ok && isString(sl.Elem())
}
