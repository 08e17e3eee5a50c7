package sqlcheck

import (
	"slices"
	"strings"
)

// This file replays what the row-level security rules judge: RLS switches,
// policies, keys and indexes, view options, functions and roles.

// Policy is a row-level security policy.
type Policy struct {
	Name       string
	Command    string // all, select, insert, update or delete
	Permissive bool
	Roles      []string // "public" for PUBLIC
	Pos        Pos
	using      *node
	check      *node
}

// Using and Check return the policy's expressions as SQL text, or "".
func (p *Policy) Using() string { return exprString(p.using) }
func (p *Policy) Check() string { return exprString(p.check) }

// covers reports whether the policy applies to command cmd.
func (p *Policy) covers(cmd string) bool { return p.Command == "all" || p.Command == cmd }

// droppedPolicy remembers a DROP POLICY, which may leave a command uncovered.
type droppedPolicy struct {
	command    string
	permissive bool
	pos        Pos
}

// Index is an index, a unique constraint or a primary key.
type Index struct {
	Name       string
	Columns    []string // "" for an expression
	Unique     bool
	Primary    bool
	Constraint bool // a PRIMARY KEY or UNIQUE constraint, which DROP CONSTRAINT drops
	Pos        Pos
}

// ForeignKey is a foreign key constraint.
type ForeignKey struct {
	Name       string
	Columns    []string
	Ref        QName
	RefColumns []string
	Pos        Pos
}

// Function is a function or procedure; overloads share one entry, the last
// one created.
type Function struct {
	Name            QName
	Language        string
	SecurityDefiner bool
	Body            string // the AS text
	Pos             Pos
	sqlBody         *node // a SQL-standard body (BEGIN ATOMIC … END, RETURN …)
	source          string
	args            string   // input argument types, which tell overloads apart
	argNames        []string // the names of the input arguments that have one
	returns         []string // the output columns, when the definition names them
}

// Role is a CREATE ROLE or ALTER ROLE that grants BYPASSRLS or SUPERUSER.
type Role struct {
	Name      string
	BypassRLS bool
	Superuser bool
	Pos       Pos
}

// Functions returns every function, sorted by name.
func (c *Catalog) Functions() []*Function {
	if c == nil {
		return nil
	}
	fs := make([]*Function, 0, len(c.functions))
	for _, f := range c.functions {
		fs = append(fs, f)
	}
	slices.SortFunc(fs, func(a, b *Function) int { return strings.Compare(a.Name.String(), b.Name.String()) })
	return fs
}

// Roles returns the role statements that grant BYPASSRLS or SUPERUSER.
func (c *Catalog) Roles() []*Role { return c.roles }

// applySecurity applies the statements that concern security rather than
// the shape of tables.
func (c *Catalog) applySecurity(n *node) {
	switch {
	case n.GetCreatePolicyStmt() != nil:
		s := n.GetCreatePolicyStmt()
		if t := c.Table(rangeName(s.Table)); t != nil {
			t.Policies = append(t.Policies, &Policy{Name: s.PolicyName, Command: s.CmdName, Permissive: s.Permissive,
				Roles: roleNames(s.Roles), Pos: c.at, using: s.Qual, check: s.WithCheck})
		}
	case n.GetAlterPolicyStmt() != nil:
		s := n.GetAlterPolicyStmt()
		t := c.Table(rangeName(s.Table))
		if t == nil {
			return
		}
		for _, p := range t.Policies {
			if p.Name != s.PolicyName {
				continue
			}
			p.Pos = c.at
			if len(s.Roles) > 0 {
				p.Roles = roleNames(s.Roles)
			}
			if s.Qual != nil {
				p.using = s.Qual
			}
			if s.WithCheck != nil {
				p.check = s.WithCheck
			}
		}
	case n.GetIndexStmt() != nil:
		s := n.GetIndexStmt()
		var cols []string
		for _, e := range s.IndexParams {
			cols = append(cols, e.GetIndexElem().GetName())
		}
		// An index on a partitioned table is created on its partitions too.
		for i, t := range c.family(s.Relation) {
			if i == 0 || t.partition {
				t.Indexes = append(t.Indexes, &Index{Name: indexName(s.Idxname, t.Name.Name, cols), Columns: cols, Unique: s.Unique, Primary: s.Primary, Pos: c.at})
			}
		}
	case n.GetCreateFunctionStmt() != nil:
		c.createFunction(n)
	case n.GetAlterFunctionStmt() != nil:
		s := n.GetAlterFunctionStmt()
		for _, k := range c.functionsNamed(s.Func) {
			f := c.functions[k]
			for _, a := range s.Actions {
				if d := a.GetDefElem(); d.GetDefname() == "security" {
					f.SecurityDefiner, f.Pos = d.Arg.GetBoolean().GetBoolval(), c.at
				}
			}
		}
	case n.GetCreateRoleStmt() != nil:
		s := n.GetCreateRoleStmt()
		c.role(s.Role, s.Options)
	case n.GetAlterRoleStmt() != nil:
		s := n.GetAlterRoleStmt()
		c.role(roleNames([]*node{{Node: &nodeRoleSpec{RoleSpec: s.Role}}})[0], s.Options)
	}
}

