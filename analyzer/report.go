package analyzer

import (
	"fmt"
	"go/token"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/tenantvet/tenantvet/internal/oneline"
	"github.com/tenantvet/tenantvet/sqlcheck"
)

// Result is what the analyzer returns for a package: the findings it
// reported, with what identifies them in a baseline. Drivers that write
// baselines or SARIF read it.
type Result struct {
	Findings []Finding
}

// Finding is one reported diagnostic.
type Finding struct {
	Pos, End    token.Pos
	Check       string
	Table       string
	Fingerprint string
	Message     string // without the ID
}

// reporter turns findings into diagnostics, once each.
type reporter struct {
	pass       *analysis.Pass
	seen       map[string]bool
	directives []*directive
	baseline   baseline
	result     Result
}

func (r *reporter) site(st site, chk *sqlcheck.Checker, decls constDecls, strict bool) {
	if !st.known {
		if strict {
			r.report(st, st.arg.Pos(), st.arg.End(), sqlcheck.Finding{ID: sqlcheck.DynamicSQL,
				Message: "sql passed to " + st.callee + " is not a constant string; build it from constants so tenantvet can check it"})
		}
		return
	}
	lits, mapped := decls.literals(r.pass.TypesInfo, st.arg)
	for _, f := range chk.CheckLists(st.sql, st.lists) {
		pos, end := st.arg.Pos(), st.arg.End()
		if mapped && f.ID != sqlcheck.InternalError {
			pos, end = lits.pos(f.Pos), lits.pos(f.End)
		}
		r.report(st, pos, end, f)
	}
}

// report diagnoses a finding of a site unless a directive suppresses it,
// and once only: a constant used at several calls maps to one position.
func (r *reporter) report(st site, pos, end token.Pos, f sqlcheck.Finding) {
	fset := r.pass.Fset
	if suppress(r.directives, f.ID, fset.Position(st.call.Pos()), fset.Position(pos)) {
		return
	}
	key := fmt.Sprint(pos, f.ID, f.Message)
	if r.seen[key] {
		return
	}
	r.seen[key] = true
	r.diagnose(pos, end, f)
}

func (r *reporter) unusedDirectives() {
	for _, d := range r.directives {
		switch {
		case d.Reason == "":
			r.diagnose(d.comment.Pos(), d.comment.End(), sqlcheck.Finding{ID: sqlcheck.IgnoreMalformed, Message: sqlcheck.MalformedMessage})
		case !d.used:
			r.diagnose(d.comment.Pos(), d.comment.End(), sqlcheck.Finding{ID: sqlcheck.IgnoreUnused, Message: sqlcheck.UnusedMessage})
		}
	}
}

// diagnose is the one place diagnostics are made, so their form cannot
// drift: the ID leads the message, since plain vet output prints nothing
// else of the diagnostic, and the message is one line, since it quotes the
// input (oneline). Findings in the baseline are known and dropped.
func (r *reporter) diagnose(pos, end token.Pos, f sqlcheck.Finding) {
	if end < pos {
		end = pos
	}
	if r.baseline.has(r.pass.Fset.Position(pos).Filename, f) {
		return
	}
	r.result.Findings = append(r.result.Findings, Finding{Pos: pos, End: end, Check: f.ID, Table: f.Table, Fingerprint: f.Fingerprint, Message: f.Message})
	r.pass.Report(analysis.Diagnostic{
		Pos:      pos,
		End:      end,
		Category: f.ID,
		Message:  oneline.Escape(f.ID + ": " + f.Message),
		URL:      strings.TrimSuffix(URL, "checks") + strings.ToLower(f.ID),
	})
}
