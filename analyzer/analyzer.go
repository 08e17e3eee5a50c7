package analyzer

import (
	_ "embed"
	"flag"
	"fmt"
	"go/token"
	"path/filepath"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/tenantvet/tenantvet/config"
	"github.com/tenantvet/tenantvet/sqlcheck"
)

//go:embed doc.go
var doc string

// URL is where every check is documented; a finding's URL adds its ID as
// the anchor.
const URL = "https://github.com/tenantvet/tenantvet#checks"

// Analyzer finds its configuration in .tenantvet.yaml, found from each
// package's directory, and in its flags.
var Analyzer = New(nil)

// New returns a fresh Analyzer. With a nil cfg, each package uses the
// .tenantvet.yaml found from its directory; otherwise every package uses
// cfg. Flags override either.
func New(cfg *config.Config) *analysis.Analyzer {
	s := &state{fixed: cfg, byPath: map[string]*entry{}}
	a := &analysis.Analyzer{
		Name:     "tenantvet",
		Doc:      extractDoc(doc),
		URL:      URL,
		Requires: []*analysis.Analyzer{inspect.Analyzer},
		Run:      s.run,
	}
	s.flags.register(&a.Flags)
	return a
}

// extractDoc returns the part of the package comment from the analyzer's
// title line on, which is the form go/analysis drivers print for -help.
func extractDoc(src string) string {
	var lines []string
	for _, line := range strings.Split(src, "\n") {
		text, ok := strings.CutPrefix(line, "//")
		if !ok {
			break
		}
		lines = append(lines, strings.TrimPrefix(text, " "))
	}
	text := strings.Join(lines, "\n")
	_, after, ok := strings.Cut(text, "# Analyzer tenantvet\n\n")
	if !ok {
		panic("analyzer/doc.go lacks its # Analyzer tenantvet heading")
	}
	return strings.TrimPrefix(after, "tenantvet: ")
}

// flagValues mirror the keys of .tenantvet.yaml.
type flagValues struct {
	config, columns, tables, migrations, exempt string
	strict                                      bool
}

func (f *flagValues) register(fs *flag.FlagSet) {
	fs.StringVar(&f.config, "config", "", "config `file` (default: .tenantvet.yaml found from each package's directory)")
	fs.StringVar(&f.columns, "tenant-column", "", "comma-separated tenant column `names` (default tenant_id)")
	fs.StringVar(&f.tables, "tables", "", "comma-separated tenant `tables`, in addition to those found in migrations")
	fs.StringVar(&f.migrations, "migrations", "", "comma-separated migration `directories`")
	fs.StringVar(&f.exempt, "exempt", "", "comma-separated `tables` that are never tenant tables")
	fs.BoolVar(&f.strict, "strict", false, "report SQL that is not a constant string (TV002)")
}

// overlay returns c with the keys that flags set replaced.
func (f *flagValues) overlay(c config.Config) config.Config {
	if f.columns != "" {
		c.TenantColumn = split(f.columns)
	}
	if f.tables != "" {
		c.Tables = split(f.tables)
	}
	if f.migrations != "" {
		// Directories given as flags are relative to where the tool runs.
		c.Migrations, c.Dir = split(f.migrations), "."
	}
	if f.exempt != "" {
		c.Exempt = split(f.exempt)
	}
	c.Strict = c.Strict || f.strict
	return c
}

