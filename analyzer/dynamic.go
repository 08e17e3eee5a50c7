package analyzer

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"
)

// This file recovers SQL that is not one constant but is still fixed when
// the code is compiled: fmt.Sprintf over constants, table names from
// TableName methods, and pgx's CopyFrom.

// constResult is the fact that a function returns one constant string,
// whatever it is passed, as a TableName method does:
//
//	func (Order) TableName() string { return "orders" }
//	func (Identity) TableName(context.Context) string { return "identities" } // pop's form with a context
type constResult struct{ Value string }

func (*constResult) AFact() {}

func (c *constResult) String() string { return fmt.Sprintf("constResult(%q)", c.Value) }

// exportConstResults exports the facts for the package's functions and
// methods whose body is a single return of a constant string.
func exportConstResults(pass *analysis.Pass, decls []*ast.FuncDecl) {
	for _, d := range decls {
		fn, _ := pass.TypesInfo.Defs[d.Name].(*types.Func)
		if fn == nil || len(d.Body.List) != 1 {
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
		if init, ok := vars.values[v]; ok {
			delete(vars.values, v) // a chain of variables ends; a cycle cannot type-check
			defer func() { vars.values[v] = init }()
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
