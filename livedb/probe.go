package livedb

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/tenantvet/tenantvet/sqlcheck"
)

// ProbeTable is a tenant table to probe and the column that holds its
// tenant.
type ProbeTable struct {
	Name   sqlcheck.QName
	Column string
}

// ProbeOptions says how to probe.
type ProbeOptions struct {
	// Role is the application's role; the operations run under SET LOCAL
	// ROLE to it. Empty means the connecting user.
	Role string
	// Settings are the tenant settings the policies read, such as
	// "app.tenant_id". Each is set to the tenant, transaction-locally.
	Settings []string
	Tables   []ProbeTable
	// Timeout is the statement_timeout and lock_timeout of the probe's
	// transaction; 0 means 5s.
	Timeout time.Duration
	// NoTriggers runs the probe with session_replication_role = replica,
	// which only a superuser may set: ordinary triggers and foreign-key
	// checks do not fire, so tables that have them can be probed, at the
	// price of not testing a trigger that guards tenants.
	NoTriggers bool
}

// Verdict is what the probe concluded about a table.
type Verdict string

// The verdicts.
const (
	Isolated     Verdict = "isolated"
	Leaking      Verdict = "leaking"
	NotProbed    Verdict = "not probed"
	Inconclusive Verdict = "inconclusive"
)

// TableResult is the verdict on one table.
type TableResult struct {
	Table   string  `json:"table"` // "public.orders"
	Verdict Verdict `json:"verdict"`
	// Detail names the leaking operations, or why the table was not probed
	// or the probe is inconclusive.
	Detail string `json:"detail,omitempty"`
}

// ProbeResult is what Probe found.
type ProbeResult struct {
	Tables   []TableResult // in the order of ProbeOptions.Tables
	Findings []sqlcheck.Finding
}

// Probe tests whether the database isolates tenants, by trying it: in each
// table it gives two synthetic tenants A and B a row each, then, as
// opts.Role with the tenant settings set to A, tries to read, update and
// delete B's row, insert a row for B and move A's row to B, to delete and
// take over rows with statements that read no column, and, with the
// settings empty, to read either row. Whatever succeeds is a finding (TV405,
// TV406) with the row as its counterexample.
//
// All of it happens in one transaction that is rolled back, never
// committed, even though the connection is read-only by default. Each
// table and each operation runs in a savepoint of its own, so one table's
// failure does not stop the others and no operation sees another's
// effects. Only what a rollback cannot undo remains: the sequences that
// the inserts draw on stay advanced. Probe refuses to run as a superuser
// or a BYPASSRLS role, to which row-level security does not apply.
func Probe(ctx context.Context, conn *pgx.Conn, opts ProbeOptions) (*ProbeResult, error) {
	if len(opts.Settings) == 0 {
		return nil, errors.New("the probe needs the tenant settings the policies read (such as app.tenant_id): without them it cannot act as a tenant")
	}
	// A probe of nothing would report nothing, which reads as a pass.
	if len(opts.Tables) == 0 {
		return nil, errors.New("no tenant tables to probe: name the tables and their tenant columns")
	}
	timeout := opts.Timeout
	if timeout <= 0 {
		timeout = 5 * time.Second
	}
	tx, err := conn.BeginTx(ctx, pgx.TxOptions{AccessMode: pgx.ReadWrite})
	if err != nil {
		return nil, err
	}
	// The fixtures must never outlive the probe, whatever happens; a
	// cancelled ctx would leave the rollback unsent, so it gets its own.
	defer tx.Rollback(context.WithoutCancel(ctx))

	ms := fmt.Sprintf("%dms", max(timeout.Milliseconds(), 1))
	if _, err := tx.Exec(ctx, `SELECT set_config('statement_timeout', $1, true), set_config('lock_timeout', $1, true)`, ms); err != nil {
		return nil, err
	}
	if opts.NoTriggers {
		if _, err := tx.Exec(ctx, `SELECT set_config('session_replication_role', 'replica', true)`); err != nil {
			if pe := sqlError(err); pe != nil {
				err = errors.New(pe.Message)
			}
			return nil, fmt.Errorf("probing without triggers needs a superuser connection: %w", err)
		}
	}
	p := &prober{tx: tx, opts: opts}
	if err := p.checkRole(ctx); err != nil {
		return nil, err
	}
	// A name set_config refuses would make every table "not probed" for
	// one reason that belongs to the options, not to the tables.
	if err := p.savepoint(ctx, func() error { return p.setTenant(ctx, "") }); err != nil {
		if pe := sqlError(err); pe != nil {
			return nil, fmt.Errorf("cannot set the tenant settings %s: %s", strings.Join(opts.Settings, ", "), pe.Message)
		}
		return nil, err
	}
	res := &ProbeResult{}
	for _, t := range opts.Tables {
		tr, fs, err := p.table(ctx, t)
		if err != nil {
			return nil, fmt.Errorf("probing %s: %w", tr.Table, err)
		}
		res.Tables = append(res.Tables, tr)
		res.Findings = append(res.Findings, fs...)
	}
	return res, nil
}

