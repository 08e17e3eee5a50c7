package analyzer

import (
	"go/ast"
	"go/constant"
	"go/types"
	"slices"
	"strconv"
	"strings"
)

// gorm (gorm.io/gorm) chains methods of *gorm.DB and runs the statement at
// a finisher:
//
//	db.WithContext(ctx).Model(&Order{}).Where("status = ?", s).Find(&orders)
//	db.First(&order, id) // SELECT * FROM orders WHERE id = ? LIMIT 1
//
// The table is the one Table names, else the model's (Model, or the
// destination or value of the finisher): its TableName method when that
// returns a constant, else gorm's naming, the snake-case plural of the type
// name. A struct's columns are its fields' `gorm:"column:…"` tags, else
// their snake-case names. Raw and Exec are query sites of their own.
//
// A *gorm.DB may carry clauses, but one that comes from outside the
// function (a parameter, a field, a call, the tx of Transaction) is taken
// as a connection without any: a handle scoped ahead of time and passed
// around is not seen, and its queries are reported. Unknown, and so silent:
// a condition that is a variable, an association join (Joins("Company")),
// Clauses, Create or Save of anything but a literal, a model with a
// BeforeCreate or BeforeSave hook (which may set the tenant).
type gormLib struct{ *chainEval }

func newGorm(ev *chainEval) builderLib { return gormLib{ev} }

// gormFinishers run the statement; the rest of the methods modelled chain.
var gormFinishers = map[string]bool{
	"Find": true, "First": true, "Take": true, "Last": true, "Scan": true, "Count": true, "Pluck": true,
	"Row": true, "Rows": true, "Update": true, "Updates": true, "UpdateColumn": true, "UpdateColumns": true,
	"Delete": true, "Create": true, "Save": true,
}

// gormNarrows only narrow, order or shape the result; Or widens, and
// Session may drop every clause.
var gormNarrows = map[string]bool{
	"Where": true, "Not": true, "Order": true, "Group": true, "Having": true, "Limit": true, "Offset": true,
	"Distinct": true, "Select": true, "Omit": true, "Preload": true, "Unscoped": true, "Debug": true,
	"WithContext": true,
}

func (ev gormLib) run(fn *types.Func, call *ast.CallExpr) (string, bool, bool) {
	if !gormFinishers[fn.Name()] || recvType(fn.Signature()) == nil || recvType(fn.Signature()).Name() != "DB" {
		return "", false, false
	}
	s, ok := ev.builder(call)
	if s.Kind == "raw" {
		return "", false, false // checked where Raw is called
	}
	if !ok {
		return "", false, true
	}
	sql, ok := s.render()
	return sql, ok, true
}

func (gormLib) start(types.Object, *ast.CallExpr) (chainStmt, bool) { return chainStmt{}, false }

