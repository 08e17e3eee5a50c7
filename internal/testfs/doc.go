// Package testfs writes the file trees that tests of migrations and config
// lookup run against.
package testfs
