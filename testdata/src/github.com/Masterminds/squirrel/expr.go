package squirrel

type expr struct{}

func (e expr) ToSql() (sql string, args []interface{}, err error) { return "", nil, nil }

func Expr(sql string, args ...interface{}) Sqlizer { return expr{} }

type concatExpr []interface{}

func (ce concatExpr) ToSql() (sql string, args []interface{}, err error) { return "", nil, nil }

func ConcatExpr(parts ...interface{}) concatExpr { return concatExpr(parts) }

type aliasExpr struct{}

func (e aliasExpr) ToSql() (sql string, args []interface{}, err error) { return "", nil, nil }

func Alias(expr Sqlizer, alias string) aliasExpr { return aliasExpr{} }

type Eq map[string]interface{}

func (eq Eq) ToSql() (sql string, args []interface{}, err error) { return "", nil, nil }

type NotEq Eq

func (neq NotEq) ToSql() (sql string, args []interface{}, err error) { return "", nil, nil }

type Like map[string]interface{}

func (lk Like) ToSql() (sql string, args []interface{}, err error) { return "", nil, nil }

type NotLike Like

func (nlk NotLike) ToSql() (sql string, args []interface{}, err error) { return "", nil, nil }

type ILike Like

func (ilk ILike) ToSql() (sql string, args []interface{}, err error) { return "", nil, nil }

type Lt map[string]interface{}

func (lt Lt) ToSql() (sql string, args []interface{}, err error) { return "", nil, nil }

type LtOrEq Lt

func (ltOrEq LtOrEq) ToSql() (sql string, args []interface{}, err error) { return "", nil, nil }

type Gt Lt

func (gt Gt) ToSql() (sql string, args []interface{}, err error) { return "", nil, nil }

type GtOrEq Lt

func (gtOrEq GtOrEq) ToSql() (sql string, args []interface{}, err error) { return "", nil, nil }

type conj []Sqlizer

type And conj

func (a And) ToSql() (string, []interface{}, error) { return "", nil, nil }

type Or conj

func (o Or) ToSql() (string, []interface{}, error) { return "", nil, nil }
