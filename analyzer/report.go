package analyzer

import (
	"fmt"
	"go/token"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/tenantvet/tenantvet/sqlcheck"
)

// reporter turns findings into diagnostics, once each.
type reporter struct {
	pass       *analysis.Pass
	seen       map[string]bool
	directives []*directive
}

func (r *reporter) site(st site, chk *sqlcheck.Checker, decls constDecls, strict bool) {
	if !st.known {
		if strict {
			r.report(st, st.arg.Pos(), st.arg.End(), sqlcheck.DynamicSQL,
				"sql passed to "+st.callee+" is not a constant string; build it from constants so tenantvet can check it")
		}
		return
	}
	lits, mapped := decls.literals(r.pass.TypesInfo, st.arg)
	for _, f := range chk.CheckLists(st.sql, st.lists) {
		pos, end := st.arg.Pos(), st.arg.End()
		if mapped && f.ID != sqlcheck.InternalError {
			pos, end = lits.pos(f.Pos), lits.pos(f.End)
		}
		r.report(st, pos, end, f.ID, f.Message)
	}
}

// report diagnoses a finding of a site unless a directive suppresses it,
// and once only: a constant used at several calls maps to one position.
func (r *reporter) report(st site, pos, end token.Pos, id, msg string) {
	fset := r.pass.Fset
	if suppress(r.directives, id, fset.Position(st.call.Pos()), fset.Position(pos)) {
		return
	}
	key := fmt.Sprint(pos, id, msg)
	if r.seen[key] {
		return
	}
	r.seen[key] = true
	r.diagnose(pos, end, id, msg)
}

func (r *reporter) unusedDirectives() {
	for _, d := range r.directives {
		switch {
		case d.Reason == "":
			r.diagnose(d.comment.Pos(), d.comment.End(), sqlcheck.IgnoreMalformed, sqlcheck.MalformedMessage)
		case !d.used:
			r.diagnose(d.comment.Pos(), d.comment.End(), sqlcheck.IgnoreUnused, sqlcheck.UnusedMessage)
		}
	}
}

// diagnose is the one place diagnostics are made, so their form cannot
// drift: the ID leads the message, since plain vet output prints nothing
// else of the diagnostic.
func (r *reporter) diagnose(pos, end token.Pos, id, msg string) {
	if end < pos {
		end = pos
	}
	r.pass.Report(analysis.Diagnostic{
		Pos:      pos,
		End:      end,
		Category: id,
		Message:  id + ": " + msg,
		URL:      strings.TrimSuffix(URL, "checks") + strings.ToLower(id),
	})
}
