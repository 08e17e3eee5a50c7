package analyzer

import (
	"go/ast"
	"go/token"
	"strings"

	"github.com/tenantvet/tenantvet/sqlcheck"
)

// directive is one //tenantvet:ignore comment of the package.
type directive struct {
	sqlcheck.Directive
	comment *ast.Comment
	file    string
	line    int
	used    bool
}

// directives collects the //tenantvet:ignore comments of the package.
func directives(fset *token.FileSet, files []*ast.File) []*directive {
	var ds []*directive
	for _, f := range files {
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
				p := fset.Position(c.Pos())
				ds = append(ds, &directive{Directive: d, comment: c, file: p.Filename, line: p.Line})
			}
		}
	}
	return ds
}

// suppress reports whether a directive covers a finding of check id. A
// directive covers the line it is on and the line below, and a finding is
// covered at its call or, when it points into a constant declared
// elsewhere, at the line it points to.
func suppress(ds []*directive, id string, at ...token.Position) bool {
	for _, d := range ds {
		if d.Reason == "" || !d.Matches(id) {
			continue
		}
		for _, p := range at {
			if p.Filename == d.file && (p.Line == d.line || p.Line == d.line+1) {
				d.used = true
				return true
			}
		}
	}
	return false
}
