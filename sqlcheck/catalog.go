package sqlcheck

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/tenantvet/tenantvet/internal/oneline"
)

// QName is a relation name as PostgreSQL stores it: identifiers already
// folded, and the schema always filled in.
type QName struct{ Schema, Name string }

// qname resolves an unqualified name the way PostgreSQL does with the
// default search_path.
func qname(schema, name string) QName {
	if schema == "" {
		schema = "public"
	}
	return QName{schema, name}
}

// ParseQName reads a config-file name such as "orders", "billing.orders" or
// `"Order"`. Names are taken as PostgreSQL stores them; quotes are only
// stripped, never needed.
func ParseQName(s string) QName {
	// The schema ends at the first dot outside double quotes.
	quoted := false
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '"':
			quoted = !quoted
		case s[i] == '.' && !quoted:
			return qname(unquote(s[:i]), unquote(s[i+1:]))
		}
	}
	return qname("", unquote(s))
}

func unquote(s string) string {
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		return strings.ReplaceAll(s[1:len(s)-1], `""`, `"`)
	}
	return s
}

func (q QName) String() string {
	if q.Schema == "public" {
		return q.Name
	}
	return q.Schema + "." + q.Name
}

// Pos is where a migration statement starts: a file and a byte offset.
type Pos struct {
	File   string
	Offset int
}

// Table is a table, view or materialized view in the replayed schema.
type Table struct {
	Name    QName
	Columns []*Column
	View    bool // a view or materialized view
	Created Pos

	// Row-level security, and the statements that last switched it off.
	RLS, ForceRLS    bool
	RLSOff, ForceOff Pos
	Policies         []*Policy
	Indexes          []*Index // unique constraints and primary keys too
	ForeignKeys      []*ForeignKey
	Materialized     bool
	SecurityInvoker  bool    // a view's security_invoker option
	Reads            []QName // the relations a view's query reads
	grants           []Grant // sorted by grantee and privilege
	droppedPolicies  []droppedPolicy
	query            *node    // a view's query, which viewGaps judges
	parents          []*Table // PARTITION OF and INHERITS
	partition        bool     // PARTITION OF, which also takes its parent's keys and indexes
}

// Column is one column of a Table.
type Column struct {
	Name    string
	NotNull bool
	Pos     Pos            // where it was added or its nullability last changed
	def     *columnDefault // nil: an insert that leaves it out stores NULL
	// local and inherited are PostgreSQL's attislocal and attinhcount: a
	// column that the table defines itself, or that it inherits from
	// this many parents, survives its parents' DROP COLUMN while either
	// remains.
	local     bool
	inherited int
}

// Column returns the named column, or nil.
func (t *Table) Column(name string) *Column {
	for _, c := range t.Columns {
		if c.Name == name {
			return c
		}
	}
	return nil
}

func (t *Table) columnNames() []string {
	names := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		names[i] = c.Name
	}
	return names
}

// Catalog is the schema that a sequence of migrations leaves behind. It is
// built by applying each statement in order, as sqlc's catalog is.
type Catalog struct {
	tables    map[QName]*Table
	functions map[funcKey]*Function
	roles     []*Role
	defaults  []defaultGrant // ALTER DEFAULT PRIVILEGES … ON TABLES
	files     []MigrationFile
	// at is the statement being applied, which everything it creates
	// records as its position, and text is its SQL.
	at    Pos
	text  string
	stmts map[Pos]string // every statement's text, for fingerprints
	// queriesOnly marks a catalog decoded from a query model, which lacks
	// what the migration rules judge; calls are its policies' function
	// calls (policyCalls), which the model keeps.
	queriesOnly bool
	calls       []QName
	// settings, mentioned and setterList are policySettings', mentions'
	// and setters' answers, which the model keeps too.
	settings, mentioned []string
	setterList          []setter
}

// NewCatalog returns an empty catalog.
func NewCatalog() *Catalog {
	return &Catalog{tables: map[QName]*Table{}, functions: map[funcKey]*Function{}, stmts: map[Pos]string{}}
}