func split(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// state is what one Analyzer keeps across the packages it checks. Drivers
// run packages in parallel, so it is guarded.
type state struct {
	fixed *config.Config
	flags flagValues

	mu     sync.Mutex
	byPath map[string]*entry // by config file path; "" for flags alone
}

// entry is one configuration and, once a package needs it, the checker
// built from it. Replaying migrations is the costly part, so it happens at
// most once per process and only for packages that have query sites.
type entry struct {
	cfg  config.Config
	err  error
	once sync.Once
	chk  *sqlcheck.Checker
}

func (e *entry) checker() (*sqlcheck.Checker, error) {
	e.once.Do(func() {
		t, err := e.cfg.Tenancy()
		if err != nil {
			e.err = err
			return
		}
		e.chk = sqlcheck.NewChecker(t)
	})
	return e.chk, e.err
}

// entryFor returns the configuration that governs the package in dir.
func (s *state) entryFor(dir string) *entry {
	path := s.flags.config
	if path == "" && s.fixed == nil {
		path = config.Find(dir)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if e := s.byPath[path]; e != nil {
		return e
	}
	e := &entry{}
	switch {
	case path != "":
		c, err := config.Load(path)
		if err != nil {
			e.err = err
			break
		}
		e.cfg = *c
	case s.fixed != nil:
		e.cfg = *s.fixed
	}
	if e.err == nil {
		e.cfg = s.flags.overlay(e.cfg)
		if err := e.cfg.Validate(); err != nil {
			e.err = fmt.Errorf("%s (no .tenantvet.yaml found from %s)", err, dir)
			if path != "" {
				e.err = fmt.Errorf("%s: %w", path, err)
			}
		}
	}
	s.byPath[path] = e
	return e
}

func (s *state) run(pass *analysis.Pass) (any, error) {
	if len(pass.Files) == 0 {
		return nil, nil
	}
	dir, ok := packageDir(pass)
	if !ok {
		return nil, nil
	}
	e := s.entryFor(dir)
	if e.err != nil {
		return nil, e.err
	}
	insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	sites := findSites(pass, insp)
	r := &reporter{pass: pass, seen: map[string]bool{}, directives: directives(pass.Fset, pass.Files)}
	if len(sites) > 0 {
		chk, err := e.checker()
		if err != nil {
			return nil, err
		}
		decls := newConstDecls(pass.Files, pass.TypesInfo)
		for _, st := range sites {
			r.site(st, chk, decls, e.cfg.Strict)
		}
	}
	r.unusedDirectives()
	return nil, nil
}

// packageDir is the directory of the package's source. The files that cgo
// generates, and the test main that go test synthesises, live in the build
// cache and carry no .go suffix there; a package of nothing else has no
// source of its own to check.
func packageDir(pass *analysis.Pass) (string, bool) {
	for _, f := range pass.Files {
		if n := pass.Fset.File(f.Pos()).Name(); strings.HasSuffix(n, ".go") {
			return filepath.Dir(n), true
		}
	}
	return "", false
}

// reporter turns findings into diagnostics, once each.
type reporter struct {
	pass       *analysis.Pass
	seen       map[string]bool
	directives []*directive
}

func (r *reporter) site(st site, chk *sqlcheck.Checker, decls constDecls, strict bool) {
	if !st.known {
		if strict {
			r.report(st, sqlcheck.Finding{ID: sqlcheck.DynamicSQL, Message: fmt.Sprintf(
				"sql passed to %s is not a constant string; build it from constants so tenantvet can check it", st.callee)}, st.arg.Pos(), st.arg.End())
		}
		return
	}
	lits, mapped := decls.literals(r.pass.TypesInfo, st.arg)
	for _, f := range chk.Check(st.sql) {
		pos, end := st.arg.Pos(), st.arg.End()
		if mapped && f.ID != sqlcheck.InternalError {
			pos, end = lits.pos(f.Pos), lits.pos(f.End)
		}
		r.report(st, f, pos, end)
	}
}

func (r *reporter) report(st site, f sqlcheck.Finding, pos, end token.Pos) {
	fset := r.pass.Fset
	if suppress(r.directives, f.ID, fset.Position(st.call.Pos()), fset.Position(pos)) {
		return
	}
	key := fmt.Sprint(pos, f.ID, f.Message)
	if r.seen[key] {
		return
	}
	r.seen[key] = true
	r.diagnose(pos, end, f.ID, f.Message)
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
