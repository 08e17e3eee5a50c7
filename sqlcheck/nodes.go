package sqlcheck

import "strings"

// This file holds small readers of pg_query nodes that the catalog and
// the scope model share.

// rangeVars lists the tables of a FROM item, looking through joins.
func rangeVars(n *node) []*rangeVar {
	switch x := n.Node.(type) {
	case *nodeRangeVar:
		return []*rangeVar{x.RangeVar}
	case *nodeJoin:
		return append(rangeVars(x.JoinExpr.Larg), rangeVars(x.JoinExpr.Rarg)...)
	}
	return nil
}

func rangeName(rv *rangeVar) QName {
	if rv == nil {
		return QName{}
	}
	return qname(rv.Schemaname, rv.Relname)
}

// refName is the name by which a query refers to a FROM item.
func refName(rv *rangeVar) string {
	if rv.Alias != nil {
		return rv.Alias.Aliasname
	}
	return rv.Relname
}

// listName reads the [schema,] name list of a DROP.
func listName(n *node) QName { return partsName(stringList(n.GetList().GetItems())) }

// partsName reads a dotted name split into parts: [catalog.][schema.]name.
func partsName(parts []string) QName {
	switch len(parts) {
	case 1:
		return qname("", parts[0])
	case 0:
		return QName{}
	}
	return qname(parts[len(parts)-2], parts[len(parts)-1])
}

// stringList reads a list of String nodes such as column names.
func stringList(list []*node) []string {
	var out []string
	for _, n := range list {
		if s, ok := n.Node.(*nodeString); ok {
			out = append(out, s.String_.Sval)
		}
	}
	return out
}

// isStar reports whether ref is * or t.*, and t.
func isStar(ref *columnRef) (star bool, qual string) {
	f := ref.GetFields()
	if len(f) == 0 {
		return false, ""
	}
	if _, ok := f[len(f)-1].Node.(*nodeAStar); !ok {
		return false, ""
	}
	if len(f) >= 2 {
		qual = f[len(f)-2].GetString_().GetSval()
	}
	return true, qual
}

// targetName is the name PostgreSQL gives an output column: its alias, the
// column it copies, or the function it calls.
func targetName(rt *resTarget) string {
	if rt.GetName() != "" {
		return rt.Name
	}
	return exprName(rt.GetVal())
}

// exprName follows PostgreSQL's FigureColname: a column keeps its name, a
// function call or a cast to a type takes that name, and a few constructs
// are named after their keyword.
func exprName(e *node) string {
	switch x := e.GetNode().(type) {
	case *nodeColumnRef:
		f := x.ColumnRef.Fields
		return f[len(f)-1].GetString_().GetSval()
	case *nodeFuncCall:
		f := x.FuncCall.Funcname
		return f[len(f)-1].GetString_().GetSval()
	case *nodeTypeCast:
		if name := exprName(x.TypeCast.Arg); name != "?column?" {
			return name
		}
		names := x.TypeCast.GetTypeName().GetNames()
		return names[len(names)-1].GetString_().GetSval()
	case *nodeCoalesce:
		return "coalesce"
	case *nodeCase:
		return "case"
	case *nodeMinMax:
		return strings.ToLower(strings.TrimPrefix(x.MinMaxExpr.Op.String(), "IS_"))
	case *nodeAExpr:
		if x.AExpr.Kind == exprNullIf {
			return "nullif"
		}
	case *nodeArrayExpr:
		return "array"
	case *nodeRowExpr:
		return "row"
	case *nodeSubLink:
		switch x.SubLink.SubLinkType {
		case sublinkExists:
			return "exists"
		case sublinkArray:
			return "array"
		case sublinkExpr:
			if sel := x.SubLink.Subselect.GetSelectStmt(); sel != nil && len(sel.TargetList) == 1 {
				return targetName(sel.TargetList[0].GetResTarget())
			}
		}
	}
	return "?column?"
}
