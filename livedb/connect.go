package livedb

import (
	"context"
	"errors"
	"net/url"
	"os"
	"regexp"
	"slices"
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
		// pgconn quotes the connection string, with the passwords it can
		// recognise masked; without the string its text is what went
		// wrong, and many of its errors wrap none.
		bare := *pe
		bare.ConnString = ""
		msg = "cannot parse the connection string: " + strings.TrimPrefix(bare.Error(), "cannot parse ``: ")
	}
	for _, secret := range append([]string{password, dsn}, passwords(dsn)...) {
		if secret != "" {
			msg = strings.ReplaceAll(msg, secret, "…")
		}
	}
	// pgconn puts each address it tried on a line of its own; tenantvet
	// prints every error on one.
	msg = strings.Join(strings.Fields(strings.ReplaceAll(strings.ReplaceAll(msg, ":\n\t", ": "), "\n\t", "; ")), " ")
	return errors.New(urlPassword.ReplaceAllString(keyPassword.ReplaceAllString(msg, "password=…"), "//$1:…@"))
}

// passwords are what dsn may hold as a password, as written and decoded,
// found as loosely as a connection string that does not parse needs: an
// error may quote a part of it (url.Parse quotes the URL up to a '#') that
// the patterns below do not recognise, such as a password with a space.
func passwords(dsn string) []string {
	var out []string
	if _, rest, ok := strings.Cut(dsn, "://"); ok {
		// The userinfo ends at the last '@', as url.Parse reads it.
		if at := strings.LastIndex(rest, "@"); at >= 0 {
			if _, pw, ok := strings.Cut(rest[:at], ":"); ok {
				// pgx ends the password at the first '@', and takes the
				// rest of an unescaped '@' in it for the host it names.
				out = append(out, pw)
				if strings.Contains(pw, "@") {
					out = append(out, strings.Split(pw, "@")...)
				}
			}
		}
	}
	for _, m := range keyPassword.FindAllStringSubmatch(dsn, -1) {
		out = append(out, m[1], strings.Trim(m[1], "'"))
	}
	for _, pw := range slices.Clone(out) {
		if u, err := url.PathUnescape(pw); err == nil {
			out = append(out, u)
		}
	}
	return out
}

// The two forms a password takes in a connection string.
var (
	urlPassword = regexp.MustCompile(`//([^:/@\s]*):[^@\s]*@`)
	keyPassword = regexp.MustCompile(`password\s*=\s*('(\\.|[^'])*'|\S*)`)
)
