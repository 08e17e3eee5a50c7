package analyzer

import (
	_ "embed"
	"go/build"
	"path/filepath"
	"reflect"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/tenantvet/tenantvet/config"
)

//go:embed doc.go
var doc string

// URL is where every check is documented; a finding's URL adds its ID as
// the anchor.
const URL = "https://github.com/tenantvet/tenantvet#checks"

// Analyzer finds its configuration in .tenantvet.yaml, found from each
// package's directory, and in its flags.
var Analyzer = New(nil)

// Option changes how an Analyzer reports.
type Option func(*state)

// MigrationsAtEmbed reports the migration checks' findings at the
// //go:embed directive that embeds the files, with the .sql position in the
// message, for drivers such as golangci-lint that drop diagnostics outside
// .go files.
func MigrationsAtEmbed() Option { return func(s *state) { s.atEmbed = true } }

// New returns a fresh Analyzer. With a nil cfg, each package uses the
// .tenantvet.yaml found from its directory; otherwise every package uses
// cfg. Flags override either.
func New(cfg *config.Config, opts ...Option) *analysis.Analyzer {
	s := &state{fixed: cfg, entries: map[entryKey]*entry{}, baselines: map[string]baseline{}}
	for _, o := range opts {
		o(s)
	}
	a := &analysis.Analyzer{
		Name:       "tenantvet",
		Doc:        extractDoc(doc),
		URL:        URL,
		Requires:   []*analysis.Analyzer{inspect.Analyzer},
		FactTypes:  []analysis.Fact{new(queryWrapper), new(constResult), new(chainResult)},
		ResultType: reflect.TypeOf((*Result)(nil)),
		Run:        s.run,
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

func (s *state) run(pass *analysis.Pass) (any, error) {
	if len(pass.Files) == 0 {
		return &Result{}, nil
	}
	// Another dialect's SQL is not checked, and its functions are no
	// wrappers for callers elsewhere.
	if otherDialect(pass.Pkg) != "" {
		return &Result{}, nil
	}
	insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	// Callers in other packages need the wrapper facts even where nothing
	// is reported, so they come first.
	w := gatherWrappers(pass, insp)
	chSites := chainSites(pass, insp) // exports the facts of builders too
	dir, ok := packageDir(pass)
	if !ok {
		return &Result{}, nil
	}
	sites := append(findSites(pass, insp, w), chSites...)
	// Drivers analyze dependencies for their facts alone, so a library
	// whose config is missing, does not load or finds no tenant table is no
	// error. Nor is a package of the module with nothing to check; one with
	// SQL to check, or that owns the migrations, must not pass unchecked.
	fail := func(err error, needed bool) (any, error) {
		if !needed || isDependency(pass, dir) {
			return &Result{}, nil
		}
		return nil, err
	}
	e := s.entryFor(dir)
	// An error that an earlier package met, such as a migration that does
	// not parse, fails this one too when it needs the config.
	abs, _ := filepath.Abs(dir)
	owned, anchor := ownedMigrations(pass, abs, e.cfg.MigrationDirs())
	needed := len(owned) > 0 || slices.ContainsFunc(sites, func(s site) bool { return s.known })
	if e.err != nil {
		return fail(e.err, needed)
	}
	bl, err := s.baselineFor(config.ModuleRoot(dir))
	if err != nil {
		return fail(err, needed)
	}
	r := &reporter{pass: pass, seen: map[string]bool{}, directives: directives(pass), baseline: bl}
	if len(sites) > 0 {
		chk, err := e.checker()
		if err != nil {
			return fail(err, needed)
		}
		decls := newConstDecls(pass.Files, pass.TypesInfo)
		tc := newTenantContext(pass, chk, sites)
		for _, st := range sites {
			r.site(st, chk, decls, &e.cfg, tc)
		}
	}
	if err := r.reportMigrations(e, abs, owned, anchor, s.atEmbed); err != nil {
		return fail(err, true)
	}
	r.unusedDirectives()
	return r.finish(), nil
}

// isDependency reports whether the package belongs to code that the user's
// module depends on rather than its own: a module other than the main ones
// (which have no version, in a workspace too), or the standard library.
// The driver's module data decides, not the path: GOMODCACHE may be
// anywhere, and -mod=vendor puts dependencies inside the module. Without
// module data (GOPATH mode), the path is all there is.
func isDependency(pass *analysis.Pass, dir string) bool {
	if m := pass.Module; m != nil && m.Path != "" {
		return !m.Main && m.Version != ""
	}
	sep := string(filepath.Separator)
	return strings.HasPrefix(dir, filepath.Join(build.Default.GOROOT, "src")+sep) ||
		strings.Contains(dir, sep+"vendor"+sep)
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
