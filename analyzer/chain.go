package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"
)

// Builder libraries (squirrel, gorm, bun, pop) build SQL from a chain of
// method calls:
//
//	sq.Select("id").From("orders").Where(sq.Eq{"tenant_id": t}).RunWith(db).Query()
//	db.WithContext(ctx).Where("status = ?", s).Find(&orders)
//
// chainSites reads such a chain backwards from the call that runs or
// renders it, rebuilds the SQL the library would send, and hands it to the
// checker like any constant query: the scoping rules are the checker's,
// not repeated here. Placeholders are written as ?, which the checker
// numbers.
//
// The machinery is shared; each library only declares its vocabulary (a
// builderLib): which calls run a statement, which start one, what each
// method adds, which methods only narrow a query, and which of its types
// are connections rather than statements. A chain is followed through:
//
//   - the library's entry points and methods;
//   - local variables of the same function, assigned in the statements that
//     run on every path to the use: `q := sq.Select(…); q = q.Where(…)`;
//   - package-level variables of the same package that are never assigned
//     after their declaration;
//   - calls of functions and methods, of any package, that return a builder
//     built from constants, or that extend the builder passed to them (the
//     chainResult fact): `base().Where(…)`, `scoped(db).Find(&o)`;
//   - a connection (a handle that holds no clause): a value of a type the
//     library declares stateless (pop's *Connection, bun's IDB), or one of a
//     handle type that comes from outside the function (a parameter, a
//     field, a call, a package variable): gorm's *gorm.DB, which may carry
//     clauses, is taken to carry none when it arrives from elsewhere.
//
// Anything else makes the chain unknown, which is silent unless -strict
// (TV002): a builder that is a parameter, a field or the result of another
// function; a local variable that escapes (passed to a function, returned,
// copied, assigned to a field or global, captured by a closure, its
// address taken, or, for a library whose builders change in place, the
// receiver of a method whose result is dropped, or of a chain that widens
// it and is not assigned back to it, for the uses after that chain); a
// table, column or option
// that is not a constant string; a method that is not modelled.
//
// For a local variable, only the assignments at the top level of the
// blocks that enclose the use, before it, count as running on every path
// (and the Init of an enclosing if, for or switch). An assignment nested in
// anything else (an if, a loop, a switch case, a bare block) or later in a
// loop around the use may or may not run. One that only narrows the query
// (q = q.Where(…), OrderBy, Limit and the like, see builderLib.narrows) is
// treated as absent, so a Where added inside an if does not scope the
// query. Any other (a join, a Set, a fresh builder) makes the chain unknown.
func chainSites(pass *analysis.Pass, insp *inspector.Inspector) []site {
	cs := &chains{pass: pass, evals: map[string]*chainEval{}}
	if cs.eval(pass.Pkg) != nil {
		return nil // the library itself
	}
	cs.exportResults(insp)
	var sites []site
	for n := range insp.PreorderSeq((*ast.CallExpr)(nil)) {
		call := n.(*ast.CallExpr)
		fn, _ := typeutil.Callee(pass.TypesInfo, call).(*types.Func)
		if fn == nil {
			continue
		}
		ev := cs.eval(fn.Pkg())
		if ev == nil {
			continue
		}
		if sql, known, ok := ev.lib.run(fn, call); ok {
			sites = append(sites, site{call: call, arg: call, callee: calleeName(fn), sql: sql, known: known, lib: ev.id})
		}
	}
	return sites
}

