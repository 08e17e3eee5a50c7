package livedb

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/tenantvet/tenantvet/sqlcheck"
)

// Source is the name under which the catalog's SQL is replayed; findings
// carry it as their file.
const Source = "pg_catalog"

// Snapshot is a live database's schema, replayed.
type Snapshot struct {
	Catalog *sqlcheck.Catalog
	// SQL is what was replayed, and objects the object that each
	// statement creates or changes, by the offset where it starts.
	SQL     string
	objects []object
}

type object struct {
	at   int
	name string // "public.orders", "role app", "function public.f(uuid)"
}

// Object names the object that a finding of the snapshot's catalog is
// about: the table, view, function or role whose statement it points at.
func (s *Snapshot) Object(f sqlcheck.Finding) string {
	i := sort.Search(len(s.objects), func(i int) bool { return s.objects[i].at > f.Pos }) - 1
	if i < 0 {
		return ""
	}
	return s.objects[i].name
}

// Read reads the schema of the database that conn is connected to, in one
// read-only transaction.
func Read(ctx context.Context, conn *pgx.Conn) (*Snapshot, error) {
	tx, err := conn.BeginTx(ctx, pgx.TxOptions{AccessMode: pgx.ReadOnly, IsoLevel: pgx.RepeatableRead})
	if err != nil {
		return nil, err
	}
	defer tx.Rollback(ctx)
	// The deparsers lock what they print, so a migration that holds a
	// table would stall the read; fail instead, and say so. They also
	// leave out the schema of whatever the search_path finds, and the
	// replay reads an unqualified name as public's: with only public on
	// the path, a name in any other schema keeps its schema, where a
	// schema on the path (as "$user" is, for a schema named after the
	// user) made a partition's parent, an inherited table or a view's
	// table name one of public's, which the replay then skipped.
	if _, err := tx.Exec(ctx, "SET LOCAL lock_timeout = '10s'; SET LOCAL statement_timeout = '2min'; SET LOCAL search_path = public"); err != nil {
		return nil, err
	}
	w := &writer{}
	for _, step := range steps {
		rows, err := tx.Query(ctx, step.query)
		if err != nil {
			return nil, fmt.Errorf("reading %s: %w", step.what, err)
		}
		for rows.Next() {
			vals, err := rows.Values()
			if err != nil {
				rows.Close()
				return nil, fmt.Errorf("reading %s: %w", step.what, err)
			}
			texts := make([]string, len(vals))
			for i, v := range vals {
				if v != nil {
					texts[i] = fmt.Sprint(v)
				}
			}
			w.add(texts[0], step.write(texts[1:]))
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("reading %s: %w", step.what, err)
		}
	}
	cat, err := sqlcheck.LoadCatalog([]sqlcheck.MigrationFile{{Path: Source, SQL: w.b.String()}})
	if err != nil {
		return nil, fmt.Errorf("replaying the catalog: %w", err)
	}
	if err := verify(ctx, tx, cat); err != nil {
		return nil, err
	}
	return &Snapshot{Catalog: cat, SQL: w.b.String(), objects: w.objects}, nil
}

// verify checks that the replay holds every table and view with the
// row-level security and the number of policies that the database gives
// it. The replay skips what names a relation it does not know, as a
// migration set that starts from a schema made elsewhere needs; here that
// would drop a table, or its policies, from every check without a word.
func verify(ctx context.Context, tx pgx.Tx, cat *sqlcheck.Catalog) error {
	rows, err := tx.Query(ctx, `SELECT n.nspname, x.relname, x.relkind IN ('v', 'm'), x.relrowsecurity, x.relforcerowsecurity,
			(SELECT count(*) FROM pg_policy p WHERE p.polrelid = x.oid)
		FROM pg_class x`+inSchema+`WHERE x.relkind IN ('r', 'p', 'v', 'm') AND `+relations+` ORDER BY n.nspname, x.relname`)
	if err != nil {
		return fmt.Errorf("checking the replay: %w", err)
	}
	var lost []string
	for rows.Next() {
		var q sqlcheck.QName
		var view, rls, force bool
		var policies int
		if err := rows.Scan(&q.Schema, &q.Name, &view, &rls, &force, &policies); err != nil {
			rows.Close()
			return fmt.Errorf("checking the replay: %w", err)
		}
		name := q.Schema + "." + q.Name
		switch t := cat.Table(q); {
		case t == nil || t.View != view:
			lost = append(lost, name)
		case t.RLS != rls || t.ForceRLS != force || len(t.Policies) != policies:
			lost = append(lost, fmt.Sprintf("%s (row-level security %v, forced %v, %d policies; replayed %v, %v, %d)",
				name, rls, force, policies, t.RLS, t.ForceRLS, len(t.Policies)))
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("checking the replay: %w", err)
	}
	if len(lost) > 0 {
		return fmt.Errorf("the replay of the catalog lost what the database has, so the checks would skip it: %s; this is a bug in tenantvet, please report it",
			strings.Join(lost, ", "))
	}
	return nil
}

// writer collects the statements, each on lines of its own.
type writer struct {
	b       strings.Builder
	objects []object
}

func (w *writer) add(name, stmt string) {
	if stmt == "" {
		return
	}
	w.objects = append(w.objects, object{at: w.b.Len(), name: name})
	w.b.WriteString(strings.TrimRight(stmt, "; \n"))
	w.b.WriteString(";\n")
}
