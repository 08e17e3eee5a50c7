// Package validate is a stand-in for github.com/gobuffalo/validate/v3: the
// one type that pop's signatures name.
package validate

type Errors struct{}