// A builderLib is one builder library's vocabulary. Its methods see the
// chain machinery through the *chainEval it embeds.
type builderLib interface {
	// run returns the SQL that call, a call of the library's function fn,
	// sends or renders, and false when call runs no statement.
	run(fn *types.Func, call *ast.CallExpr) (sql string, known, ok bool)
	// start returns the statement that obj begins: a package-level
	// function of the library called by call, or a package variable of it
	// (call is then nil).
	start(obj types.Object, call *ast.CallExpr) (chainStmt, bool)
	// method returns s after call, a call of the method name of the
	// library's type recv.
	method(s chainStmt, recv, name string, call *ast.CallExpr) (chainStmt, bool)
	// narrows reports whether the method only narrows or orders a query,
	// so that a call of it that may not run can be treated as absent.
	narrows(method string) bool
	// inPlace reports whether the method changes its receiver, so that a
	// call of it whose result is dropped still changes the chain.
	inPlace(method string) bool
	// isBuilder reports whether t is a type of the chain's values, which a
	// function may return built (the chainResult fact).
	isBuilder(t types.Type) bool
	// handle reports whether a value of t from outside the function is a
	// connection, and stateless whether any value of t is.
	handle(t types.Type) (handle, stateless bool)
	// bare reports whether the method returns its receiver's handle
	// without adding a clause (gorm's WithContext).
	bare(method string) bool
	// constantsOnly reports whether a function's builder must be built
	// from constants alone to get the chainResult fact, with none of its
	// parameters in the chain, even as values.
	constantsOnly() bool
	// reads reports whether fn, a function of the library, only reads the
	// builders passed to it as arguments.
	reads(fn *types.Func) bool
}

// builderPaths maps the import paths of each library to its id, and
// builderLibs each id to the library's vocabulary.
var (
	builderPaths = map[string]string{
		"github.com/Masterminds/squirrel":  "sq",
		"gopkg.in/Masterminds/squirrel.v1": "sq",
		"gorm.io/gorm":                     "gorm",
		"github.com/gobuffalo/pop/v6":      "pop",
		"github.com/ory/pop/v6":            "pop",
		bunPath:                            "bun",
	}
	builderLibs = map[string]func(*chainEval) builderLib{
		"sq":   newSquirrel,
		"gorm": newGorm,
		"pop":  newPop,
		"bun":  newBun,
	}
)

// chains holds one evaluator for each library a package uses.
type chains struct {
	pass  *analysis.Pass
	evals map[string]*chainEval // by library id
}

// eval returns the evaluator for the library p belongs to, or nil when p
// is no builder library.
func (cs *chains) eval(p *types.Package) *chainEval {
	if p == nil {
		return nil
	}
	id := builderPaths[p.Path()]
	if id == "" {
		return nil
	}
	ev := cs.evals[id]
	if ev == nil {
		ev = newChainEval(cs.pass)
		ev.id, ev.lib = id, builderLibs[id](ev)
		cs.evals[id] = ev
	}
	return ev
}

// chainEval rebuilds the chains of one library in one package.
type chainEval struct {
	id      string
	lib     builderLib
	pass    *analysis.Pass
	info    *types.Info
	files   map[*token.File]*ast.File
	locals  map[*types.Var]*chainLocal
	globals map[*types.Var]ast.Expr       // initialisers of package variables never assigned again
	bases   map[*types.Func]*ast.FuncDecl // functions of the shape that chainResult needs
	results map[*types.Func]*chainResult  // what they return; nil when unknown
	varies  map[*types.Func]bool          // functions of the package with the Varies fact
	// params are the parameters of the function whose result is being
	// evaluated for its fact, and root the one the chain starts from.
	params map[*types.Var]int
	root   *types.Var
	depth  int
}

func newChainEval(pass *analysis.Pass) *chainEval {
	ev := &chainEval{pass: pass, info: pass.TypesInfo, files: map[*token.File]*ast.File{}, locals: map[*types.Var]*chainLocal{},
		bases: map[*types.Func]*ast.FuncDecl{}, results: map[*types.Func]*chainResult{}}
	for _, f := range pass.Files {
		ev.files[pass.Fset.File(f.Pos())] = f
	}
	return ev
}

// chainMaxDepth bounds the recursion through variables and nested builders.
const chainMaxDepth = 100

func (ev *chainEval) enter() bool {
	ev.depth++
	return ev.depth <= chainMaxDepth
}

func (ev *chainEval) leave() { ev.depth-- }

// owns reports whether p is a package of the evaluator's library.
func (ev *chainEval) owns(p *types.Package) bool {
	return p != nil && builderPaths[p.Path()] == ev.id
}

