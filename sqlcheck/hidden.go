package sqlcheck

import (
	"fmt"
	"slices"
)

// This file finds the relations that carry tenant rows but cannot be scoped
// from outside: views without a tenant column (TV106) and SQL functions in
// FROM (TV107) whose own SQL reads a tenant table for every tenant.

// viewGaps returns, once, the views that read every tenant's rows of a
// tenant table and have no tenant column to scope them by, each with such
// a table: a materialized view that reads one, or a view whose query does
// not bind it to the session's tenant.
func (t *Tenancy) viewGaps() map[QName]QName {
	t.viewOnce.Do(func() {
		if t.views != nil {
			return // decoded with the query model
		}
		t.views = map[QName]QName{}
		judged := map[QName]bool{}
		for _, tab := range t.Catalog.Tables() {
			t.judgeView(tab, judged)
		}
	})
	return t.views
}

// judgeView records whether view tab hides a tenant table's rows: it has
// no tenant column, reads a tenant table, and is materialized, or does
// not bind it to the session's tenant, or reads a view that hides one.
func (t *Tenancy) judgeView(tab *Table, judged map[QName]bool) {
	if !tab.View || judged[tab.Name] {
		return
	}
	judged[tab.Name] = true // a cycle, through renames, ends here
	if _, tenant := t.TenantColumn(tab.Name); tenant {
		return
	}
	src, ok := t.tenantSource(tab, nil)
	if !ok {
		return
	}
	owner := ""
	if !tab.SecurityInvoker {
		owner = t.rlsGap(tab.Name)
	}
	// The session's tenant is the only tenant value in a view, as in a
	// policy.
	hides := tab.Materialized || tab.query == nil || len(t.unbound(tab.query, owner, &valueRule{functions: t.Functions})) > 0
	for _, r := range tab.Reads {
		if inner := t.Catalog.Table(r); inner != nil && inner != tab {
			t.judgeView(inner, judged)
			if s, ok := t.views[r]; ok {
				hides, src = true, s
			}
		}
	}
	if hides {
		t.views[tab.Name] = src
	}
}

// unbound returns the tenant tables that a view's query or a function's
// statement reads without binding them to one tenant, by the query rules
// with the tenant values that values allows. ownerRights says why
// row-level security does not count inside, if it does not.
func (t *Tenancy) unbound(stmt *node, ownerRights string, values *valueRule) []QName {
	b := &builder{tenancy: t, values: values, inner: true}
	blk := b.stmt(stmt, nil, nil)
	if blk == nil {
		return nil
	}
	j := &judge{tenancy: t, inner: true, ownerRights: ownerRights}
	j.block(blk)
	return j.unbound
}

// tenantSource returns a tenant table that the view v reads, directly or
// through other views.
func (t *Tenancy) tenantSource(v *Table, seen []QName) (QName, bool) {
	for _, r := range v.Reads {
		if slices.Contains(seen, r) {
			continue
		}
		if tab := t.Catalog.Table(r); tab != nil && tab.View {
			if q, ok := t.tenantSource(tab, append(seen, v.Name)); ok {
				return q, true
			}
			continue
		}
		if _, ok := t.TenantColumn(r); ok {
			return r, true
		}
	}
	return QName{}, false
}

// funcGap is a SQL function whose body reads every tenant's rows of
// Source. Columns are its output columns, nil when unknown: when they hold
// the tenant column, a query can still scope what it returns.
type funcGap struct {
	Source  QName
	Columns []string
}

// funcGaps returns, once, the SQL functions whose body reads a tenant table
// without binding it to one tenant. Overloads share a name in FROM, so a
// name counts only when each of its functions reads every tenant's rows.
func (t *Tenancy) funcGaps() map[QName]funcGap {
	t.funcOnce.Do(func() {
		if t.funcs != nil {
			return // decoded with the query model
		}
		t.funcs = map[QName]funcGap{}
		bound := map[QName]bool{}
		for _, f := range t.Catalog.Functions() {
			src, leaks := t.judgeFunction(f)
			_, seen := t.funcs[f.Name]
			switch {
			case !leaks:
				bound[f.Name] = true
			case !seen:
				t.funcs[f.Name] = funcGap{src, f.returns}
			}
		}
		for name := range bound {
			delete(t.funcs, name)
		}
	})
	return t.funcs
}

// judgeFunction returns a tenant table that SQL function f reads without
// binding it to one tenant: to a parameter, a literal, or the session's
// tenant. A function in another language, or whose SQL does not parse,
// is not judged.
func (t *Tenancy) judgeFunction(f *Function) (QName, bool) {
	owner := ""
	if f.SecurityDefiner {
		owner = fmt.Sprintf("function %q runs with its owner's rights", f.Name.String())
	}
	values := &valueRule{params: true, functions: t.Functions, args: f.argNames}
	for _, s := range f.statements() {
		if tabs := t.unbound(s, owner, values); len(tabs) > 0 {
			return tabs[0], true
		}
	}
	return QName{}, false
}

// statements returns the statements of a SQL function's body, or nil for
// another language or a body that does not parse. A SQL-standard body is
// BEGIN ATOMIC's list of statements, or RETURN's one expression, which
// reads no table of its own.
func (f *Function) statements() []*node {
	if f.Language != "sql" {
		return nil
	}
	if f.sqlBody != nil {
		var out []*node
		var flatten func(n *node)
		flatten = func(n *node) {
			if l := n.GetList(); l != nil {
				for _, item := range l.Items {
					flatten(item)
				}
				return
			}
			out = append(out, n)
		}
		flatten(f.sqlBody)
		return out
	}
	stmts, err := parse(f.Body)
	if err != nil {
		return nil
	}
	out := make([]*node, len(stmts))
	for i, s := range stmts {
		out[i] = s.node
	}
	return out
}

// functionGap returns the verdict on the function that a relation in FROM
// calls, if it reads every tenant's rows.
func (b *builder) functionGap(rel *relation) (funcGap, bool) {
	if b.inner || b.tenancy == nil || len(rel.calls) == 0 {
		return funcGap{}, false
	}
	gap, ok := b.tenancy.funcGaps()[rel.calls[0].name]
	return gap, ok
}
