package sqlcheck

import (
	"fmt"

	"github.com/tenantvet/tenantvet/internal/oneline"
)

// Finding is one problem in SQL text. Pos and End are byte offsets into the
// text that was checked: the query for Check, the file for migrations.
type Finding struct {
	ID      string // a check ID from Checks, such as "TV101"
	File    string // the migration file, for migration findings
	Pos     int
	End     int
	Table   string // the tenant table concerned, when there is one
	Message string // without the ID
	// Fingerprint identifies the query or migration statement across edits
	// that move it or change its white space, for baselines.
	Fingerprint string
}

// String formats f the way every diagnostic is printed: "TV101: message".
func (f Finding) String() string { return f.ID + ": " + f.Message }

// newFinding is the one constructor of findings, so that the message format
// cannot drift between checks. Messages quote identifiers and SQL from the
// input, which may hold line breaks, so they are made one line here.
func newFinding(id string, pos, end int, table, format string, args ...any) Finding {
	if end < pos {
		end = pos
	}
	return Finding{ID: id, Pos: pos, End: end, Table: table, Message: oneline.Escape(fmt.Sprintf(format, args...))}
}
