package livedb

import (
	"context"
	"errors"
	"os"
	"regexp"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// Connect opens a read-only connection to dsn, or, when dsn is empty, to
// what DATABASE_URL names, or else to what the libpq environment variables
// (PGHOST, PGDATABASE, …) name. An error never holds the password.
func Connect(ctx context.Context, dsn string) (*pgx.Conn, error) {
	if dsn == "" {
		dsn = os.Getenv("DATABASE_URL")
	}
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, scrub(err, dsn, "")
	}
	cfg.RuntimeParams["default_transaction_read_only"] = "on"
	cfg.RuntimeParams["application_name"] = "tenantvet"
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return nil, scrub(err, dsn, cfg.Password)
	}
	return conn, nil
}

// scrub returns err with any password it may quote cut out: pgconn's
// errors name the host and user, and a parse error may quote the DSN.
func scrub(err error, dsn, password string) error {
	msg := err.Error()
	var pe *pgconn.ParseConfigError
	if errors.As(err, &pe) {
		msg = "cannot parse the connection string: " + errors.Unwrap(pe).Error()
	}
	for _, secret := range []string{password, dsn} {
		if secret != "" {
			msg = strings.ReplaceAll(msg, secret, "…")
		}
	}
	// pgconn puts each address it tried on a line of its own; tenantvet
	// prints every error on one.
	msg = strings.Join(strings.Fields(strings.ReplaceAll(strings.ReplaceAll(msg, ":\n\t", ": "), "\n\t", "; ")), " ")
	return errors.New(urlPassword.ReplaceAllString(keyPassword.ReplaceAllString(msg, "password=…"), "//$1:…@"))
}

// The two forms a password takes in a connection string.
var (
	urlPassword = regexp.MustCompile(`//([^:/@\s]*):[^@\s]*@`)
	keyPassword = regexp.MustCompile(`password=('(\\.|[^'])*'|\S*)`)
)