// A prober holds the probe's transaction.
type prober struct {
	tx   pgx.Tx
	opts ProbeOptions
	role string // the role the operations run as, for messages
}

// checkRole makes sure that row-level security applies to the role the
// operations run as: for a superuser or a BYPASSRLS role every table would
// look leaking, and the report would be noise.
func (p *prober) checkRole(ctx context.Context) error {
	role := p.opts.Role
	if role != "" {
		var exists bool
		if err := p.tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1)`, role).Scan(&exists); err != nil {
			return err
		}
		if !exists {
			return fmt.Errorf("role %q does not exist: name the role the application connects as", role)
		}
	}
	var connecting, user string
	if err := p.tx.QueryRow(ctx, `SELECT current_user`).Scan(&connecting); err != nil {
		return err
	}
	var super, bypass bool
	err := p.savepoint(ctx, func() error {
		if role != "" {
			if _, err := p.tx.Exec(ctx, "SET LOCAL ROLE "+pgx.Identifier{role}.Sanitize()); err != nil {
				return err
			}
		}
		return p.tx.QueryRow(ctx, `SELECT current_user, rolsuper, rolbypassrls
			FROM pg_roles WHERE rolname = current_user`).Scan(&user, &super, &bypass)
	})
	if err != nil {
		var pe *pgconn.PgError
		if role != "" && errors.As(err, &pe) {
			return fmt.Errorf("cannot switch from %s to role %s: %s; grant the role (GRANT %s TO %s) or connect as a member of it",
				connecting, role, pe.Message, pgx.Identifier{role}.Sanitize(), pgx.Identifier{connecting}.Sanitize())
		}
		return err
	}
	what := ""
	switch {
	case super:
		what = "a superuser"
	case bypass:
		what = "a BYPASSRLS role"
	}
	if what != "" {
		how := "probe as the application's role, which must be neither a superuser nor BYPASSRLS"
		if role == "" {
			how = "name the application's role to probe as; it must be neither a superuser nor BYPASSRLS"
		}
		return fmt.Errorf("the probe would run as %s, %s, to which row-level security does not apply, so every table would look leaking; %s", user, what, how)
	}
	p.role = user
	return nil
}

// savepoint runs fn in a savepoint and rolls back to it afterwards, so
// that neither fn's effects nor its error outlive it.
func (p *prober) savepoint(ctx context.Context, fn func() error) error {
	if _, err := p.tx.Exec(ctx, "SAVEPOINT tenantvet_probe"); err != nil {
		return err
	}
	err := fn()
	if _, rerr := p.tx.Exec(ctx, "ROLLBACK TO SAVEPOINT tenantvet_probe; RELEASE SAVEPOINT tenantvet_probe"); rerr != nil {
		return errors.Join(err, rerr)
	}
	return err
}

// setTenant sets every tenant setting to tenant, transaction-locally.
func (p *prober) setTenant(ctx context.Context, tenant string) error {
	_, err := p.tx.Exec(ctx, `SELECT set_config(s, $2, true) FROM unnest($1::text[]) AS s`, p.opts.Settings, tenant)
	return err
}

// as runs fn in a savepoint as the probe's role with the settings set to
// tenant.
func (p *prober) as(ctx context.Context, tenant string, fn func() error) error {
	return p.savepoint(ctx, func() error {
		if p.opts.Role != "" {
			if _, err := p.tx.Exec(ctx, "SET LOCAL ROLE "+pgx.Identifier{p.opts.Role}.Sanitize()); err != nil {
				return err
			}
		}
		if err := p.setTenant(ctx, tenant); err != nil {
			return err
		}
		return fn()
	})
}

// sqlError returns err as PostgreSQL's error, or nil when it is something
// else, such as a lost connection, which ends the probe.
func sqlError(err error) *pgconn.PgError {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe
	}
	return nil
}

// timedOut reports whether PostgreSQL cancelled the statement for the
// probe's timeouts: that says nothing about isolation either way.
func timedOut(pe *pgconn.PgError) bool {
	return pe.Code == "57014" || pe.Code == "55P03"
}

// table probes one table. Its error is one that ends the probe; anything
// PostgreSQL refuses becomes the verdict's detail.
func (p *prober) table(ctx context.Context, pt ProbeTable) (TableResult, []sqlcheck.Finding, error) {
	name := pt.Name
	if name.Schema == "" {
		name.Schema = "public"
	}
	tr := TableResult{Table: name.Schema + "." + name.Name}
	var fs []sqlcheck.Finding
	err := p.savepoint(ctx, func() error {
		t, why, err := p.inspect(ctx, name, pt.Column)
		if err != nil || why != "" {
			tr.Verdict, tr.Detail = NotProbed, why
			return err
		}
		t.display = tr.Table
		if !p.opts.NoTriggers {
			why, err = p.parents(ctx, t)
			if err != nil || why != "" {
				tr.Verdict, tr.Detail = NotProbed, why
				return err
			}
		}
		why, err = p.fixtures(ctx, t)
		if err != nil || why != "" {
			tr.Verdict, tr.Detail = NotProbed, why
			return err
		}
		fs, tr.Verdict, tr.Detail, err = p.operations(ctx, t)
		return err
	})
	if pe := sqlError(err); pe != nil {
		// A catalog query PostgreSQL refused, such as one the timeout cut
		// short, or a cast of the tenants that a domain's check refused:
		// the table is skipped, not the probe, and the refusal is why.
		if tr.Verdict == "" || tr.Detail == "" {
			tr.Verdict, tr.Detail = NotProbed, pe.Message
		}
		err = nil
	}
	if err == nil {
		err = ctx.Err()
	}
	return tr, fs, err
}

// An operation is one attempt to cross from tenant A to tenant B.
type operation struct {
	name string // for fingerprints
	id   string
	what string // for the verdict's detail
	run  func(p *prober, ctx context.Context, t *table) (key string, leaked bool, err error)
	// noTenant runs the operation with the settings empty rather than A.
	noTenant bool
	// unread marks the operations that read no column, which reach every
	// row the policies admit.
	unread bool
	// leaked says what the operation did when it leaked, and refused what
	// it did when the policies let it through and only a constraint
	// refused the row (by default, a row for B got in). Each takes the
	// row's key as %[1]s, the table as %[2]s and the constraint's error
	// as %[3]s.
	leaked, refused string
}

var operations = []operation{
	{name: "select", id: sqlcheck.ProbeRead, what: "select of tenant B's row", run: (*prober).selectB,
		leaked: "read tenant B's row (%[1]s) of %[2]s"},
	{name: "update", id: sqlcheck.ProbeWrite, what: "update of tenant B's row", run: (*prober).updateB,
		leaked: "updated tenant B's row (%[1]s) of %[2]s"},
	{name: "delete", id: sqlcheck.ProbeWrite, what: "delete of tenant B's row", run: (*prober).deleteB,
		leaked: "deleted tenant B's row (%[1]s) of %[2]s"},
	{name: "insert", id: sqlcheck.ProbeWrite, what: "insert of a row carrying tenant B", run: (*prober).insertB,
		leaked: "inserted a row carrying tenant B into %[2]s"},
	{name: "move", id: sqlcheck.ProbeWrite, what: "update of tenant A's row to tenant B", run: (*prober).moveA,
		leaked:  "updated its own row (%[1]s) of %[2]s to carry tenant B",
		refused: "got its own row (%[1]s) of %[2]s past the policies to carry tenant B, which only a constraint then refused (%[3]s)"},
	// An empty string is the closest the probe can come to "no tenant":
	// once a session has set a custom setting, even transaction-locally,
	// current_setting(name, true) returns '' rather than NULL for the rest
	// of the session, and RESET cannot bring the NULL back. So '' is what
	// the application's policies meet on a pooled connection whose tenant
	// was reset, and what the probe tests.
	{name: "no tenant", id: sqlcheck.ProbeRead, what: "select with the tenant settings empty", run: (*prober).selectNone, noTenant: true,
		leaked: "read the rows (%[1]s) of %[2]s"},
	// PostgreSQL applies the SELECT policies to an UPDATE or DELETE only
	// when it reads a column, as each WHERE above does; one that reads
	// none meets the UPDATE and DELETE policies alone. Tenant A has one
	// row, so a second that such a statement reaches is another's.
	{name: "delete any", id: sqlcheck.ProbeWrite, what: "delete that reads no column", run: (*prober).deleteAny, unread: true,
		leaked:  "deleted %[1]s rows of %[2]s, where tenant A has one, with a DELETE that reads no column",
		refused: "reached another tenant's row of %[2]s with a DELETE that reads no column, which only a constraint then refused (%[3]s)"},
	{name: "take", id: sqlcheck.ProbeWrite, what: "update that reads no column", run: (*prober).take, unread: true,
		leaked:  "gave itself %[1]s rows of %[2]s, where tenant A has one, with an UPDATE that reads no column",
		refused: "reached another tenant's row of %[2]s with an UPDATE that reads no column, to carry tenant A, which only a constraint then refused (%[3]s)"},
}

// unreadLimit bounds the rows that a table may hold for the operations
// that read no column, which reach every row the policies admit.
const unreadLimit = 1000

// operations runs the control and then each operation as tenant A.
func (p *prober) operations(ctx context.Context, t *table) ([]sqlcheck.Finding, Verdict, string, error) {
	var visible bool
	err := p.as(ctx, t.a, func() error {
		return p.tx.QueryRow(ctx, `SELECT EXISTS (SELECT FROM `+t.ident+` WHERE `+t.col+` = `+t.cast(1)+`)`, t.a).Scan(&visible)
	})
	// Without the control a probe that sees nothing would pass a table
	// whose policies merely read a setting the probe does not set.
	if pe := sqlError(err); pe != nil {
		return nil, Inconclusive, fmt.Sprintf("role %s cannot read tenant A's own row: %s", p.role, pe.Message), nil
	} else if err != nil {
		return nil, "", "", err
	}
	if !visible {
		return nil, Inconclusive, fmt.Sprintf("tenant A's own row is not visible to role %s with %s set to A: the policies may read another setting, or the role lacks SELECT",
			p.role, strings.Join(p.opts.Settings, ", ")), nil
	}
	// The operations that read no column touch every row that the policies
	// admit; on a table with real data they are skipped, and the detail
	// says so.
	var rows int
	if err := p.tx.QueryRow(ctx, `SELECT count(*) FROM (SELECT FROM `+t.ident+` LIMIT `+fmt.Sprint(unreadLimit+1)+`) r`).Scan(&rows); err != nil {
		if pe := sqlError(err); pe != nil {
			return nil, NotProbed, "counting its rows failed: " + pe.Message, nil
		}
		return nil, "", "", err
	}
	var fs []sqlcheck.Finding
	var leaks, timeouts, unsure []string
	skipped := ""
	for _, op := range operations {
		if op.unread && rows > unreadLimit {
			skipped = fmt.Sprintf("it holds over %d rows, so the update and delete that read no column were not tried", unreadLimit)
			continue
		}
		var key string
		var leaked bool
		tenant := t.a
		if op.noTenant {
			tenant = ""
		}
		err := p.as(ctx, tenant, func() error {
			var err error
			key, leaked, err = op.run(p, ctx, t)
			return err
		})
		var uniqueKey string
		if pe := sqlError(err); pe != nil {
			switch {
			case timedOut(pe):
				// Only the clock: that says nothing either way.
				timeouts = append(timeouts, op.what+": "+pe.Message)
				continue
			case op.id == sqlcheck.ProbeRead || pe.Code == insufficientPrivilege:
				// A read that fails reads nothing; a write that a policy or
				// a privilege refuses is isolation.
				continue
			case pastPolicies(op, pe):
				leaked, uniqueKey = true, pe.Message
			default:
				// Any other failure of a write, such as a constraint, came
				// before or instead of the policies' verdict, which is then
				// unknown: calling it a refusal could hide a leak.
				unsure = append(unsure, op.what+": "+pe.Message)
				continue
			}
		} else if err != nil {
			return nil, "", "", err
		}
		if leaked {
			leaks = append(leaks, op.what)
			fs = append(fs, sqlcheck.Finding{
				ID:          op.id,
				Table:       t.display,
				Message:     p.message(t, op, key, uniqueKey),
				Fingerprint: op.id + ":" + t.display + ":" + op.name,
			})
		}
	}
	switch {
	case len(leaks) > 0:
		return fs, Leaking, strings.Join(leaks, ", "), nil
	case len(timeouts) > 0:
		return nil, Inconclusive, "timed out: " + strings.Join(timeouts, "; "), nil
	case len(unsure) > 0:
		return nil, Inconclusive, "failed for another reason than the policies: " + strings.Join(unsure, "; "), nil
	}
	return nil, Isolated, skipped, nil
}

// insufficientPrivilege is the SQLSTATE both of a missing privilege and of
// a row that the policies' WITH CHECK refuses.
const insufficientPrivilege = "42501"

// pastPolicies reports whether a write's error shows that the policies let
// tenant B's row through: PostgreSQL checks WITH CHECK before it inserts
// into the unique indexes, so a duplicate key or an exclusion conflict
// comes only after the policies admitted the row. A table that holds one
// row a tenant is the usual case: B's own row holds the key.
//
// For the operations that read no column, any constraint's refusal says
// the same: tenant A's own row is left as it was (its tenant set to A, or
// deleted with nothing referring to it), so only another row can break
// one, whether a key, a foreign key that refers to it or a check.
func pastPolicies(op operation, pe *pgconn.PgError) bool {
	if op.unread {
		return strings.HasPrefix(pe.Code, "23")
	}
	return (op.name == "insert" || op.name == "move") && (pe.Code == "23505" || pe.Code == "23P01")
}

// selectB reads only the tenant column, which the control showed the role
// may read: selecting the key would fail for a role that may not read it,
// and the failure would pass for isolation while the other columns leak.
// The key is the fixture's.
func (p *prober) selectB(ctx context.Context, t *table) (string, bool, error) {
	var seen bool
	err := p.tx.QueryRow(ctx, `SELECT EXISTS (SELECT FROM `+t.ident+` WHERE `+t.col+` = `+t.cast(1)+`)`, t.b).Scan(&seen)
	return t.keyB, err == nil && seen, err
}

func (p *prober) updateB(ctx context.Context, t *table) (string, bool, error) {
	tag, err := p.tx.Exec(ctx, `UPDATE `+t.ident+` SET `+t.col+` = `+t.col+` WHERE `+t.col+` = `+t.cast(1), t.b)
	return t.keyB, err == nil && tag.RowsAffected() > 0, err
}

func (p *prober) deleteB(ctx context.Context, t *table) (string, bool, error) {
	tag, err := p.tx.Exec(ctx, `DELETE FROM `+t.ident+` WHERE `+t.col+` = `+t.cast(1), t.b)
	return t.keyB, err == nil && tag.RowsAffected() > 0, err
}

// insertB inserts without RETURNING: PostgreSQL checks a returned row
// against the SELECT policies too, and would then refuse an insert that
// the policies' WITH CHECK lets through.
func (p *prober) insertB(ctx context.Context, t *table) (string, bool, error) {
	query, args := t.insertSQL(t.b, "")
	tag, err := p.tx.Exec(ctx, query, args...)
	return "", err == nil && tag.RowsAffected() > 0, err
}

func (p *prober) moveA(ctx context.Context, t *table) (string, bool, error) {
	tag, err := p.tx.Exec(ctx, `UPDATE `+t.ident+` SET `+t.col+` = `+t.cast(1)+` WHERE `+t.col+` = `+t.cast(2), t.b, t.a)
	return t.keyA, err == nil && tag.RowsAffected() > 0, err
}

// deleteAny deletes with a WHERE that reads no column.
func (p *prober) deleteAny(ctx context.Context, t *table) (string, bool, error) {
	tag, err := p.tx.Exec(ctx, `DELETE FROM `+t.ident+` WHERE random() >= 0`)
	return fmt.Sprint(tag.RowsAffected()), err == nil && tag.RowsAffected() > 1, err
}

// take gives every row it reaches to tenant A, reading no column.
func (p *prober) take(ctx context.Context, t *table) (string, bool, error) {
	tag, err := p.tx.Exec(ctx, `UPDATE `+t.ident+` SET `+t.col+` = `+t.cast(1)+` WHERE random() >= 0`, t.a)
	return fmt.Sprint(tag.RowsAffected()), err == nil && tag.RowsAffected() > 1, err
}

// selectNone reads only the tenant column, as selectB does, and names the
// rows it saw by their fixtures' keys.
func (p *prober) selectNone(ctx context.Context, t *table) (string, bool, error) {
	var a, b bool
	err := p.tx.QueryRow(ctx, `SELECT coalesce(bool_or(`+t.col+` = `+t.cast(1)+`), false), coalesce(bool_or(`+t.col+` = `+t.cast(2)+`), false)
		FROM `+t.ident+` WHERE `+t.col+` IN (`+t.cast(1)+`, `+t.cast(2)+`)`, t.a, t.b).Scan(&a, &b)
	var keys []string
	if a {
		keys = append(keys, t.keyA)
	}
	if b {
		keys = append(keys, t.keyB)
	}
	return strings.Join(keys, "; "), err == nil && len(keys) > 0, err
}

// message describes a leak and its likeliest fix, from how the table's
// row-level security is set up. uniqueKey is the error of a constraint
// that refused the row only after the policies let it through.
func (p *prober) message(t *table, op operation, key, uniqueKey string) string {
	setting := strings.Join(p.opts.Settings, ", ")
	did := op.leaked
	if uniqueKey != "" {
		did = cmp.Or(op.refused, "got a row carrying tenant B past the policies of %[2]s, which only a constraint then refused (%[3]s)")
	}
	did = fmt.Sprintf(did, key, t.display, uniqueKey)
	var fix string
	switch {
	case !t.rls:
		fix = fmt.Sprintf("enable and force row-level security on it with a policy that binds %s to %s", t.column, setting)
	case !t.forced && t.owned:
		fix = fmt.Sprintf("force row-level security on it: role %s owns it, and policies that are not forced do not apply to the owner", p.role)
	case op.noTenant:
		fix = "its policies must match no row when the tenant setting is empty"
	case op.name == "insert" || op.name == "move":
		fix = fmt.Sprintf("its policies' WITH CHECK must bind %s to %s", t.column, setting)
	case op.unread:
		fix = fmt.Sprintf("its UPDATE and DELETE policies' USING must bind %s to %s: the SELECT policies apply only to a statement that reads a column", t.column, setting)
	default:
		fix = fmt.Sprintf("its policies must bind %s to %s; one of them lets other tenants' rows through", t.column, setting)
	}
	who := fmt.Sprintf("as tenant A the role %s", p.role)
	if op.noTenant {
		who = fmt.Sprintf("with %s empty the role %s", setting, p.role)
	}
	return who + " " + did + "; " + fix
}
