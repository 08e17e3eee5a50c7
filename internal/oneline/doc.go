// Package oneline makes text from tenantvet's input safe to print in a
// line of its output.
//
// CI systems read findings one line at a time, and some act on what a line
// says: GitHub Actions runs workflow commands such as "::error file=…" and
// "::add-mask::" from any line of a job's log. A quoted identifier may hold
// a line break, so a hostile migration or query could otherwise print lines
// that pass for findings, or for commands to the CI system.
package oneline