// named is the name of t (or of what t points to) when t is a named type
// of the library.
func (ev *chainEval) named(t types.Type) string {
	if t == nil {
		return ""
	}
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || !ev.owns(n.Obj().Pkg()) {
		return ""
	}
	return n.Obj().Name()
}

// builder evaluates e, an expression of one of the library's types.
func (ev *chainEval) builder(e ast.Expr) (chainStmt, bool) {
	if !ev.enter() {
		ev.leave()
		return chainStmt{}, false
	}
	defer ev.leave()
	e = ast.Unparen(e)
	if _, stateless := ev.lib.handle(ev.info.TypeOf(e)); stateless {
		return chainStmt{}, true
	}
	switch e := e.(type) {
	case *ast.CallExpr:
		fn, _ := typeutil.Callee(ev.info, e).(*types.Func)
		if fn == nil {
			return chainStmt{}, false
		}
		if !ev.owns(fn.Pkg()) {
			if s, ok, known := ev.called(fn, e); ok {
				return s, known
			}
			return ev.outside(e)
		}
		recv := recvType(fn.Signature())
		if recv == nil {
			return ev.lib.start(fn, e)
		}
		sel, ok := ast.Unparen(e.Fun).(*ast.SelectorExpr)
		if !ok || ev.info.Selections[sel] == nil || ev.info.Selections[sel].Kind() != types.MethodVal {
			return chainStmt{}, false
		}
		s, ok := ev.builder(sel.X)
		if !ok {
			return chainStmt{}, false
		}
		return ev.lib.method(s, recv.Name(), fn.Name(), e)
	case *ast.SelectorExpr:
		if v, ok := ev.info.Uses[e.Sel].(*types.Var); ok && !v.IsField() && ev.owns(v.Pkg()) {
			return ev.lib.start(v, nil)
		}
		return ev.outside(e)
	case *ast.Ident:
		v, ok := ev.info.Uses[e].(*types.Var)
		if !ok {
			return chainStmt{}, false
		}
		if ev.owns(v.Pkg()) {
			return ev.lib.start(v, nil)
		}
		if rhs, ok := ev.resolve(e); ok {
			return ev.builder(rhs)
		}
		if ev.params != nil {
			if _, isParam := ev.params[v]; isParam {
				if ev.root != nil {
					return chainStmt{}, false // a second builder the caller passes
				}
				ev.root = v
				return chainStmt{}, true
			}
		}
		if ev.declaredInBody(e, v) {
			return chainStmt{}, false
		}
		return ev.outside(e)
	}
	return chainStmt{}, false
}

// outside returns the empty statement of a connection that e, which comes
// from outside the function, is, when the library takes its type for one.
func (ev *chainEval) outside(e ast.Expr) (chainStmt, bool) {
	h, _ := ev.lib.handle(ev.info.TypeOf(e))
	return chainStmt{}, h
}

// declaredInBody reports whether v, used at id, is a local variable of a
// function around id rather than a parameter of one: a local that cannot be
// resolved is unknown, while a parameter comes from outside.
func (ev *chainEval) declaredInBody(id *ast.Ident, v *types.Var) bool {
	if v.Parent() == nil || v.Pkg() != ev.pass.Pkg || v.Parent() == v.Pkg().Scope() {
		return false
	}
	file := ev.files[ev.pass.Fset.File(id.Pos())]
	if file == nil {
		return true
	}
	path, _ := astutil.PathEnclosingInterval(file, id.Pos(), id.End())
	for _, n := range path {
		var ft *ast.FuncType
		switch n := n.(type) {
		case *ast.FuncLit:
			ft = n.Type
		case *ast.FuncDecl:
			ft = n.Type
			if n.Recv != nil && v.Pos() >= n.Recv.Pos() && v.Pos() < n.Recv.End() {
				return false
			}
		default:
			continue
		}
		if v.Pos() >= ft.Pos() && v.Pos() < ft.End() {
			return false
		}
	}
	return true
}
