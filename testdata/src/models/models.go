// Package models names tables the way ORMs do, through TableName methods.
package models

type Order struct{}

func (Order) TableName() string { return "orders" } // want TableName:`constResult\("orders"\)`

type Plan struct{}

func (Plan) TableName() string { return "price_plans" } // want TableName:`constResult\("price_plans"\)`
