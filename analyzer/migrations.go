package analyzer

import (
	"fmt"
	"go/ast"
	"go/token"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// reportMigrations reports the migration rules' findings, at positions in
// the .sql files, in the package that owns the migrations: the package in
// a migration directory, or, when that directory holds no Go package, a
// package that embeds its files. So one go vet run covers both halves, and
// nothing is reported twice.
//
// With atEmbed, for drivers such as golangci-lint that drop diagnostics
// outside .go files, each finding is reported at the //go:embed directive
// (or the package clause) instead, with its .sql position in the message.
// owned and anchor are what ownedMigrations returned for the package in
// pkgDir, an absolute path.
func (r *reporter) reportMigrations(e *entry, pkgDir string, owned []string, anchor token.Pos, atEmbed bool) error {
	if len(owned) == 0 {
		return nil
	}
	t, findings, err := e.migrationFindings()
	if err != nil {
		return err
	}
	// The .sql files join the file set, as asmdecl's assembly files do, so
	// that drivers print positions in them.
	files := map[string]*token.File{}
	for _, f := range findings {
		abs, _ := filepath.Abs(f.File)
		if !ownedBy(owned, abs) {
			continue
		}
		tf := files[abs]
		if tf == nil {
			src := t.Catalog.Source(f.File)
			tf = r.pass.Fset.AddFile(abs, -1, len(src))
			tf.SetLinesForContent([]byte(src))
			files[abs] = tf
		}
		pos, end := tf.Pos(min(f.Pos, tf.Size())), tf.Pos(min(f.End, tf.Size()))
		if atEmbed {
			p := r.pass.Fset.Position(pos)
			rel, _ := filepath.Rel(pkgDir, abs)
			f.Message = fmt.Sprintf("%s:%d:%d: %s", filepath.ToSlash(rel), p.Line, p.Column, f.Message)
			pos, end = anchor, anchor
		}
		r.diagnose(pos, end, token.NoPos, f)
	}
	return nil
}

// ownedMigrations returns the migration directories that the package in
// pkgDir owns, and where to anchor their findings: the //go:embed directive
// that embeds them, or else the package clause.
func ownedMigrations(pass *analysis.Pass, pkgDir string, dirs []string) ([]string, token.Pos) {
	var owned []string
	anchor := pass.Files[0].Name.Pos()
	for _, dir := range dirs {
		abs, err := filepath.Abs(dir)
		if err != nil {
			continue
		}
		embed := embeds(pass, pkgDir, abs)
		if abs == pkgDir || embed != nil && !hasGoFiles(abs) {
			owned = append(owned, abs)
			if embed != nil {
				anchor = embed.Pos()
			}
		}
	}
	return owned, anchor
}

func ownedBy(dirs []string, file string) bool {
	for _, d := range dirs {
		if filepath.Dir(file) == d {
			return true
		}
	}
	return false
}

// hasGoFiles reports whether dir holds a Go package of its own.
func hasGoFiles(dir string) bool {
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if n := e.Name(); strings.HasSuffix(n, ".go") && !strings.HasSuffix(n, "_test.go") {
			return true
		}
	}
	return false
}

// embeds returns the //go:embed directive of the package that names dir
// or the files in it, or nil.
func embeds(pass *analysis.Pass, pkgDir, dir string) *ast.Comment {
	for _, f := range pass.Files {
		for _, g := range f.Comments {
			for _, c := range g.List {
				patterns, ok := strings.CutPrefix(c.Text, "//go:embed ")
				if !ok {
					continue
				}
				for _, p := range strings.Fields(patterns) {
					p = filepath.Join(pkgDir, strings.TrimPrefix(strings.Trim(p, "\"`"), "all:"))
					if matched, _ := filepath.Match(p, dir); matched {
						return c
					}
					// A pattern of the files in it embeds them too.
					if matched, _ := filepath.Match(p, filepath.Join(dir, "x.sql")); matched || filepath.Dir(p) == dir {
						return c
					}
					// Embedding a parent directory embeds the migrations too,
					// by name or by a pattern (//go:embed * in schema/ of
					// schema/postgresql/v12).
					for a := filepath.Dir(dir); len(a) > len(pkgDir); a = filepath.Dir(a) {
						if matched, _ := filepath.Match(p, a); matched {
							return c
						}
					}
				}
			}
		}
	}
	return nil
}
