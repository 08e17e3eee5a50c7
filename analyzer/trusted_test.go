package analyzer

import (
	"go/token"
	"go/types"
	"testing"

	"golang.org/x/tools/go/analysis"
)

// TestTrustedLibraryMethods checks that, in a module build, where a
// library is a dependency, the raw-SQL methods that receiverSQLArg lists
// and bun's methods of the query shapes are query sites: analysistest
// gives no module, so the ormchains tests trust every type.
func TestTrustedLibraryMethods(t *testing.T) {
	str := types.Typ[types.String]
	anys := types.NewSlice(types.NewInterfaceType(nil, nil))
	ctx := types.NewNamed(types.NewTypeName(token.NoPos, types.NewPackage("context", "context"), "Context", nil),
		types.NewInterfaceType(nil, nil), nil)
	method := func(path, typ, name string, params ...*types.Var) *types.Func {
		pkg := types.NewPackage(path, path)
		named := types.NewNamed(types.NewTypeName(token.NoPos, pkg, typ, nil), types.NewStruct(nil, nil), nil)
		recv := types.NewVar(token.NoPos, pkg, "r", types.NewPointer(named))
		sig := types.NewSignatureType(recv, nil, nil, types.NewTuple(params...), nil, true)
		return types.NewFunc(token.NoPos, pkg, name, sig)
	}
	param := func(t types.Type) *types.Var { return types.NewVar(token.NoPos, nil, "", t) }
	w := &wrappers{pass: &analysis.Pass{
		Module:           &analysis.Module{Path: "example.com/app", Main: true},
		ImportObjectFact: func(types.Object, analysis.Fact) bool { return false },
	}}
	for _, c := range []struct {
		fn   *types.Func
		want bool
	}{
		{method("gorm.io/gorm", "DB", "Raw", param(str), param(anys)), true},
		{method(bunPath, "DB", "NewRaw", param(str), param(anys)), true},
		{method(bunPath, "DB", "QueryContext", param(ctx), param(str), param(anys)), true},
		{method("github.com/gocql/gocql", "Session", "Query", param(str), param(anys)), false},
	} {
		if _, _, got := w.sqlArg(c.fn); got != c.want {
			t.Errorf("%s: query site %v, want %v", calleeName(c.fn), got, c.want)
		}
	}
}