func (c *Catalog) alterSecurity(t *Table, cmd *alterTableCmd) {
	switch cmd.Subtype {
	case atEnableRLS:
		t.RLS = true
	case atDisableRLS:
		t.RLS, t.RLSOff = false, c.at
	case atForceRLS:
		t.ForceRLS = true
	case atNoForceRLS:
		t.ForceRLS, t.ForceOff = false, c.at
	case atSetRelOptions, atResetRelOptions:
		opts := cmd.Def.GetList().GetItems()
		if hasOption(opts, "security_invoker") {
			t.SecurityInvoker = cmd.Subtype == atSetRelOptions && securityInvoker(opts)
		}
	}
}

// renameSecurity applies ALTER POLICY … RENAME and ALTER INDEX … RENAME.
func (c *Catalog) renameSecurity(kind objectType, rv *rangeVar, from, to string) {
	switch kind {
	case objPolicy:
		if t := c.Table(rangeName(rv)); t != nil {
			for _, p := range t.Policies {
				if p.Name == from {
					p.Name = to
				}
			}
		}
	case objIndex:
		q := rangeName(rv)
		for _, t := range c.tables {
			if i := t.index(q.Name); i != nil && t.Name.Schema == q.Schema {
				i.Name = to
			}
		}
	}
}

// indexName is an index's name, or the one PostgreSQL chooses for it.
func indexName(name, table string, cols []string) string {
	if name != "" {
		return name
	}
	parts := []string{table}
	for _, c := range cols {
		if c == "" {
			c = "expr"
		}
		parts = append(parts, c)
	}
	return strings.Join(parts, "_") + "_idx"
}

// drop applies DROP POLICY, DROP INDEX and DROP FUNCTION.
func (c *Catalog) drop(kind objectType, objects []*node) {
	for _, o := range objects {
		switch kind {
		case objPolicy:
			parts := stringList(o.GetList().GetItems())
			if len(parts) < 2 {
				continue
			}
			t := c.Table(partsName(parts[:len(parts)-1]))
			if t == nil {
				continue
			}
			name := parts[len(parts)-1]
			t.dropPolicies(c.at, func(p *Policy) bool { return p.Name == name })
		case objIndex:
			name := listName(o)
			for _, t := range c.tables {
				t.Indexes = slices.DeleteFunc(t.Indexes, func(i *Index) bool {
					return i.Name == name.Name && t.Name.Schema == name.Schema
				})
			}
		case objFunction, objProcedure:
			for _, k := range c.functionsNamed(o.GetObjectWithArgs()) {
				delete(c.functions, k)
			}
		case objSchema:
			// Without CASCADE, PostgreSQL refuses to drop a schema that
			// holds anything, so only a CASCADE changes the catalog.
			schema := o.GetString_().GetSval()
			for q := range c.tables {
				if q.Schema == schema {
					delete(c.tables, q)
				}
			}
			for k := range c.functions {
				if k.name.Schema == schema {
					delete(c.functions, k)
				}
			}
		}
	}
}

func (c *Catalog) createFunction(n *node) {
	s := n.GetCreateFunctionStmt()
	f := &Function{Name: funcName(s.Funcname), Pos: c.at, sqlBody: s.SqlBody, source: c.text, args: paramTypes(s.Parameters)}
	for _, p := range s.Parameters {
		fp := p.GetFunctionParameter()
		switch {
		case fp.GetName() == "":
		case fp.GetMode() == paramOut || fp.GetMode() == paramTable || fp.GetMode() == paramInOut:
			f.returns = append(f.returns, fp.Name)
			if fp.GetMode() == paramInOut {
				f.argNames = append(f.argNames, fp.Name)
			}
		default:
			f.argNames = append(f.argNames, fp.Name)
		}
	}
	// RETURNS orders or SETOF orders returns the table's row type.
	if t := c.Table(partsName(stringList(s.GetReturnType().GetNames()))); t != nil && f.returns == nil {
		f.returns = t.columnNames()
	}
	for _, o := range s.Options {
		d := o.GetDefElem()
		switch d.GetDefname() {
		case "language":
			f.Language = d.Arg.GetString_().GetSval()
		case "security":
			f.SecurityDefiner = d.Arg.GetBoolean().GetBoolval()
		case "as":
			if body := stringList(d.Arg.GetList().GetItems()); len(body) > 0 {
				f.Body = body[0]
			}
		}
	}
	if s.SqlBody != nil {
		f.Language = "sql"
	}
	c.functions[f.key()] = f
}

// key tells overloads apart: the name and the input argument types.
func (f *Function) key() funcKey { return funcKey{f.Name, f.args} }

type funcKey struct {
	name QName
	args string
}

// paramTypes lists the input parameter types of a CREATE FUNCTION as
// ALTER and DROP FUNCTION name them.
func paramTypes(params []*node) string {
	var types []*node
	for _, p := range params {
		fp := p.GetFunctionParameter()
		if fp.GetMode() != paramOut && fp.GetMode() != paramTable {
			types = append(types, &node{Node: &nodeTypeName{TypeName: fp.ArgType}})
		}
	}
	return typeList(types)
}

