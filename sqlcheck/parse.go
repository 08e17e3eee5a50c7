package sqlcheck

import (
	"errors"
	"fmt"
	"math/big"
	"strings"
	"unicode/utf8"

	pg_query "github.com/pganalyze/pg_query_go/v5"
	"github.com/pganalyze/pg_query_go/v5/parser"
)

// This is the only file that imports pg_query. The rest of the package names
// its node types through the aliases below, so moving to another version of
// the parser (v6 has the same type names) is a change to this file alone.
type (
	node = pg_query.Node

	rangeVar        = pg_query.RangeVar
	selectStmt      = pg_query.SelectStmt
	insertStmt      = pg_query.InsertStmt
	withClause      = pg_query.WithClause
	resTarget       = pg_query.ResTarget
	columnRef       = pg_query.ColumnRef
	aExpr           = pg_query.A_Expr
	createStmt      = pg_query.CreateStmt
	columnDef       = pg_query.ColumnDef
	constraint      = pg_query.Constraint
	aConst          = pg_query.A_Const
	renameStmt      = pg_query.RenameStmt
	defElem         = pg_query.DefElem
	alterTableCmd   = pg_query.AlterTableCmd
	onConflict      = pg_query.OnConflictClause
	mergeWhenClause = pg_query.MergeWhenClause
	objectType      = pg_query.ObjectType
	objectWithArgs  = pg_query.ObjectWithArgs
	nodeRoleSpec    = pg_query.Node_RoleSpec
	nodeTypeName    = pg_query.Node_TypeName
	subLink         = pg_query.SubLink
	grantStmt       = pg_query.GrantStmt
	variableSetStmt = pg_query.VariableSetStmt

	alterDefaultPrivilegesStmt = pg_query.AlterDefaultPrivilegesStmt

	nodeSelect      = pg_query.Node_SelectStmt
	nodeInsert      = pg_query.Node_InsertStmt
	nodeUpdate      = pg_query.Node_UpdateStmt
	nodeDelete      = pg_query.Node_DeleteStmt
	nodeMerge       = pg_query.Node_MergeStmt
	nodeTruncate    = pg_query.Node_TruncateStmt
	nodeCopy        = pg_query.Node_CopyStmt
	nodeRangeVar    = pg_query.Node_RangeVar
	nodeJoin        = pg_query.Node_JoinExpr
	nodeSubselect   = pg_query.Node_RangeSubselect
	nodeFunction    = pg_query.Node_RangeFunction
	nodeSample      = pg_query.Node_RangeTableSample
	nodeSubLink     = pg_query.Node_SubLink
	nodeAExpr       = pg_query.Node_AExpr
	nodeBoolExpr    = pg_query.Node_BoolExpr
	nodeColumnRef   = pg_query.Node_ColumnRef
	nodeParamRef    = pg_query.Node_ParamRef
	nodeAConst      = pg_query.Node_AConst
	nodeTypeCast    = pg_query.Node_TypeCast
	nodeFuncCall    = pg_query.Node_FuncCall
	nodeCoalesce    = pg_query.Node_CoalesceExpr
	nodeCase        = pg_query.Node_CaseExpr
	nodeCaseWhen    = pg_query.Node_CaseWhen
	nodeNullTest    = pg_query.Node_NullTest
	nodeBoolTest    = pg_query.Node_BooleanTest
	nodeResTarget   = pg_query.Node_ResTarget
	nodeList        = pg_query.Node_List
	nodeRowExpr     = pg_query.Node_RowExpr
	nodeArrayExpr   = pg_query.Node_AArrayExpr
	nodeMinMax      = pg_query.Node_MinMaxExpr
	nodeSortBy      = pg_query.Node_SortBy
	nodeIndirection = pg_query.Node_AIndirection
	nodeNamedArg    = pg_query.Node_NamedArgExpr
	nodeCollate     = pg_query.Node_CollateClause
	nodeString      = pg_query.Node_String_
	nodeAStar       = pg_query.Node_AStar
	nodeDefault     = pg_query.Node_SetToDefault
	nodeCTE         = pg_query.Node_CommonTableExpr
	nodeCreate      = pg_query.Node_CreateStmt
	nodeAlterTable  = pg_query.Node_AlterTableStmt
	nodeRename      = pg_query.Node_RenameStmt
	nodeAlterSchema = pg_query.Node_AlterObjectSchemaStmt
	nodeDrop        = pg_query.Node_DropStmt
	nodeView        = pg_query.Node_ViewStmt
	nodeCreateAs    = pg_query.Node_CreateTableAsStmt
	nodeColumnDef   = pg_query.Node_ColumnDef
	nodeConstraint  = pg_query.Node_Constraint
	nodeGrant       = pg_query.Node_GrantStmt
	nodeDefaultPriv = pg_query.Node_AlterDefaultPrivilegesStmt
	nodeVariableSet = pg_query.Node_VariableSetStmt
	nodeDiscard     = pg_query.Node_DiscardStmt
)

