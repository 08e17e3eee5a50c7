// Package popkratos holds the persistence idioms of ory/kratos, on ory's
// fork of pop, with the network id nid as the tenant column.
package popkratos

import (
	"context"
	"fmt"

	"github.com/ory/pop/v6"

	"popkratos/popx"
)

type UUID [16]byte

type Identity struct {
	ID        UUID   `json:"id" db:"id"`
	NID       UUID   `json:"-" faker:"-" db:"nid"`
	State     string `json:"state" db:"state"`
	CreatedAt Time   `json:"created_at" db:"created_at"`
	UpdatedAt Time   `json:"updated_at" db:"updated_at"`
	// Addresses are an association, loaded by Eager.
	Addresses []VerifiableAddress `json:"addresses" has_many:"identity_verifiable_addresses" fk_id:"identity_id"`
}

func (i Identity) TableName(context.Context) string { return "identities" } // want TableName:`constResult\("identities"\)`

type VerifiableAddress struct {
	ID         UUID   `db:"id"`
	IdentityID UUID   `db:"identity_id"`
	NID        UUID   `db:"nid"`
	Value      string `db:"value"`
	CreatedAt  Time   `db:"created_at"`
	UpdatedAt  Time   `db:"updated_at"`
}

func (VerifiableAddress) TableName(ctx context.Context) string { // want TableName:`constResult\("identity_verifiable_addresses"\)`
	return "identity_verifiable_addresses"
}

type Session struct {
	ID         UUID `db:"id"`
	NID        UUID `db:"nid"`
	IdentityID UUID `db:"identity_id"`
	IssuedAt   Time `db:"issued_at"`
	CreatedAt  Time `db:"created_at"`
	UpdatedAt  Time `db:"updated_at"`
}

func (Session) TableName() string { return "sessions" } // want TableName:`constResult\("sessions"\)`

type Time struct{ wall uint64 }

type Persister struct {
	c   *pop.Connection
	nid UUID
}

func (p *Persister) NetworkID(ctx context.Context) UUID { return p.nid }

func (p *Persister) GetConnection(ctx context.Context) *pop.Connection {
	return popx.GetConnection(ctx, p.c.WithContext(ctx))
}

func (p *Persister) GetIdentity(ctx context.Context, id UUID) (*Identity, error) {
	var i Identity
	if err := p.GetConnection(ctx).Where("id = ? AND nid = ?", id, p.NetworkID(ctx)).First(&i); err != nil {
		return nil, err
	}
	return &i, nil
}

func (p *Persister) getIdentityAnyNetwork(ctx context.Context, id UUID) (*Identity, error) {
	var i Identity
	if err := p.GetConnection(ctx).Where("id = ?", id).First(&i); err != nil { // want `TV101: select from "identities" has no nid predicate; add identities.nid = \$n`
		return nil, err
	}
	return &i, nil
}

func (p *Persister) findByID(ctx context.Context, id UUID) error {
	return p.GetConnection(ctx).Find(&Identity{}, id) // want `TV101: select from "identities"`
}

func (p *Persister) ListIdentities(ctx context.Context, page, perPage int) ([]Identity, error) {
	var is []Identity
	if err := p.GetConnection(ctx).Where("nid = ?", p.NetworkID(ctx)).Order("id DESC").Paginate(page, perPage).All(&is); err != nil {
		return nil, err
	}
	if err := p.GetConnection(ctx).Order("id DESC").Paginate(page, perPage).All(&is); err != nil { // want `TV101: select from "identities"`
		return nil, err
	}
	return is, nil
}

func (p *Persister) CountIdentities(ctx context.Context) (int, error) {
	if _, err := p.c.WithContext(ctx).Count(new(Identity)); err != nil { // want `TV101: select from "identities"`
		return 0, err
	}
	return p.c.WithContext(ctx).Where("nid = ?", p.NetworkID(ctx)).Count(new(Identity))
}

func (p *Persister) addresses(ctx context.Context, ids []UUID) ([]VerifiableAddress, error) {
	var addrs []VerifiableAddress
	con := p.GetConnection(ctx)
	if err := con.Where("identity_id IN (?)", ids).Where("nid = ?", p.NetworkID(ctx)).Order("id").All(&addrs); err != nil {
		return nil, err
	}
	if err := con.Where("identity_id IN (?)", ids).Order("id").All(&addrs); err != nil { // want `TV101: select from "identity_verifiable_addresses"`
		return nil, err
	}
	return addrs, nil
}

// Eager loads the addresses by identity_id alone, after the identity: only
// the identity's own query is seen.
func (p *Persister) eager(ctx context.Context, id UUID) error {
	var i Identity
	return p.GetConnection(ctx).Eager("Addresses").Where("id = ? AND nid = ?", id, p.NetworkID(ctx)).First(&i)
}

