// Package scopes holds gorm scopes and bases that other packages use
// through their facts.
package scopes

import (
	"context"

	"gorm.io/gorm"
)

// ForTenant returns a scope that binds the tenant.
func ForTenant(t string) func(*gorm.DB) *gorm.DB { // want ForTenant:`gormScope\(unfinished statement builder\)`
	return func(db *gorm.DB) *gorm.DB { return db.Where("tenant_id = ?", t) }
}

// Paginate returns a scope that binds nothing.
func Paginate(page int) func(*gorm.DB) *gorm.DB { // want Paginate:`gormScope\(unfinished statement builder\)`
	return func(db *gorm.DB) *gorm.DB { return db.Offset(page * 10).Limit(10) }
}

// Current is a scope itself.
func Current(db *gorm.DB) *gorm.DB { // want Current:`gormExtends\(0, unfinished statement builder\)`
	return db.Where("tenant_id = current_setting('app.tenant')")
}

// Branchy does more than return a chain, so it has no fact.
func Branchy(t string) func(*gorm.DB) *gorm.DB {
	if t == "" {
		return func(db *gorm.DB) *gorm.DB { return db }
	}
	return func(db *gorm.DB) *gorm.DB { return db.Where("tenant_id = ?", t) }
}

type Store struct{ DB *gorm.DB }

// Orders starts every chain of the store from its handle.
func (s *Store) Orders(ctx context.Context) *gorm.DB { // want Orders:`gormResult\(unfinished statement builder\)`
	return s.DB.WithContext(ctx).Table("orders")
}

// Scoped starts from its handle and binds the tenant.
func (s *Store) Scoped(ctx context.Context, t string) *gorm.DB { // want Scoped:`gormResult\(unfinished statement builder\)`
	return s.DB.WithContext(ctx).Where("tenant_id = ?", t)
}

type txKey struct{}

// Conn returns the transaction of the context or the store's handle: bare
// on every path, so its callers' chains are checked.
func (s *Store) Conn(ctx context.Context) *gorm.DB {
	if tx, ok := ctx.Value(txKey{}).(*gorm.DB); ok {
		return tx
	}
	return s.DB.WithContext(ctx)
}

// Tenanted binds the tenant on one path only, so its callers' chains are
// unknown.
func (s *Store) Tenanted(ctx context.Context) *gorm.DB { // want Tenanted:`gormVaries`
	if t, ok := ctx.Value(txKey{}).(string); ok {
		return s.DB.Where("tenant_id = ?", t)
	}
	return s.DB
}