// Table returns the named relation, or nil.
func (c *Catalog) Table(q QName) *Table {
	if c == nil {
		return nil
	}
	return c.tables[q]
}

// Source returns the up SQL of a replayed migration file, whose offsets
// are the file's own.
func (c *Catalog) Source(path string) string {
	for _, f := range c.files {
		if f.Path == path {
			return f.SQL
		}
	}
	return ""
}

// Tables returns every relation, sorted by name.
func (c *Catalog) Tables() []*Table {
	if c == nil {
		return nil
	}
	ts := make([]*Table, 0, len(c.tables))
	for _, t := range c.tables {
		ts = append(ts, t)
	}
	slices.SortFunc(ts, func(a, b *Table) int {
		return strings.Compare(a.Name.Schema+"."+a.Name.Name, b.Name.Schema+"."+b.Name.Name)
	})
	return ts
}

// MigrationError is a migration file that cannot be replayed: one that does
// not parse or that PostgreSQL would reject, or, in a pop directory, a fizz
// file or a template.
type MigrationError struct {
	Path      string
	Line, Col int
	Msg       string
}

// Error is one line: the parser's message quotes the SQL it stopped at.
func (e *MigrationError) Error() string {
	return oneline.Escape(fmt.Sprintf("%s:%d:%d: %s", e.Path, e.Line, e.Col, e.Msg))
}

// LoadCatalog replays files in order. A file that does not parse is a
// *MigrationError that names it.
func LoadCatalog(files []MigrationFile) (*Catalog, error) {
	c := NewCatalog()
	for _, f := range files {
		stmts, err := parse(f.SQL)
		if err != nil {
			var pe *ParseError
			errors.As(err, &pe)
			line, col := LineCol(f.SQL, pe.Pos)
			return nil, &MigrationError{Path: f.Path, Line: line, Col: col, Msg: "migration does not parse: " + pe.Msg}
		}
		for _, s := range stmts {
			c.at, c.text = Pos{f.Path, tokenStart(f.SQL, s.pos)}, f.SQL[s.pos:s.end]
			c.stmts[c.at] = c.text
			if err := c.apply(s.node); err != nil {
				line, col := LineCol(f.SQL, c.at.Offset)
				return nil, &MigrationError{Path: f.Path, Line: line, Col: col, Msg: err.Error() + ", so PostgreSQL rejects this statement"}
			}
		}
	}
	c.files = files
	return c, nil
}

// apply changes the catalog as PostgreSQL would for one statement.
// Statements that do not change tables, columns or views are skipped, and so
// are changes to relations the catalog does not know, because a migration
// set often starts from a schema created elsewhere. A statement that
// PostgreSQL rejects for what the catalog knows is an error: replaying it
// any way would model a schema that no database has.
func (c *Catalog) apply(n *node) error {
	switch x := n.Node.(type) {
	case *nodeCreate:
		c.create(x.CreateStmt)
	case *nodeAlterTable:
		for i, t := range c.family(x.AlterTableStmt.Relation) {
			for _, cmd := range x.AlterTableStmt.Cmds {
				switch {
				case i == 0:
					c.alter(t, cmd.GetAlterTableCmd(), !x.AlterTableStmt.Relation.Inh)
				case reachesChild(cmd.GetAlterTableCmd(), t):
					c.alter(t, cmd.GetAlterTableCmd(), false)
				}
			}
		}
	case *nodeRename:
		return c.rename(x.RenameStmt)
	case *nodeAlterSchema:
		if s := x.AlterObjectSchemaStmt; s.Relation != nil {
			if t := c.Table(rangeName(s.Relation)); t != nil {
				c.move(t, QName{s.Newschema, t.Name.Name})
			}
		} else if s.ObjectType == objFunction || s.ObjectType == objProcedure {
			c.moveFunctions(s.Object.GetObjectWithArgs(), s.Newschema, "")
		}
	case *nodeDrop:
		switch x.DropStmt.RemoveType {
		case objTable, objView, objMatview:
			for _, o := range x.DropStmt.Objects {
				c.dropTable(listName(o), x.DropStmt.Behavior == dropCascade)
			}
		default:
			c.drop(x.DropStmt.RemoveType, x.DropStmt.Objects)
		}
	case *nodeView:
		v := x.ViewStmt
		t := c.derivedTable(rangeName(v.View), stringList(v.Aliases), v.Query)
		t.SecurityInvoker = securityInvoker(v.Options)
		if old := c.tables[t.Name]; old != nil { // OR REPLACE keeps the privileges
			t.grants = old.grants
		} else {
			c.created(t)
		}
		c.tables[t.Name] = t
	case *nodeGrant:
		c.grant(x.GrantStmt)
	case *nodeDefaultPriv:
		c.defaultPrivileges(x.AlterDefaultPrivilegesStmt)
	case *nodeCreateAs:
		s := x.CreateTableAsStmt
		if s.Into == nil || s.Into.Rel == nil {
			return nil
		}
		q := rangeName(s.Into.Rel)
		if s.IfNotExists && c.tables[q] != nil {
			return nil
		}
		t := c.derivedTable(q, stringList(s.Into.ColNames), s.Query)
		t.View, t.Materialized = s.Objtype == objMatview, s.Objtype == objMatview
		c.created(t)
		c.tables[q] = t
	default:
		c.applySecurity(n)
	}
	return nil
}

