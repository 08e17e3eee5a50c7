package livedb

import (
	"context"
	"fmt"

	"github.com/tenantvet/tenantvet/sqlcheck"
)

// A parent is a table that a foreign key on a tenant column references.
type parent struct {
	name   sqlcheck.QName
	column string // the referenced column
	key    string // the foreign key's name
}

// parents gives the synthetic tenants the rows that a foreign key on the
// tenant column needs: most tenant columns reference a tenants table,
// which holds neither tenant, and without them no row of A or B could be
// inserted. Each referenced table gets a row for A and one for B, as the
// connecting user and filled as the probe fills its own rows, inside the
// table's savepoint. why says what stopped it.
func (p *prober) parents(ctx context.Context, t *table) (why string, err error) {
	return p.parentsOf(ctx, t, map[parentKey]bool{}, 0)
}

// A parentKey is a referenced column, by table and name.
type parentKey struct {
	oid    uint32
	column string
}

// parentsOf fills t's parents, and theirs first: a tenants' settings table
// whose key references the tenants table needs the tenants' rows there.
// done holds the referenced columns that hold the tenants already, which
// a second row would break the key of; depth bounds a chain of keys.
func (p *prober) parentsOf(ctx context.Context, t *table, done map[parentKey]bool, depth int) (why string, err error) {
	done[parentKey{t.oid, t.column}] = true
	// Each referenced column gets its rows once, however many keys name
	// it. A key to a partitioned table has a clone on this side for each
	// partition, with the same referencing table: the rows inserted into
	// the partitioned table land in one, and inserting them there again
	// would break its key. A key checked at commit is never checked, as
	// the probe never commits.
	rows, err := p.tx.Query(ctx, `SELECT DISTINCT ON (k.confrelid, k.confkey[1]) n.nspname, r.relname, ra.attname, k.conname
		FROM pg_constraint k
		JOIN pg_class r ON r.oid = k.confrelid
		JOIN pg_namespace n ON n.oid = r.relnamespace
		JOIN pg_attribute ra ON ra.attrelid = k.confrelid AND ra.attnum = k.confkey[1]
		JOIN pg_attribute ca ON ca.attrelid = k.conrelid AND ca.attnum = k.conkey[1]
		WHERE k.conrelid = $1 AND k.contype = 'f' AND cardinality(k.conkey) = 1
			AND ca.attname = $2 AND k.confrelid <> k.conrelid AND NOT k.condeferred
			AND NOT EXISTS (SELECT FROM pg_constraint pk WHERE pk.oid = k.conparentid AND pk.conrelid = k.conrelid)
		ORDER BY k.confrelid, k.confkey[1], k.conname`, t.oid, t.column)
	if err != nil {
		return "", err
	}
	var ps []parent
	for rows.Next() {
		var par parent
		if err := rows.Scan(&par.name.Schema, &par.name.Name, &par.column, &par.key); err != nil {
			rows.Close()
			return "", err
		}
		ps = append(ps, par)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return "", err
	}
	for _, par := range ps {
		why, err := p.fillParent(ctx, t, par, done, depth)
		if err != nil {
			return "", err
		}
		if why != "" {
			return fmt.Sprintf("its foreign key %s needs a row for each tenant in %s.%s, which the probe cannot give it: %s",
				par.key, par.name.Schema, par.name.Name, why), nil
		}
	}
	return "", nil
}

// fillParent gives the parent par the rows of t's two tenants, after its
// own parents, unless an earlier key has.
func (p *prober) fillParent(ctx context.Context, t *table, par parent, done map[parentKey]bool, depth int) (why string, err error) {
	pt, why, err := p.inspect(ctx, par.name, par.column)
	if err != nil || why != "" || done[parentKey{pt.oid, pt.column}] {
		return why, err
	}
	pt.display = par.name.Schema + "." + par.name.Name
	// The key's two sides have one type, so the tenants that the table's
	// column holds are the ones its parent must hold.
	pt.a, pt.b = t.a, t.b
	// A tenants table's key is often an identity GENERATED ALWAYS, which
	// takes a value only with OVERRIDING SYSTEM VALUE; on any other column
	// that changes nothing.
	pt.overriding = true
	if depth >= maxParentDepth {
		return "its own foreign keys reach too far", nil
	}
	if why, err := p.parentsOf(ctx, pt, done, depth+1); err != nil || why != "" {
		return why, err
	}
	return p.fixtures(ctx, pt)
}

// maxParentDepth bounds the chain of tables that the tenant columns'
// foreign keys reference one after another.
const maxParentDepth = 8
