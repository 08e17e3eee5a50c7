// Package testfs writes the file trees that tests of migrations and config
// lookup run against, reads the files of findings that end-to-end tests
// expect, and keeps tests away from the user's query model cache.
package testfs