// rename applies ALTER TABLE … RENAME, of a column or of the relation.
func (c *Catalog) rename(s *renameStmt) error {
	switch s.RenameType {
	case objColumn:
		family := c.family(s.Relation)
		for _, t := range family {
			if t.Column(s.Subname) != nil && t.Column(s.Newname) != nil {
				return fmt.Errorf("column %q of relation %q already exists", s.Newname, t.Name.String())
			}
		}
		for _, t := range family {
			c.renameColumn(t, s.Subname, s.Newname)
		}
	case objTable, objView, objMatview:
		if t := c.Table(rangeName(s.Relation)); t != nil {
			to := QName{t.Name.Schema, s.Newname}
			if c.tables[to] != nil {
				return fmt.Errorf("relation %q already exists", to.String())
			}
			c.move(t, to)
		}
	case objFunction, objProcedure:
		c.moveFunctions(s.Object.GetObjectWithArgs(), "", s.Newname)
	default:
		c.renameSecurity(s.RenameType, s.Relation, s.Subname, s.Newname)
	}
	return nil
}

func (c *Catalog) create(s *createStmt) {
	q := rangeName(s.Relation)
	if s.IfNotExists && c.tables[q] != nil {
		return
	}
	t := &Table{Name: q, Created: c.at}
	// PARTITION OF, INHERITS and LIKE all copy the parent's columns first.
	t.partition = s.Partbound != nil
	for _, p := range s.InhRelations {
		if parent := c.Table(rangeName(p.GetRangeVar())); parent != nil {
			t.inherit(parent)
			if t.partition {
				for _, i := range parent.Indexes {
					cp := *i
					t.Indexes = append(t.Indexes, &cp)
				}
			}
		}
	}
	// Table constraints apply once every column exists, wherever they are
	// written.
	var constraints []*node
	var likes []*Table
	for _, e := range s.TableElts {
		switch x := e.Node.(type) {
		case *nodeColumnDef:
			c.addColumn(t, x.ColumnDef)
		case *nodeConstraint:
			constraints = append(constraints, e)
		default:
			if like := e.GetTableLikeClause(); like != nil {
				if src := c.Table(rangeName(like.Relation)); src != nil {
					t.Columns = append(t.Columns, copyColumns(src, like.Options)...)
					if like.Options&likeIndexes != 0 {
						likes = append(likes, src)
					}
				}
			}
		}
	}
	for _, con := range constraints {
		c.constraint(t, con.GetConstraint(), nil)
	}
	// LIKE … INCLUDING INDEXES copies indexes, keys among them, once the
	// table exists, under the names PostgreSQL chooses for the new table.
	for _, src := range likes {
		for _, i := range src.Indexes {
			cp := *i
			cp.Columns, cp.Pos = slices.Clone(i.Columns), c.at
			switch {
			case i.Primary:
				cp.Name = constraintName("", q.Name, nil, "pkey")
			case i.Constraint:
				cp.Name = constraintName("", q.Name, i.Columns, "key")
			default:
				cp.Name = indexName("", q.Name, i.Columns)
			}
			t.Indexes = append(t.Indexes, &cp)
		}
	}
	c.created(t)
	c.tables[q] = t
}

