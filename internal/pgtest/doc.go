// Package pgtest starts a throwaway PostgreSQL server for a test, so that
// claims about PostgreSQL behaviour (row-level security, catalogs, what a
// statement really does) are checked against a real server rather than
// assumed.
//
// The server is initialised with initdb into a fresh temporary directory,
// listens only on a unix socket inside that directory (never on TCP, never on
// a remote host), and is stopped and deleted by t.Cleanup. SQL goes through
// the psql client, so the package adds no Go module dependency; a test that
// must see what a Go driver does connects its own driver with DSN.
//
// Starting a server takes one to two seconds, most of it initdb. Start one
// server per test function and give each subtest its own database with
// CreateDB rather than starting a server per subtest:
//
//	srv := pgtest.Start(t)
//	db := srv.CreateDB(t)
//	srv.Exec(t, db, `CREATE TABLE t (id int)`)
//	rows := srv.Query(t, db, `SELECT count(*) FROM t`)
//
// Start skips the test when no PostgreSQL server binaries are installed,
// except when the CI environment variable is set: CI must run these tests,
// so there missing binaries fail the test instead. When tests run as root,
// which initdb and postgres refuse, the server runs as the "postgres" OS
// user.
package pgtest