func typeList(types []*node) string {
	names := make([]string, len(types))
	for i, t := range types {
		parts := stringList(t.GetTypeName().GetNames())
		if len(parts) > 0 {
			names[i] = parts[len(parts)-1]
		}
		// int[] is another type than int, and f(int) and f(int[]) are two
		// overloads; the bounds' sizes and number mean nothing to it.
		if len(t.GetTypeName().GetArrayBounds()) > 0 {
			names[i] += "[]"
		}
	}
	return strings.Join(names, ",")
}

// functionsNamed returns the functions an ALTER or DROP FUNCTION names:
// one overload, or all of them when it gives no argument list.
func (c *Catalog) functionsNamed(o *objectWithArgs) []funcKey {
	name := funcName(o.GetObjname())
	var keys []funcKey
	for k := range c.functions {
		if k.name == name && (o.ArgsUnspecified || k.args == typeList(o.Objargs)) {
			keys = append(keys, k)
		}
	}
	return keys
}

// moveFunctions applies ALTER FUNCTION … RENAME TO and SET SCHEMA to the
// functions that o names: an empty schema or name keeps the old.
func (c *Catalog) moveFunctions(o *objectWithArgs, schema, name string) {
	for _, k := range c.functionsNamed(o) {
		f := c.functions[k]
		delete(c.functions, k)
		if schema != "" {
			f.Name.Schema = schema
		}
		if name != "" {
			f.Name.Name = name
		}
		c.functions[f.key()] = f
	}
}

// role applies CREATE ROLE and ALTER ROLE. The rule judges the final
// state, so a later NOBYPASSRLS takes back an earlier BYPASSRLS.
func (c *Catalog) role(name string, options []*node) {
	i := slices.IndexFunc(c.roles, func(r *Role) bool { return r.Name == name })
	r := &Role{Name: name}
	if i >= 0 {
		r = c.roles[i]
	}
	for _, o := range options {
		d := o.GetDefElem()
		switch d.GetDefname() {
		case "bypassrls":
			r.BypassRLS, r.Pos = d.Arg.GetBoolean().GetBoolval(), c.at
		case "superuser":
			r.Superuser, r.Pos = d.Arg.GetBoolean().GetBoolval(), c.at
		}
	}
	switch {
	case i < 0 && (r.BypassRLS || r.Superuser):
		c.roles = append(c.roles, r)
	case i >= 0 && !r.BypassRLS && !r.Superuser:
		c.roles = slices.Delete(c.roles, i, i+1)
	}
}

// roleNames reads a policy's TO list.
func roleNames(specs []*node) []string {
	var names []string
	for _, s := range specs {
		r := s.GetRoleSpec()
		if r.GetRolename() != "" {
			names = append(names, r.Rolename)
		} else {
			names = append(names, strings.ToLower(strings.TrimPrefix(r.GetRoletype().String(), "ROLESPEC_")))
		}
	}
	return names
}

func funcName(parts []*node) QName { return partsName(stringList(parts)) }

// securityInvoker reads a view's security_invoker option; a bare option
// means true, as in PostgreSQL.
func securityInvoker(options []*node) bool {
	for _, o := range options {
		d := o.GetDefElem()
		if d.GetDefname() != "security_invoker" {
			continue
		}
		switch a := d.Arg; {
		case a == nil:
			return true
		case a.GetInteger() != nil:
			return a.GetInteger().GetIval() != 0
		case a.GetTypeName() != nil: // an unquoted word: yes, on
			return parseBool(strings.Join(stringList(a.GetTypeName().GetNames()), "."))
		default:
			return parseBool(a.GetString_().GetSval())
		}
	}
	return false
}

// parseBool reads a boolean option the way PostgreSQL's parse_bool does:
// true, yes, on, 1 and their unique prefixes.
func parseBool(s string) bool {
	s = strings.ToLower(s)
	switch {
	case s == "":
		return false
	case strings.HasPrefix("true", s), strings.HasPrefix("yes", s), s == "on", s == "1":
		return true
	}
	return false
}

func hasOption(options []*node, name string) bool {
	return slices.ContainsFunc(options, func(o *node) bool { return o.GetDefElem().GetDefname() == name })
}

// reads lists the tables a statement reads or writes. It resolves names
// with the query checker's scope model, so a WITH query named like a table
// hides that table only where PostgreSQL's scoping says it does.
func reads(stmt *node) []QName {
	m := buildModel("", &Tenancy{}, stmt)
	var out []QName
	add := func(r *relation) {
		if r.kind == relTable && !slices.Contains(out, r.name) {
			out = append(out, r.name)
		}
	}
	var walk func(b *block)
	walk = func(b *block) {
		if b == nil {
			return
		}
		for _, r := range b.rels {
			add(r)
		}
		for _, list := range [][]*block{b.before, b.arms, b.after} {
			for _, c := range list {
				walk(c)
			}
		}
	}
	for _, b := range m.roots {
		walk(b)
	}
	for _, ins := range m.inserts {
		add(ins.target)
	}
	for _, r := range m.truncates {
		add(r)
	}
	return out
}