const (
	setopNone = pg_query.SetOperation_SETOP_NONE

	joinInner = pg_query.JoinType_JOIN_INNER
	joinLeft  = pg_query.JoinType_JOIN_LEFT
	joinRight = pg_query.JoinType_JOIN_RIGHT
	joinFull  = pg_query.JoinType_JOIN_FULL

	exprOp          = pg_query.A_Expr_Kind_AEXPR_OP
	exprNotDistinct = pg_query.A_Expr_Kind_AEXPR_NOT_DISTINCT
	exprIn          = pg_query.A_Expr_Kind_AEXPR_IN
	exprNullIf      = pg_query.A_Expr_Kind_AEXPR_NULLIF
	exprOpAny       = pg_query.A_Expr_Kind_AEXPR_OP_ANY
	exprOpAll       = pg_query.A_Expr_Kind_AEXPR_OP_ALL
	exprLike        = pg_query.A_Expr_Kind_AEXPR_LIKE
	exprILike       = pg_query.A_Expr_Kind_AEXPR_ILIKE
	exprBetween     = pg_query.A_Expr_Kind_AEXPR_BETWEEN
	exprNotBetween  = pg_query.A_Expr_Kind_AEXPR_NOT_BETWEEN
	exprBetweenSym  = pg_query.A_Expr_Kind_AEXPR_BETWEEN_SYM
	exprNotBetSym   = pg_query.A_Expr_Kind_AEXPR_NOT_BETWEEN_SYM
	exprSimilar     = pg_query.A_Expr_Kind_AEXPR_SIMILAR
	exprDistinct    = pg_query.A_Expr_Kind_AEXPR_DISTINCT

	varSetValue   = pg_query.VariableSetKind_VAR_SET_VALUE
	varSetCurrent = pg_query.VariableSetKind_VAR_SET_CURRENT
	varResetAll   = pg_query.VariableSetKind_VAR_RESET_ALL
	discardAll    = pg_query.DiscardMode_DISCARD_ALL

	boolAnd = pg_query.BoolExprType_AND_EXPR
	boolOr  = pg_query.BoolExprType_OR_EXPR
	boolNot = pg_query.BoolExprType_NOT_EXPR

	conflictUpdate = pg_query.OnConflictAction_ONCONFLICT_UPDATE

	cmdInsert = pg_query.CmdType_CMD_INSERT

	paramOut   = pg_query.FunctionParameterMode_FUNC_PARAM_OUT
	paramTable = pg_query.FunctionParameterMode_FUNC_PARAM_TABLE
	paramInOut = pg_query.FunctionParameterMode_FUNC_PARAM_INOUT

	sublinkAny    = pg_query.SubLinkType_ANY_SUBLINK
	sublinkExpr   = pg_query.SubLinkType_EXPR_SUBLINK
	sublinkExists = pg_query.SubLinkType_EXISTS_SUBLINK
	sublinkArray  = pg_query.SubLinkType_ARRAY_SUBLINK

	objTable   = pg_query.ObjectType_OBJECT_TABLE
	objView    = pg_query.ObjectType_OBJECT_VIEW
	objMatview = pg_query.ObjectType_OBJECT_MATVIEW
	objColumn  = pg_query.ObjectType_OBJECT_COLUMN

	atAddColumn   = pg_query.AlterTableType_AT_AddColumn
	atDropColumn  = pg_query.AlterTableType_AT_DropColumn
	atSetNotNull  = pg_query.AlterTableType_AT_SetNotNull
	atDropNotNull = pg_query.AlterTableType_AT_DropNotNull

	constrNotNull  = pg_query.ConstrType_CONSTR_NOTNULL
	constrPrimary  = pg_query.ConstrType_CONSTR_PRIMARY
	constrUnique   = pg_query.ConstrType_CONSTR_UNIQUE
	constrIdentity = pg_query.ConstrType_CONSTR_IDENTITY
	constrForeign  = pg_query.ConstrType_CONSTR_FOREIGN
	constrDefault  = pg_query.ConstrType_CONSTR_DEFAULT
	constrGenerate = pg_query.ConstrType_CONSTR_GENERATED

	atAddConstraint   = pg_query.AlterTableType_AT_AddConstraint
	atEnableRLS       = pg_query.AlterTableType_AT_EnableRowSecurity
	atDisableRLS      = pg_query.AlterTableType_AT_DisableRowSecurity
	atForceRLS        = pg_query.AlterTableType_AT_ForceRowSecurity
	atNoForceRLS      = pg_query.AlterTableType_AT_NoForceRowSecurity
	atSetRelOptions   = pg_query.AlterTableType_AT_SetRelOptions
	atResetRelOptions = pg_query.AlterTableType_AT_ResetRelOptions
	atDropConstraint  = pg_query.AlterTableType_AT_DropConstraint
	atColumnDefault   = pg_query.AlterTableType_AT_ColumnDefault
	atDropExpression  = pg_query.AlterTableType_AT_DropExpression
	objSchema         = pg_query.ObjectType_OBJECT_SCHEMA
	dropCascade       = pg_query.DropBehavior_DROP_CASCADE

	// likeDefaults and the others are CREATE_TABLE_LIKE_DEFAULTS and the
	// others of PostgreSQL's TableLikeOption, bits of
	// TableLikeClause.Options; the protobuf enum of that name numbers the
	// options instead.
	likeDefaults  = 1 << 3
	likeGenerated = 1 << 4
	likeIndexes   = 1 << 6

	aclObject      = pg_query.GrantTargetType_ACL_TARGET_OBJECT
	aclAllInSchema = pg_query.GrantTargetType_ACL_TARGET_ALL_IN_SCHEMA
	objPolicy      = pg_query.ObjectType_OBJECT_POLICY
	objIndex       = pg_query.ObjectType_OBJECT_INDEX
	objFunction    = pg_query.ObjectType_OBJECT_FUNCTION
	objProcedure   = pg_query.ObjectType_OBJECT_PROCEDURE
)