// The pagination bug of ory/kratos 93d364c8: the page condition, joined to
// the network's with AND and no parentheses, reads other networks' rows.
func (p *Persister) page(ctx context.Context, createdAt Time, id UUID) ([]Identity, error) {
	var is []Identity
	err := p.GetConnection(ctx).Where("identities.nid = ?", p.NetworkID(ctx)).Scope(keyset(createdAt, id)).All(&is) // want `TV101: select from "identities"`
	if err != nil {
		return nil, err
	}
	return is, p.GetConnection(ctx).Where("identities.nid = ?", p.NetworkID(ctx)).Scope(keysetFixed(createdAt, id)).All(&is)
}

// keyset and keysetFixed stand for keysetpagination's Paginate, whose
// condition kratos builds at run time; here it is a constant of each shape.
func keyset(createdAt Time, id UUID) pop.ScopeFunc { // want keyset:`popScope\(unfinished statement builder\)`
	return func(q *pop.Query) *pop.Query {
		return q.Where("(identities.created_at > ?) OR (identities.created_at = ? AND identities.id > ?)", createdAt, createdAt, id).
			Order("identities.created_at, identities.id")
	}
}

func keysetFixed(createdAt Time, id UUID) pop.ScopeFunc { // want keysetFixed:`popScope\(unfinished statement builder\)`
	return func(q *pop.Query) *pop.Query {
		return q.Where("((identities.created_at > ?) OR (identities.created_at = ? AND identities.id > ?))", createdAt, createdAt, id).
			Order("identities.created_at, identities.id")
	}
}

func (p *Persister) pageConst(ctx context.Context, createdAt Time, id UUID) error {
	var is []Identity
	q := p.GetConnection(ctx).Where("identities.nid = ?", p.NetworkID(ctx))
	q = q.Where("(identities.created_at > ?) OR (identities.created_at = ? AND identities.id > ?)", createdAt, createdAt, id)
	if err := q.All(&is); err != nil { // want `TV101: select from "identities"`
		return err
	}
	r := p.GetConnection(ctx).Where("identities.nid = ?", p.NetworkID(ctx))
	r = r.Where("((identities.created_at > ?) OR (identities.created_at = ? AND identities.id > ?))", createdAt, createdAt, id)
	return r.All(&is)
}

// UpsertSession checks the network before it updates by id, which pop's
// Update does alone: the update is still reported.
func (p *Persister) UpsertSession(ctx context.Context, s *Session) error {
	return p.c.Transaction(func(tx *pop.Connection) error {
		exists, err := tx.Where("id = ? AND nid = ?", s.ID, s.NID).Exists(new(Session))
		if err != nil {
			return err
		}
		if exists {
			return tx.Update(s, "issued_at", "identity_id", "nid") // want `TV101: update of "sessions" has no nid predicate`
		}
		return tx.Create(s) // a value whose fields are unknown
	})
}

func (p *Persister) createIdentity(ctx context.Context, id UUID) error {
	if err := p.GetConnection(ctx).Create(&Identity{ID: id, State: "active"}); err != nil { // want `TV102: insert into "identities" does not set nid`
		return err
	}
	return p.GetConnection(ctx).Create(&Identity{ID: id, NID: p.NetworkID(ctx), State: "active"})
}

func (p *Persister) deletes(ctx context.Context, id UUID) error {
	if err := p.GetConnection(ctx).Destroy(&Identity{ID: id}); err != nil { // want `TV101: delete from "identities"`
		return err
	}
	if err := p.GetConnection(ctx).Where("id = ?", id).Delete(new(Identity)); err != nil { // want `TV101: delete from "identities"`
		return err
	}
	return p.GetConnection(ctx).Where("id = ? AND nid = ?", id, p.NetworkID(ctx)).Delete(new(Identity))
}

func (p *Persister) updates(ctx context.Context, i *Identity) error {
	if _, err := p.GetConnection(ctx).Where("id = ? AND nid = ?", i.ID, p.NetworkID(ctx)).UpdateQuery(i, "state"); err != nil {
		return err
	}
	_, err := p.GetConnection(ctx).Where("id = ?", i.ID).UpdateQuery(i, "state") // want `TV101: update of "identities"`
	return err
}

// Raw SQL is checked where RawQuery is called.
func (p *Persister) raw(ctx context.Context, id UUID) error {
	var i Identity
	if err := p.GetConnection(ctx).RawQuery("SELECT * FROM identities WHERE id = ? AND nid = ?", id, p.NetworkID(ctx)).First(&i); err != nil {
		return err
	}
	if err := p.GetConnection(ctx).RawQuery("SELECT * FROM identities WHERE id = ?", id).First(&i); err != nil { // want `TV101: select from "identities"`
		return err
	}
	n, err := p.GetConnection(ctx).RawQuery(fmt.Sprintf("DELETE FROM %s WHERE id = ? AND nid = ?", "identities"), id, p.NetworkID(ctx)).ExecWithCount()
	_ = n
	return err
}