// copyColumns copies the columns of t for LIKE, as the new table's own.
func copyColumns(t *Table, options uint32) []*Column {
	cols := make([]*Column, len(t.Columns))
	for i, c := range t.Columns {
		cp := *c
		cp.local, cp.inherited = true, 0
		cp.def = likeDefault(c.def, options)
		cols[i] = &cp
	}
	return cols
}

// addColumn adds a column with its column constraints, or for a column
// inherited from a parent, merges the definition into it as PostgreSQL does.
func (c *Catalog) addColumn(t *Table, def *columnDef) {
	col := t.Column(def.Colname)
	if col == nil {
		col = &Column{Name: def.Colname, Pos: c.at}
		t.Columns = append(t.Columns, col)
	}
	col.local = true
	col.NotNull = col.NotNull || def.IsNotNull || isSerial(def)
	if d := c.columnDefaultOf(def); d != nil {
		col.def = d
	}
	for _, n := range def.Constraints {
		switch con := n.GetConstraint(); con.GetContype() {
		case constrNotNull, constrIdentity:
			col.NotNull = true
		default:
			c.constraint(t, con, col)
		}
	}
}

// isSerial reports a serial column, which PostgreSQL makes NOT NULL.
func isSerial(def *columnDef) bool {
	names := stringList(def.GetTypeName().GetNames())
	return len(names) == 1 && slices.Contains([]string{"smallserial", "serial", "bigserial", "serial2", "serial4", "serial8"}, names[0])
}

// reachesChild reports whether an ALTER TABLE command on a parent changes
// its partitions and inheriting children too. Columns always do; keys do
// for partitions; row-level security switches and options never do.
func reachesChild(cmd *alterTableCmd, child *Table) bool {
	switch cmd.GetSubtype() {
	case atSetNotNull, atDropNotNull, atColumnDefault, atDropExpression:
		return true
	case atAddConstraint, atDropConstraint:
		return child.partition
	}
	return false
}

// constraint applies a table constraint, or a column constraint of col: a
// primary key makes its columns NOT NULL, and keys are recorded for the
// migration rules.
func (c *Catalog) constraint(t *Table, con *constraint, col *Column) {
	keys := stringList(con.Keys)
	if col != nil {
		keys = []string{col.Name}
	}
	switch con.Contype {
	case constrPrimary, constrUnique:
		primary := con.Contype == constrPrimary
		idx := t.index(con.Indexname)
		if con.Indexname == "" || idx == nil {
			suffix := "key"
			if primary {
				suffix = "pkey"
			}
			idx = &Index{Name: constraintName(con.Conname, t.Name.Name, keys, suffix), Columns: keys, Unique: true, Pos: c.at}
			t.Indexes = append(t.Indexes, idx)
		}
		idx.Primary, idx.Constraint = primary, true
		for _, k := range idx.Columns {
			if kc := t.Column(k); kc != nil && primary {
				kc.NotNull = true
			}
		}
	case constrForeign:
		from := stringList(con.FkAttrs)
		if col != nil {
			from = []string{col.Name}
		}
		t.ForeignKeys = append(t.ForeignKeys, &ForeignKey{Name: constraintName(con.Conname, t.Name.Name, from, "fkey"),
			Columns: from, Ref: rangeName(con.Pktable), RefColumns: stringList(con.PkAttrs), Pos: c.at})
	}
}