func (ev gormLib) method(s chainStmt, recv, name string, call *ast.CallExpr) (chainStmt, bool) {
	if recv != "DB" {
		return s, false
	}
	if s.Kind == "raw" {
		return s, true // Raw(…).Scan(…): the SQL is Raw's
	}
	args := call.Args
	if call.Ellipsis.IsValid() && name != "Scopes" {
		return s, false
	}
	arg := func(i int) ast.Expr { return argAt(args, i) }
	var ok bool
	switch name {
	case "WithContext", "Debug", "Begin", "Unscoped", "Order", "Preload", "Omit", "Distinct":
		return s, true
	case "Session":
		// Session(&gorm.Session{NewDB: true}) drops the clauses; any
		// other keeps them.
		if lit, isLit := structLit(arg(0)); isLit {
			for _, elt := range lit.Elts {
				if kv, isKV := elt.(*ast.KeyValueExpr); isKV {
					if k, _ := kv.Key.(*ast.Ident); k != nil && k.Name == "NewDB" {
						tv := ev.info.Types[kv.Value]
						if tv.Value != nil && constant.BoolVal(tv.Value) {
							return chainStmt{}, true
						}
						return s, tv.Value != nil
					}
				}
			}
			return s, true
		}
		return s, false
	case "Raw":
		return chainStmt{Kind: "raw"}, true
	case "Model":
		s.Model, ok = ev.modelTable(ev.info.TypeOf(arg(0)))
		s.Keys = ev.pkConds(arg(0))
		return s, ok
	case "Table":
		s.Table, ok = ev.constString(arg(0))
		return s, ok && len(args) == 1
	case "Where", "Not", "Having":
		var conds []string
		conds, ok = ev.conditions(args)
		if !ok || len(conds) == 0 {
			return s, ok
		}
		cond := strings.Join(conds, " AND ")
		switch name {
		case "Not":
			s.Wheres = chainAppend(s.Wheres, "NOT ("+cond+")")
		case "Where":
			s.Wheres = chainAppend(s.Wheres, cond)
		default:
			s.Havings = chainAppend(s.Havings, cond)
		}
		return s, true
	case "Or":
		// gorm writes a.Where(x).Or(y) as x OR y: the conjuncts so far,
		// then OR. On no conjunct it moves the next Where in front, which
		// is not followed.
		var conds []string
		if conds, ok = ev.conditions(args); !ok || len(conds) == 0 {
			return s, ok
		}
		if len(s.Wheres) == 0 {
			return s, false
		}
		s.Wheres = []string{strings.Join(s.Wheres, " AND ") + " OR " + gormParen(strings.Join(conds, " AND "))}
		return s, true
	case "Joins", "InnerJoins":
		text, isConst := ev.constString(arg(0))
		if !isConst || !strings.Contains(strings.TrimSpace(text), " ") {
			return s, false // an association, joined by its schema
		}
		var join string
		join, ok = ev.expandArgs(text, args[1:])
		if name == "InnerJoins" && !strings.Contains(strings.ToUpper(join), "JOIN") {
			join = "INNER JOIN " + join
		}
		s.Joins = chainAppend(s.Joins, join)
		return s, ok
	case "Select":
		if text, isConst := ev.constString(arg(0)); isConst && len(args) == 1 {
			s.Columns = []string{text}
		}
		return s, true
	case "Group":
		if text, isConst := ev.constString(arg(0)); isConst {
			s.GroupBys = chainAppend(s.GroupBys, text)
		}
		return s, true
	case "Limit", "Offset":
		if name == "Limit" {
			s.Limit = true
		} else {
			s.Offset = true
		}
		return s, true
	case "Scopes":
		if call.Ellipsis.IsValid() {
			return s, false
		}
		for _, a := range args {
			d, ok := ev.scope(a)
			if !ok {
				return s, false
			}
			s = s.extend(d)
		}
		return s, true
	}
	if gormFinishers[name] {
		return ev.finish(s, name, args)
	}
	return s, false
}

// finish returns the statement that finisher name runs on s.
func (ev gormLib) finish(s chainStmt, name string, args []ast.Expr) (chainStmt, bool) {
	arg := func(i int) ast.Expr { return argAt(args, i) }
	// The destination or value names the table, and for a write its row,
	// when nothing else does.
	target := func(e ast.Expr) bool {
		if s.Table != "" || s.Model != "" {
			return true
		}
		var ok bool
		s.Model, ok = ev.modelTable(ev.info.TypeOf(e))
		s.Keys = ev.pkConds(e)
		return ok
	}
	write := func() { s.Wheres = chainAppend(s.Wheres, s.Keys...) }
	inline := func(conds []ast.Expr) bool {
		if len(conds) == 0 {
			return true
		}
		c, ok := ev.inlineConditions(conds)
		if ok && c != "" {
			s.Wheres = chainAppend(s.Wheres, c)
		}
		return ok
	}
	switch name {
	case "Find", "First", "Take", "Last", "Scan", "Row", "Rows":
		s.Kind = "select"
		if len(s.Columns) == 0 {
			s.Columns = []string{"*"}
		}
		if name == "First" || name == "Take" || name == "Last" {
			s.Limit = true
		}
		if name == "Row" || name == "Rows" {
			return s, s.Table != "" || s.Model != ""
		}
		return s, target(arg(0)) && inline(args[min(1, len(args)):])
	case "Count", "Pluck":
		s.Kind = "select"
		s.Columns = []string{"count(*)"}
		if name == "Pluck" {
			col, ok := ev.constString(arg(0))
			if !ok {
				return s, false
			}
			s.Columns = []string{col}
		}
		return s, s.Table != "" || s.Model != ""
	case "Update", "UpdateColumn":
		col, ok := ev.constString(arg(0))
		if !ok {
			return s, false
		}
		val, ok := ev.value(arg(1))
		s.Kind = "update"
		s.Sets = chainAppend(s.Sets, col+" = "+val)
		write()
		return s, ok && (s.Table != "" || s.Model != "")
	case "Updates", "UpdateColumns":
		cols, ok := ev.assigned(arg(0), false)
		if !ok || len(cols) == 0 || !target(arg(0)) {
			return s, false
		}
		s.Kind = "update"
		for _, c := range cols {
			s.Sets = chainAppend(s.Sets, c+" = ?")
		}
		write()
		return s, true
	case "Delete":
		s.Kind = "delete"
		if !target(arg(0)) || !inline(args[min(1, len(args)):]) {
			return s, false
		}
		write()
		return s, true
	case "Create", "Save":
		return ev.create(s, name, arg(0))
	}
	return s, false
}

