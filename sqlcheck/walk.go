package sqlcheck

import "google.golang.org/protobuf/reflect/protoreflect"

// inspect calls f for n and then, while f returns true, for each node below
// it in depth-first order. Returning false stops the descent into that
// node's children only, which is how callers keep out of a subquery's scope.
//
// The expression kinds that make up almost every query are walked by hand,
// because protobuf reflection costs more than parsing them did. Every other
// kind falls back to reflection, so no node kind is ever skipped: a SubLink
// inside an XMLTABLE or a window frame is still found.
func inspect(n *node, f func(*node) bool) {
	if n == nil || n.Node == nil || !f(n) {
		return
	}
	switch x := n.Node.(type) {
	case *nodeColumnRef, *nodeParamRef, *nodeAConst, *nodeString, *nodeAStar, *nodeDefault, *nodeRangeVar:
		// Leaves: nothing below them can hold a query.
	case *nodeAExpr:
		inspect(x.AExpr.Lexpr, f)
		inspect(x.AExpr.Rexpr, f)
	case *nodeBoolExpr:
		inspectList(x.BoolExpr.Args, f)
	case *nodeSubLink:
		inspect(x.SubLink.Testexpr, f)
		inspect(x.SubLink.Subselect, f)
	case *nodeTypeCast:
		inspect(x.TypeCast.Arg, f)
	case *nodeFuncCall:
		inspectList(x.FuncCall.Args, f)
		inspectList(x.FuncCall.AggOrder, f)
		inspect(x.FuncCall.AggFilter, f)
		if x.FuncCall.Over != nil {
			inspectFields(x.FuncCall.Over.ProtoReflect(), f)
		}
	case *nodeCoalesce:
		inspectList(x.CoalesceExpr.Args, f)
	case *nodeCase:
		inspect(x.CaseExpr.Arg, f)
		inspectList(x.CaseExpr.Args, f)
		inspect(x.CaseExpr.Defresult, f)
	case *nodeCaseWhen:
		inspect(x.CaseWhen.Expr, f)
		inspect(x.CaseWhen.Result, f)
	case *nodeNullTest:
		inspect(x.NullTest.Arg, f)
	case *nodeBoolTest:
		inspect(x.BooleanTest.Arg, f)
	case *nodeResTarget:
		inspectList(x.ResTarget.Indirection, f)
		inspect(x.ResTarget.Val, f)
	case *nodeList:
		inspectList(x.List.Items, f)
	case *nodeRowExpr:
		inspectList(x.RowExpr.Args, f)
	case *nodeArrayExpr:
		inspectList(x.AArrayExpr.Elements, f)
	case *nodeMinMax:
		inspectList(x.MinMaxExpr.Args, f)
	case *nodeSortBy:
		inspect(x.SortBy.Node, f)
	case *nodeIndirection:
		inspect(x.AIndirection.Arg, f)
		inspectList(x.AIndirection.Indirection, f)
	case *nodeNamedArg:
		inspect(x.NamedArgExpr.Arg, f)
	case *nodeCollate:
		inspect(x.CollateClause.Arg, f)
	default:
		inspectFields(n.ProtoReflect(), f)
	}
}

func inspectList(list []*node, f func(*node) bool) {
	for _, n := range list {
		inspect(n, f)
	}
}

// inspectFields visits the nodes held anywhere in m, looking through
// messages that are not nodes themselves (a WithClause, an Alias, a
// WindowDef) without reporting them to f.
func inspectFields(m protoreflect.Message, f func(*node) bool) {
	m.Range(func(fd protoreflect.FieldDescriptor, v protoreflect.Value) bool {
		if fd.Kind() != protoreflect.MessageKind {
			return true
		}
		if fd.IsList() {
			l := v.List()
			for i := 0; i < l.Len(); i++ {
				inspectMessage(l.Get(i).Message(), f)
			}
			return true
		}
		inspectMessage(v.Message(), f)
		return true
	})
}

func inspectMessage(m protoreflect.Message, f func(*node) bool) {
	switch x := m.Interface().(type) {
	case *node:
		inspect(x, f)
	case *rangeVar:
		// The targets of INSERT, UPDATE, DELETE and MERGE are RangeVars held
		// directly rather than as nodes; wrapped, they are seen like any
		// table in FROM.
		inspect(&node{Node: &nodeRangeVar{RangeVar: x}}, f)
	default:
		inspectFields(m, f)
	}
}
