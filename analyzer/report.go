package analyzer

import (
	"crypto/sha256"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/tenantvet/tenantvet/config"
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
	Function    string // the Go function of the call or directive, or ""
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

// site reports the findings of one query site. The chains of an ORM that
// the config says scopes them itself (orm_scoped) are not reported for a
// missing tenant predicate or tenant column.
func (r *reporter) site(st site, chk *sqlcheck.Checker, decls constDecls, cfg *config.Config, tc *tenantContext) {
	strict := cfg.Strict
	trusted := st.lib != "" && slices.Contains(cfg.ORMScoped, st.lib)
	if !st.known {
		if lit, format, ok := formatted(r.pass.TypesInfo, st.value); ok {
			lits, mapped := decls.literals(r.pass.TypesInfo, lit)
			for _, f := range chk.Formatted(format, tc.handle(st)) {
				pos, end := lit.Pos(), lit.End()
				if mapped {
					pos, end = lits.pos(f.Pos), lits.pos(f.End)
				}
				r.report(st, pos, end, f)
			}
		}
		if strict {
			// The expression is its identity in a baseline: one dynamic
			// query known must not hide every other one in its function.
			expr := types.ExprString(st.arg)
			r.report(st, st.arg.Pos(), st.arg.End(), sqlcheck.Finding{ID: sqlcheck.DynamicSQL,
				Fingerprint: fmt.Sprintf("%x", sha256.Sum256([]byte(st.callee+"\x00"+expr)))[:16],
				Message:     "sql passed to " + st.callee + " is not a constant string; build it from constants so tenantvet can check it"})
		}
		return
	}
	lits, mapped := decls.literals(r.pass.TypesInfo, st.arg)
	for _, f := range chk.Context(st.sql, st.lists, tc.handle(st)) {
		if trusted && (f.ID == sqlcheck.Unscoped || f.ID == sqlcheck.InsertNoTenant) {
			continue
		}
		pos, end := st.arg.Pos(), st.arg.End()
		if mapped && f.ID != sqlcheck.InternalError && f.Pos < st.own {
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
	r.diagnose(pos, end, st.call.Pos(), f)
}

func (r *reporter) unusedDirectives() {
	for _, d := range r.directives {
		switch {
		case d.Reason == "":
			r.diagnose(d.comment.Pos(), d.comment.End(), d.comment.Pos(), sqlcheck.Finding{ID: sqlcheck.IgnoreMalformed, Message: sqlcheck.MalformedMessage})
		case !d.used:
			r.diagnose(d.comment.Pos(), d.comment.End(), d.comment.Pos(), sqlcheck.Finding{ID: sqlcheck.IgnoreUnused, Message: sqlcheck.UnusedMessage})
		}
	}
}

// diagnose is the one place findings are made, so their form cannot drift.
// The function that holds scope (the call, or the directive) identifies the
// finding in a baseline, with its file, check, table and fingerprint.
func (r *reporter) diagnose(pos, end, scope token.Pos, f sqlcheck.Finding) {
	if end < pos {
		end = pos
	}
	r.result.Findings = append(r.result.Findings, Finding{Pos: pos, End: end, Check: f.ID, Table: f.Table,
		Fingerprint: f.Fingerprint, Function: r.function(scope), Message: f.Message})
}

// finish reports the findings that the baseline does not account for: the
// ID leads the message, since plain vet output prints nothing else of the
// diagnostic, and the message is one line, since it quotes the input
// (oneline).
func (r *reporter) finish() *Result {
	r.result.Findings = r.baseline.filter(r.result.Findings, func(f Finding) string { return r.pass.Fset.Position(f.Pos).Filename })
	for _, f := range r.result.Findings {
		r.pass.Report(analysis.Diagnostic{
			Pos:      f.Pos,
			End:      f.End,
			Category: f.Check,
			Message:  oneline.Escape(f.Check + ": " + f.Message),
			URL:      strings.TrimSuffix(URL, "checks") + strings.ToLower(f.Check),
		})
	}
	return &r.result
}

// function names the function or method declared around pos, as
// "Orders" or "*Store.Orders", or "" outside any.
func (r *reporter) function(pos token.Pos) string {
	for _, file := range r.pass.Files {
		if pos < file.FileStart || pos > file.FileEnd {
			continue
		}
		for _, d := range file.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || pos < fd.Pos() || pos >= fd.End() {
				continue
			}
			if fd.Recv != nil && len(fd.Recv.List) == 1 {
				return types.ExprString(fd.Recv.List[0].Type) + "." + fd.Name.Name
			}
			return fd.Name.Name
		}
	}
	return ""
}