// create returns the INSERT that Create or Save runs for value: the
// columns a struct or map literal sets. Save of a literal with its primary
// key set updates that row instead.
func (ev gormLib) create(s chainStmt, name string, value ast.Expr) (chainStmt, bool) {
	if s.Table == "" && s.Model == "" {
		var ok bool
		if s.Model, ok = ev.modelTable(ev.info.TypeOf(value)); !ok {
			return s, false
		}
	}
	if named, _ := modelOf(ev.info.TypeOf(value)); named != nil && hasMethod(named, "BeforeCreate", "BeforeSave") {
		return s, false // a hook may set the tenant
	}
	cols, ok := ev.assigned(value, true)
	if !ok || len(cols) == 0 {
		return s, false
	}
	if pk := ev.pkConds(value); name == "Save" && len(pk) > 0 {
		s.Kind = "update"
		for _, c := range cols {
			s.Sets = chainAppend(s.Sets, c+" = ?")
		}
		s.Wheres = chainAppend(s.Wheres, pk...)
		return s, true
	}
	s.Kind = "insert"
	s.Columns = cols
	s.Rows = []chainRow{{Values: slices.Repeat([]string{"?"}, len(cols))}}
	return s, true
}

// modelTable returns the table of the model type t.
func (ev gormLib) modelTable(t types.Type) (string, bool) {
	named, st := modelOf(t)
	if named == nil || st == nil || ev.owns(named.Obj().Pkg()) {
		return "", false
	}
	if name, ok, known := tableName(ev.chainEval, named); ok {
		return name, known
	}
	return plural(snake(named.Obj().Name())), true
}

// gormColumn is the column of a model field.
func gormColumn(f modelField) string {
	for _, part := range strings.Split(f.tag.Get("gorm"), ";") {
		if k, v, ok := strings.Cut(part, ":"); ok && strings.EqualFold(strings.TrimSpace(k), "column") {
			return strings.TrimSpace(v)
		}
	}
	return snake(f.v.Name())
}

func gormIgnored(f modelField) bool {
	tag := f.tag.Get("gorm")
	return tag == "-" || strings.HasPrefix(tag, "-:")
}

// pkConds returns the primary-key conditions that gorm adds for a model
// value that is not a literal, or a literal that sets its key: the value
// names its row.
func (ev gormLib) pkConds(e ast.Expr) []string {
	named, st := modelOf(ev.info.TypeOf(e))
	if named == nil {
		return nil
	}
	if _, isSlice := types.Unalias(ev.info.TypeOf(e)).Underlying().(*types.Slice); isSlice {
		return nil
	}
	fields := modelFields(st, gormIgnored)
	var pks []modelField
	for _, f := range fields {
		if strings.Contains(strings.ToLower(f.tag.Get("gorm")), "primarykey") ||
			strings.Contains(strings.ToLower(f.tag.Get("gorm")), "primary_key") {
			pks = append(pks, f)
		}
	}
	if len(pks) == 0 {
		if f, ok := fieldByName(fields, "ID"); ok {
			pks = append(pks, f)
		}
	}
	lit, isLit := structLit(e)
	var conds []string
	for _, f := range pks {
		if isLit && !litSets(ev.info, lit, f.v.Name()) {
			continue
		}
		conds = append(conds, gormColumn(f)+" = ?")
	}
	return conds
}

// litSets reports whether lit gives field a value that is not a constant
// zero.
func litSets(info *types.Info, lit *ast.CompositeLit, field string) bool {
	for _, elt := range lit.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if k, isID := kv.Key.(*ast.Ident); ok && isID && k.Name == field {
			return !isZeroConst(info, kv.Value)
		}
	}
	return false
}

func isZeroConst(info *types.Info, e ast.Expr) bool {
	tv, ok := info.Types[e]
	if !ok {
		return false
	}
	if tv.IsNil() {
		return true
	}
	if tv.Value == nil {
		return false
	}
	switch tv.Value.Kind() {
	case constant.String:
		return constant.StringVal(tv.Value) == ""
	case constant.Bool:
		return !constant.BoolVal(tv.Value)
	case constant.Int, constant.Float:
		return constant.Sign(tv.Value) == 0
	}
	return false
}

