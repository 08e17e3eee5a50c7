// Package gormscopes follows gorm scopes, in the package and across
// packages.
package gormscopes

import (
	"context"

	"gorm.io/gorm"

	"ormchains/gormscopes/scopes"
)

type Order struct {
	ID       int64
	TenantID string
}

func byTenant(t string) func(*gorm.DB) *gorm.DB { // want byTenant:`gormScope\(unfinished statement builder\)`
	return func(db *gorm.DB) *gorm.DB { return db.Where("tenant_id = ?", t) }
}

func recent(db *gorm.DB) *gorm.DB { return db.Order("id desc") } // want recent:`gormExtends\(0, unfinished statement builder\)`

func use(ctx context.Context, db *gorm.DB, s *scopes.Store, t string, id int64) {
	var os []Order
	db.Scopes(scopes.ForTenant(t)).Find(&os)
	db.Scopes(scopes.Paginate(1)).Find(&os) // want `TV101: select from "orders"`
	db.Scopes(scopes.Current).Find(&os)
	scopes.Current(db).Find(&os)
	db.Scopes(scopes.Paginate(2), scopes.ForTenant(t)).Find(&os)
	db.Scopes(byTenant(t), recent).Find(&os)
	db.Scopes(recent).Find(&os) // want `TV101: select from "orders"`
	recent(db).Find(&os)        // want `TV101: select from "orders"`
	recent(db.Where("tenant_id = ?", t)).Find(&os)
	db.Scopes(scopes.Branchy(t)).Find(&os) // unknown: silent

	inline := func(d *gorm.DB) *gorm.DB { return d.Where("tenant_id = ?", t) }
	db.Scopes(inline).First(&os, id)
	open := func(d *gorm.DB) *gorm.DB { return d.Where("id = ?", id) }
	db.Scopes(open).First(&os) // want `TV101: select from "orders"`

	var n int64
	s.Orders(ctx).Count(&n) // want `TV101: select from "orders"`
	s.Orders(ctx).Where("tenant_id = ?", t).Count(&n)
	s.Scoped(ctx, t).Find(&os)
	s.Scoped(ctx, t).Or("id = ?", id).Find(&os) // want `TV101: select from "orders"`
	s.Conn(ctx).First(&os, id)                  // want `TV101: select from "orders"`
	s.Conn(ctx).Where("tenant_id = ?", t).First(&os, id)
	s.Tenanted(ctx).First(&os, id) // unknown: silent
	local(ctx, db, t).First(&os, id)
}

// local binds the tenant on one path: its callers in the package are
// unknown too.
func local(ctx context.Context, db *gorm.DB, t string) *gorm.DB { // want local:`gormVaries`
	if t != "" {
		return db.Where("tenant_id = ?", t)
	}
	return db
}
