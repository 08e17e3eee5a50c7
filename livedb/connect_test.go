package livedb_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/tenantvet/tenantvet/livedb"
)

// TestConnectErrors checks that a connection string that does not parse,
// or names nothing that answers, is an error that says why and holds no
// part of the password, however oddly the string is written. Each
// password below holds "hunter", or "hun" and "ter" around a character
// that ends it early.
func TestConnectErrors(t *testing.T) {
	for _, tc := range []struct{ dsn, want string }{
		{"postgres://app:hunter2@127.0.0.1:bad/app", "cannot parse the connection string: invalid port"},
		{"host=127.0.0.1 port=x user=app password=hunter2 dbname=app", "invalid port"},
		{"postgres://app:hunter2@127.0.0.1:1/app?connect_timeout=x", "invalid connect_timeout"},
		{"postgres://app:hunter2@127.0.0.1:1/app?sslmode=bogus", "sslmode is invalid"},
		{"postgres://app:hun ter2@[x/app#f", "cannot parse the connection string"},
		{"postgres://app:hunter%zz@127.0.0.1:1/app", "invalid percent-encoded token in password"},
		{"host=127.0.0.1 port=1 user=app password='hunter2", "unterminated quoted string"},
		{"postgres://app:hun@ter2@127.0.0.1:1/app", "failed to connect"},
		{"postgres://app:hun#ter2@127.0.0.1:1/app", "failed to connect"},
		{"postgres://app:hunter%202@127.0.0.1:1/app", "failed to connect"},
		{"postgres://app@127.0.0.1:1/app?password=hunter2&sslmode=x", "sslmode is invalid"},
		{"host=127.0.0.1 port=1 user=app password = 'hun ter2' dbname=app", "failed to connect"},
	} {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		conn, err := livedb.Connect(ctx, tc.dsn)
		cancel()
		if err == nil {
			conn.Close(context.Background())
			t.Errorf("%q: connected", tc.dsn)
			continue
		}
		msg := err.Error()
		if !strings.Contains(msg, tc.want) || strings.Contains(msg, "hun") || strings.Contains(msg, "ter2") || strings.Contains(msg, "\n") {
			t.Errorf("%q: error %q, want one line about %q without the password", tc.dsn, msg, tc.want)
		}
	}
}
