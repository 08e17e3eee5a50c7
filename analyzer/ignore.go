package analyzer

import (
	"bytes"
	"go/ast"
	"go/token"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/tenantvet/tenantvet/sqlcheck"
)

// directive is one //tenantvet:ignore comment of the package.
type directive struct {
	sqlcheck.Directive
	comment *ast.Comment
	file    string
	line    int
	alone   bool // no code precedes it on its line
	used    bool
}

// directives collects the //tenantvet:ignore comments of the package.
func directives(pass *analysis.Pass) []*directive {
	var ds []*directive
	for _, f := range pass.Files {
		var src []byte // read only for files that have directives
		for _, g := range f.Comments {
			for _, c := range g.List {
				text, ok := strings.CutPrefix(c.Text, "//")
				if !ok {
					continue
				}
				d, ok := sqlcheck.ParseDirective(text)
				if !ok {
					continue
				}
				tf := pass.Fset.File(c.Pos())
				if src == nil {
					src, _ = pass.ReadFile(tf.Name())
				}
				off := tf.Offset(c.Pos())
				lineStart := tf.Offset(tf.LineStart(tf.Line(c.Pos())))
				alone := off <= len(src) && len(bytes.TrimSpace(src[lineStart:off])) == 0
				ds = append(ds, &directive{Directive: d, comment: c, file: tf.Name(), line: tf.Line(c.Pos()), alone: alone})
			}
		}
	}
	return ds
}

// suppress reports whether a directive covers a finding of check id. A
// directive covers its own line and, when it stands alone on its line, the
// line below. A finding is covered at its call or, when it points into a
// constant declared elsewhere, at the line it points to.
func suppress(ds []*directive, id string, at ...token.Position) bool {
	for _, d := range ds {
		if d.Reason == "" || !d.Matches(id) {
			continue
		}
		for _, p := range at {
			if p.Filename == d.file && (p.Line == d.line || d.alone && p.Line == d.line+1) {
				d.used = true
				return true
			}
		}
	}
	return false
}