// assigned returns the columns that a struct or map literal gives values:
// every keyed field of a struct that is not a constant zero, as gorm skips
// zero fields in Updates, or every field when all (Create writes zeros
// too, but only the literal's fields are known to be meant).
func (ev gormLib) assigned(e ast.Expr, all bool) ([]string, bool) {
	lit, ok := structLit(e)
	if !ok {
		return nil, false
	}
	if m, isMap := ev.info.TypeOf(lit).Underlying().(*types.Map); isMap {
		if !isString(m.Key()) {
			return nil, false
		}
		keys, _, ok := ev.mapKeys(lit)
		return keys, ok
	}
	_, st := modelOf(ev.info.TypeOf(lit))
	if st == nil {
		return nil, false
	}
	return ev.literalColumns(lit, st, all, true)
}

// literalColumns returns the columns of the keyed fields of a struct
// literal of st, but those that hold a constant zero unless zeros. A field
// that is not a column, such as an embedded gorm.Model{…} (its key and
// times), is skipped when skipOthers and makes the literal unknown
// otherwise.
func (ev gormLib) literalColumns(lit *ast.CompositeLit, st *types.Struct, zeros, skipOthers bool) ([]string, bool) {
	fields := modelFields(st, nil)
	var cols []string
	for _, elt := range lit.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if !ok {
			return nil, false
		}
		k, _ := kv.Key.(*ast.Ident)
		f, found := fieldByName(fields, k.Name)
		if !found {
			if _, embedded := modelOf(ev.info.TypeOf(kv.Value)); skipOthers && embedded != nil {
				continue
			}
			return nil, false
		}
		if gormIgnored(f) || !zeros && isZeroConst(ev.info, kv.Value) {
			continue
		}
		cols = append(cols, gormColumn(f))
	}
	return cols, true
}

// conditions renders the arguments of Where, Or, Not or Having as gorm's
// BuildCondition reads them: a string with arguments, a column name and
// its value, a struct or map literal of conditions.
func (ev gormLib) conditions(args []ast.Expr) ([]string, bool) {
	if len(args) == 0 {
		return nil, false
	}
	q := args[0]
	if text, ok := ev.constString(q); ok {
		if _, err := strconv.Atoi(text); err != nil {
			rest := args[1:]
			switch {
			case text == "" && len(rest) == 0:
				return nil, true
			case len(rest) == 0 || strings.Contains(text, "?") || strings.Contains(text, "@") ||
				strings.Contains(strings.TrimSpace(text), " "):
				sql, ok := ev.expandArgs(text, rest)
				return []string{gormParen(sql)}, ok
			case len(rest) == 1:
				return []string{text + " " + ev.eq(rest[0])}, true
			}
		}
		return nil, false
	}
	if !isString(ev.info.TypeOf(q)) {
		return ev.valueConditions(q, args[1:])
	}
	return nil, false
}

// inlineConditions renders the conditions given to a finisher (First(&o,
// id)): conditions as Where reads them, or primary-key values.
func (ev gormLib) inlineConditions(conds []ast.Expr) (string, bool) {
	q := conds[0]
	if text, ok := ev.constString(q); ok {
		if _, err := strconv.Atoi(text); err == nil && len(conds) == 1 {
			return "id = ?", true
		}
	}
	if isString(ev.info.TypeOf(q)) {
		if _, ok := ev.constString(q); !ok {
			return "", false // a key or a condition, told at run time
		}
	}
	c, ok := ev.conditions(conds)
	return strings.Join(c, " AND "), ok
}

