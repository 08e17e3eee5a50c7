package analyzer

import (
	"go/types"
	"strings"
)

// A package that imports a database driver of another dialect and none of
// PostgreSQL's holds that dialect's SQL (MySQL's backquotes, CQL's ALLOW
// FILTERING), which PostgreSQL's parser would reject or misread. Paths are
// prefixes: a driver's subpackages count too.
var (
	otherDrivers = []string{
		"github.com/go-sql-driver/mysql",
		"github.com/mattn/go-sqlite3",
		"modernc.org/sqlite",
		"github.com/glebarez/go-sqlite",
		"github.com/denisenkom/go-mssqldb",
		"github.com/microsoft/go-mssqldb",
		"github.com/gocql/gocql",
		"github.com/ClickHouse/clickhouse-go",
		"github.com/sijms/go-ora",
		"github.com/godror/godror",
		"gorm.io/driver/mysql",
		"gorm.io/driver/sqlite",
		"gorm.io/driver/sqlserver",
		"gorm.io/driver/clickhouse",
		"github.com/uptrace/bun/dialect/mysqldialect",
		"github.com/uptrace/bun/dialect/sqlitedialect",
		"github.com/uptrace/bun/dialect/mssqldialect",
	}
	postgresDrivers = []string{
		"github.com/jackc/pgx",
		"github.com/jackc/pgconn",
		"github.com/lib/pq",
		"gorm.io/driver/postgres",
		"github.com/uptrace/bun/dialect/pgdialect",
		"github.com/uptrace/bun/driver/pgdriver",
	}
)

// otherDialect returns the driver of another dialect that pkg imports when
// it imports no PostgreSQL driver, or "".
func otherDialect(pkg *types.Package) string {
	other := ""
	for _, imp := range pkg.Imports() {
		switch path := imp.Path(); {
		case hasPathPrefix(path, postgresDrivers):
			return ""
		case other == "" && hasPathPrefix(path, otherDrivers):
			other = path
		}
	}
	return other
}

func hasPathPrefix(path string, prefixes []string) bool {
	for _, p := range prefixes {
		if path == p || strings.HasPrefix(path, p+"/") {
			return true
		}
	}
	return false
}
