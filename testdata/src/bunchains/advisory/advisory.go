// Package advisory holds the bun queries of SigNoz's advisory
// GHSA-h37r-3qfp-73w6: a rule fetched, updated and deleted by its id
// alone, so one organization's user reaches another's rules, beside the
// sibling query that lists the rules of the caller's organization.
package advisory

import (
	"context"
	"time"

	"github.com/uptrace/bun"
)

type StorableRule struct {
	bun.BaseModel `bun:"table:rules"`

	ID        string    `bun:"id,pk,type:text"`
	OrgID     string    `bun:"org_id,type:text"`
	Data      string    `bun:"data,type:text,notnull"`
	UpdatedAt time.Time `bun:"updated_at"`
}

type store struct{ db *bun.DB }

func (s *store) GetStoredRule(ctx context.Context, id string) (*StorableRule, error) {
	rule := new(StorableRule)
	err := s.db.NewSelect().Model(rule).Where("id = ?", id).Scan(ctx) // want `TV101: select from "rules" has no org_id predicate`
	return rule, err
}

func (s *store) EditRule(ctx context.Context, rule *StorableRule) error {
	_, err := s.db.NewUpdate().Model(rule).Where("id = ?", rule.ID).Exec(ctx) // want `TV101: update of "rules" has no org_id predicate` `TV103: update "rules" sets org_id`
	return err
}

func (s *store) DeleteRule(ctx context.Context, id string) error {
	_, err := s.db.NewDelete().Model(new(StorableRule)).Where("id = ?", id).Exec(ctx) // want `TV101: delete from "rules" has no org_id predicate`
	return err
}

func (s *store) GetStoredRules(ctx context.Context, orgID string) ([]*StorableRule, error) {
	rules := make([]*StorableRule, 0)
	err := s.db.NewSelect().Model(&rules).Where("org_id = ?", orgID).Scan(ctx)
	return rules, err
}

// The fixed queries.
func (s *store) getStoredRule(ctx context.Context, orgID, id string) (*StorableRule, error) {
	rule := new(StorableRule)
	err := s.db.NewSelect().Model(rule).Where("id = ?", id).Where("org_id = ?", orgID).Scan(ctx)
	return rule, err
}

func (s *store) editRule(ctx context.Context, orgID string, rule *StorableRule) error {
	_, err := s.db.NewUpdate().Model(rule).ExcludeColumn("org_id").Where("id = ?", rule.ID).Where("org_id = ?", orgID).Exec(ctx)
	return err
}

func (s *store) deleteRule(ctx context.Context, orgID, id string) error {
	_, err := s.db.NewDelete().Model(new(StorableRule)).Where("id = ?", id).Where("org_id = ?", orgID).Exec(ctx)
	return err
}