// valueConditions renders a condition that is not a string: a struct or
// map literal, or primary-key values.
func (ev gormLib) valueConditions(q ast.Expr, rest []ast.Expr) ([]string, bool) {
	t := ev.info.TypeOf(q)
	if lit, ok := structLit(q); ok && !isList(t) {
		if m, isMap := t.Underlying().(*types.Map); isMap {
			if !isString(m.Key()) {
				return nil, false
			}
			keys, vals, ok := ev.mapKeys(lit)
			if !ok {
				return nil, false
			}
			conds := make([]string, len(keys))
			for i, k := range keys {
				conds[i] = k + " " + ev.eq(vals[k])
			}
			return conds, true
		}
		if named, st := modelOf(t); named != nil && len(rest) == 0 {
			conds, ok := ev.literalColumns(lit, st, false, false)
			for i := range conds {
				conds[i] += " = ?"
			}
			return conds, ok
		}
		return nil, false
	}
	if named, _ := modelOf(t); named != nil || len(rest) > 0 {
		return nil, false // a struct whose fields are told at run time
	}
	if b, ok := t.Underlying().(*types.Basic); ok && b.Info()&(types.IsNumeric|types.IsString) != 0 {
		return []string{"id = ?"}, true
	}
	if n, isList := ev.listLen(q); isList {
		return []string{"id IN (" + strings.TrimSuffix(strings.Repeat("?,", max(n, 1)), ",") + ")"}, true
	}
	return []string{"id = ?"}, true // a key type of its own, such as a UUID
}

// eq renders "= ?" for a value, or "IN (…)" for a list.
func (ev gormLib) eq(v ast.Expr) string {
	if n, isList := ev.listLen(v); isList {
		return "IN (" + strings.TrimSuffix(strings.Repeat("?,", max(n, 1)), ",") + ")"
	}
	if ev.info.Types[v].IsNil() {
		return "IS NULL"
	}
	return "= ?"
}

// value renders a value of Update: a subquery for a *gorm.DB, else a
// placeholder.
func (ev gormLib) value(e ast.Expr) (string, bool) {
	if ev.isBuilder(ev.info.TypeOf(e)) {
		return ev.subquery(e)
	}
	return "?", true
}

// subquery renders a *gorm.DB given as a value, which gorm writes as its
// SELECT in parentheses.
func (ev gormLib) subquery(e ast.Expr) (string, bool) {
	sub, ok := ev.builder(e)
	if !ok {
		return "", false
	}
	sub.Kind = "select"
	if len(sub.Columns) == 0 {
		sub.Columns = []string{"*"}
	}
	sql, ok := sub.render()
	return "(" + sql + ")", ok
}

// expandArgs writes a condition's ? for each argument as gorm binds it: a
// slice as a list, a *gorm.DB as its subquery. Named arguments (@name) are
// left as they are, for the checker to number.
func (ev gormLib) expandArgs(text string, args []ast.Expr) (string, bool) {
	if strings.Count(text, "?") != len(args) {
		return text, !slices.ContainsFunc(args, func(a ast.Expr) bool { return ev.isBuilder(ev.info.TypeOf(a)) })
	}
	var b strings.Builder
	for _, a := range args {
		i := strings.IndexByte(text, '?')
		b.WriteString(text[:i])
		text = text[i+1:]
		switch n, isList := ev.listLen(a); {
		case ev.isBuilder(ev.info.TypeOf(a)):
			sql, ok := ev.subquery(a)
			if !ok {
				return "", false
			}
			b.WriteString(sql)
		case isList:
			b.WriteString("(" + strings.TrimSuffix(strings.Repeat("?,", max(n, 1)), ",") + ")")
		default:
			b.WriteString("?")
		}
	}
	b.WriteString(text)
	return b.String(), true
}

// gormParen wraps a condition that holds AND or OR, as gorm does when it
// joins conditions.
func gormParen(sql string) string {
	up := strings.ToUpper(sql)
	if strings.Contains(up, " AND ") || strings.Contains(up, " OR ") {
		return "(" + sql + ")"
	}
	return sql
}

func (gormLib) narrows(name string) bool { return gormNarrows[name] }

// A *gorm.DB that a chain method returns shares its statement with the
// receiver once the receiver is not a fresh handle, so a dropped result
// still changes it.
func (gormLib) inPlace(name string) bool { return !gormFinishers[name] }

func (gormLib) reads(*types.Func) bool { return true }

func (gormLib) bare(name string) bool {
	switch name {
	case "WithContext", "Debug", "Begin", "Session", "Unscoped":
		return true
	}
	return false
}

func (gormLib) constantsOnly() bool { return false }

func (ev gormLib) isBuilder(t types.Type) bool { return ev.named(t) == "DB" && isPointer(t) }

func (ev gormLib) handle(t types.Type) (bool, bool) { return ev.isBuilder(t), false }

func isList(t types.Type) bool {
	switch types.Unalias(t).Underlying().(type) {
	case *types.Slice, *types.Array:
		return true
	}
	return false
}

func isPointer(t types.Type) bool {
	_, ok := types.Unalias(t).(*types.Pointer)
	return ok
}