// The builders below make the few nodes that the scope model synthesises,
// such as the equalities a JOIN … USING implies.

func columnNode(names ...string) *node {
	fields := make([]*node, len(names))
	for i, n := range names {
		fields[i] = pg_query.MakeStrNode(n)
	}
	return pg_query.MakeColumnRefNode(fields, -1)
}

func equalityNode(l, r *node) *node {
	return pg_query.MakeAExprNode(exprOp, []*node{pg_query.MakeStrNode("=")}, l, r, -1)
}

func andNode(args []*node) *node { return boolNode(boolAnd, args) }

func strNode(s string) *node { return pg_query.MakeStrNode(s) }

func aExprNode(kind pg_query.A_Expr_Kind, op string, l, r *node) *node {
	return pg_query.MakeAExprNode(kind, []*node{pg_query.MakeStrNode(op)}, l, r, -1)
}

func boolNode(op pg_query.BoolExprType, args []*node) *node {
	return pg_query.MakeBoolExprNode(op, args, -1)
}

func arrayNode(elements []*node) *node {
	return &node{Node: &nodeArrayExpr{AArrayExpr: &pg_query.A_ArrayExpr{Elements: elements, Location: -1}}}
}

// constAsText rewrites a constant as the string constant of its text, so
// that 1, '1' and '1'::integer compare equal once the cast is gone: the
// comparison of policy expressions (normalise.go) wants PostgreSQL's
// printing of a constant and the migration's spelling of it to meet.
// Numbers are written in one decimal form, since PostgreSQL prints 1e3 as
// '1000'::numeric and -1.5 as '-1.5'::numeric.
func constAsText(c *aConst) {
	var text string
	switch v := c.Val.(type) {
	case *pg_query.A_Const_Ival:
		text = fmt.Sprint(v.Ival.GetIval())
	case *pg_query.A_Const_Fval:
		text = v.Fval.GetFval()
	case *pg_query.A_Const_Boolval:
		text = fmt.Sprint(v.Boolval.GetBoolval())
	case *pg_query.A_Const_Sval:
		text = v.Sval.GetSval()
	default:
		return // a bit string or NULL
	}
	c.Val = &pg_query.A_Const_Sval{Sval: &pg_query.String{Sval: decimal(text)}}
}

