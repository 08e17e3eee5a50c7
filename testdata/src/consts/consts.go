// Package consts holds queries that other test packages use, to check that
// constants from another package are followed.
package consts

const ListOrders = "SELECT id FROM orders WHERE total > $1"

const ListOrdersScoped = "SELECT id FROM orders WHERE tenant_id = $1"
