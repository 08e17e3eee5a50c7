package sqlcheck

import "slices"

// expandLists rewrites each parameter numbered in lists that stands alone
// in an IN list as unnest($n), which is what it becomes at run time: a list
// of values rather than one tenant. The tree is the checker's own, so it
// is changed in place.
func expandLists(stmt *node, lists []int) {
	if len(lists) == 0 {
		return
	}
	inspect(stmt, func(n *node) bool {
		a := n.GetAExpr()
		if a == nil || a.Kind != exprIn {
			return true
		}
		items := a.Rexpr.GetList().GetItems()
		for i, item := range items {
			p := uncast(item).GetParamRef()
			if p != nil && (slices.Contains(lists, int(p.Number)) || slices.Contains(lists, EveryParam)) {
				items[i] = listNode(item)
			}
		}
		return true
	})
}