// decimal writes a number in its shortest plain decimal form, and returns
// any other text as it is.
func decimal(s string) string {
	if s == "" || strings.Trim(s, "0123456789.eE+-") != "" || strings.Trim(s, ".eE+-") == "" {
		return s
	}
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		return s
	}
	if r.IsInt() {
		return r.Num().String()
	}
	return strings.TrimRight(r.FloatString(len(s)+2), "0")
}

func listNode(param *node) *node {
	return pg_query.MakeFuncCallNode([]*node{pg_query.MakeStrNode("unnest")}, []*node{param}, int32(location(param)))
}

// statement is one parsed statement and its byte range in the SQL text.
type statement struct {
	node     *node
	pos, end int
}

// ParseError is SQL that PostgreSQL's parser rejects.
type ParseError struct {
	Msg string
	Pos int // byte offset into the SQL
}

func (e *ParseError) Error() string { return e.Msg }

// parse splits sql into statements. The error, if any, is a *ParseError.
func parse(sql string) ([]statement, error) {
	// pg_query passes the text to C, where a NUL byte ends it, and its
	// protobuf result refuses text that is not UTF-8 with no position at
	// all. Either way the rest would go unchecked, and PostgreSQL refuses
	// both, so they are parse errors at the offending byte.
	if i := strings.IndexByte(sql, 0); i >= 0 {
		return nil, &ParseError{Msg: "NUL byte in the sql", Pos: i}
	}
	if i := invalidUTF8(sql); i >= 0 {
		return nil, &ParseError{Msg: fmt.Sprintf("byte 0x%02x is not valid UTF-8", sql[i]), Pos: i}
	}
	tree, err := pg_query.Parse(sql)
	if err != nil {
		var pe *parser.Error
		if errors.As(err, &pe) {
			return nil, &ParseError{Msg: pe.Message, Pos: cursorOffset(sql, pe.Cursorpos)}
		}
		return nil, &ParseError{Msg: err.Error()}
	}
	stmts := make([]statement, 0, len(tree.Stmts))
	for _, raw := range tree.Stmts {
		pos := int(raw.StmtLocation)
		end := len(sql)
		// StmtLen is 0 for the last statement when it has no semicolon.
		if raw.StmtLen > 0 {
			end = pos + int(raw.StmtLen)
		}
		stmts = append(stmts, statement{node: raw.Stmt, pos: pos, end: end})
	}
	return stmts, nil
}

// parsePlpgsql parses a CREATE FUNCTION statement's PL/pgSQL body and
// returns the parser's JSON tree; plpgsql.go reads the queries out of it.
func parsePlpgsql(createFunction string) (string, error) {
	return pg_query.ParsePlPgSqlToJSON(createFunction)
}

// fingerprint identifies SQL text the way pg_query does, ignoring white
// space, comments and literal values; text that does not parse falls back
// to a hash of the text itself.
func fingerprint(sql string) string {
	if fp, err := pg_query.Fingerprint(sql); err == nil {
		return fp
	}
	return fmt.Sprintf("%016x", pg_query.HashXXH3_64([]byte(sql), 0))
}

// exprString deparses an expression back to SQL text, or "" for nil.
func exprString(n *node) string {
	if n == nil {
		return ""
	}
	tree := &pg_query.ParseResult{Stmts: []*pg_query.RawStmt{{Stmt: &node{Node: &nodeSelect{SelectStmt: &selectStmt{
		TargetList: []*node{pg_query.MakeResTargetNodeWithVal(n, 0)},
	}}}}}}
	text, err := pg_query.Deparse(tree)
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(text, "SELECT ")
}

// cursorOffset turns the parser's error cursor, a 1-based character
// position, into a byte offset; it is 0 when the parser gives none.
func cursorOffset(sql string, cursor int) int {
	if cursor <= 0 {
		return 0
	}
	off := 0
	for i := 1; i < cursor && off < len(sql); i++ {
		_, size := utf8.DecodeRuneInString(sql[off:])
		off += size
	}
	return off
}

// invalidUTF8 returns the offset of the first byte of s that is not part of
// a valid UTF-8 sequence, or -1.
func invalidUTF8(s string) int {
	for i, r := range s {
		if r == utf8.RuneError {
			if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
				return i
			}
		}
	}
	return -1
}