// constraintName is a constraint's name, or the one PostgreSQL chooses for
// it: orders_pkey, orders_email_key, orders_customer_id_fkey.
func constraintName(name, table string, cols []string, suffix string) string {
	if name != "" {
		return name
	}
	if suffix == "pkey" {
		return table + "_pkey"
	}
	return strings.Join(append([]string{table}, cols...), "_") + "_" + suffix
}

// index returns the index or key of t named name, or nil, also for a nil t.
func (t *Table) index(name string) *Index {
	if t == nil {
		return nil
	}
	for _, i := range t.Indexes {
		if i.Name == name {
			return i
		}
	}
	return nil
}

// alter applies one ALTER TABLE command to t. Column additions and drops
// reach t's children by themselves, unless only.
func (c *Catalog) alter(t *Table, cmd *alterTableCmd, only bool) {
	if cmd == nil {
		return
	}
	switch cmd.Subtype {
	case atAddColumn:
		if def := cmd.Def.GetColumnDef(); def != nil && !(cmd.MissingOk && t.Column(def.Colname) != nil) {
			c.addColumn(t, def)
			if !only {
				c.addToChildren(t, def)
			}
		}
	case atDropColumn:
		c.dropColumn(t, cmd.Name, cmd.Behavior == dropCascade, only)
	case atDropConstraint:
		t.Indexes = slices.DeleteFunc(t.Indexes, func(i *Index) bool { return i.Constraint && i.Name == cmd.Name })
		t.ForeignKeys = slices.DeleteFunc(t.ForeignKeys, func(fk *ForeignKey) bool { return fk.Name == cmd.Name })
	case atSetNotNull, atDropNotNull:
		if col := t.Column(cmd.Name); col != nil {
			col.NotNull, col.Pos = cmd.Subtype == atSetNotNull, c.at
		}
	case atColumnDefault, atDropExpression:
		c.alterDefault(t, cmd)
	case atAddConstraint:
		if con := cmd.Def.GetConstraint(); con != nil {
			c.constraint(t, con, nil)
			if con.Contype == constrPrimary && !only {
				c.keyNotNullBelow(t, t.index(constraintName(con.Conname, t.Name.Name, nil, "pkey")))
			}
		}
	default:
		c.alterSecurity(t, cmd)
	}
}

// family returns the table an ALTER names and, unless it says ONLY, the
// partitions and children that PostgreSQL changes with it.
func (c *Catalog) family(rv *rangeVar) []*Table {
	t := c.Table(rangeName(rv))
	if t == nil {
		return nil
	}
	tables := []*Table{t}
	if !rv.Inh {
		return tables
	}
	for i := 0; i < len(tables); i++ {
		for _, child := range c.tables {
			if slices.Contains(child.parents, tables[i]) && !slices.Contains(tables, child) {
				tables = append(tables, child)
			}
		}
	}
	return tables
}

// derivedTable makes the catalog entry of a view or CREATE TABLE AS from the
// names its query produces.
func (c *Catalog) derivedTable(q QName, aliases []string, query *node) *Table {
	t := &Table{Name: q, View: true, Created: c.at, Reads: reads(query), query: query}
	names := c.outputNames(query.GetSelectStmt())
	for i, name := range names {
		if i < len(aliases) {
			name = aliases[i]
		}
		c.addColumn(t, &columnDef{Colname: name})
	}
	return t
}

// outputNames names the columns a query returns, expanding * from the
// catalog. Unknown relations contribute no columns.
func (c *Catalog) outputNames(s *selectStmt) []string {
	if s == nil {
		return nil
	}
	if s.Op != setopNone {
		return c.outputNames(s.Larg)
	}
	var names []string
	for _, t := range s.TargetList {
		rt := t.GetResTarget()
		ref := rt.GetVal().GetColumnRef()
		if star, qual := isStar(ref); star {
			for _, from := range s.FromClause {
				for _, rv := range rangeVars(from) {
					if qual != "" && qual != refName(rv) {
						continue
					}
					if tab := c.Table(rangeName(rv)); tab != nil {
						names = append(names, tab.columnNames()...)
					}
				}
			}
			continue
		}
		names = append(names, targetName(rt))
	}
	return names
}
