// Package mysql is a stand-in for github.com/go-sql-driver/mysql: a driver
// that registers itself, imported for that alone.
package mysql
