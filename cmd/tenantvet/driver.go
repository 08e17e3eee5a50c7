package main

import (
	"cmp"
	"errors"
	"flag"
	"fmt"
	"go/token"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/tenantvet/tenantvet/analyzer"
	"github.com/tenantvet/tenantvet/config"
	"github.com/tenantvet/tenantvet/internal/oneline"
)

// The driver runs the analyzer through go/analysis/checker, as singlechecker
// does, for what singlechecker cannot do: write SARIF and write baselines.
// main hands it the command line only when it holds -format or
// -write-baseline, so every other invocation, go vet's included, stays with
// singlechecker.

const driverUsage = `usage: tenantvet [flags] -format=sarif packages...
       tenantvet [flags] -write-baseline file packages...

-format=sarif prints the findings as SARIF 2.1.0 on standard output.
-write-baseline records every current finding in file, for -baseline.
The analyzer's flags (-config, -strict, -baseline, ...) work as without
-format. Exit status: 0 clean, 3 findings, 1 error; -write-baseline
exits 0 once it has written the file.

Flags:
`

// usesDriver reports whether args, before any "--", hold a flag that only
// the driver knows.
func usesDriver(args []string) bool {
	for _, arg := range args {
		if arg == "--" {
			return false
		}
		if !strings.HasPrefix(arg, "-") {
			continue
		}
		name, _, _ := strings.Cut(strings.TrimPrefix(strings.TrimPrefix(arg, "-"), "-"), "=")
		if name == "format" || name == "write-baseline" {
			return true
		}
	}
	return false
}

// documentDriverFlags lists -format and -write-baseline in singlechecker's
// help, which main hands them to the driver before singlechecker sees them.
// Only for -h: declared always, they would reach -flags, and go vet would
// then pass them to each package's process.
func documentDriverFlags() {
	flag.String("format", "text", "output `form`: text or sarif (SARIF 2.1.0 on standard output; see tenantvet -format=sarif -h)")
	flag.String("write-baseline", "", "write every finding to this baseline `file`, relative to the module root, and exit 0")
}

// helpRequested reports whether args ask for the help text.
func helpRequested(args []string) bool {
	for _, arg := range args {
		if arg == "--" {
			return false
		}
		if arg == "-h" || arg == "-help" || arg == "--help" || arg == "--h" {
			return true
		}
	}
	return false
}

// runDriver is the command with -format or -write-baseline.
func runDriver(args []string, stdout, stderr io.Writer) int {
	a := analyzer.Analyzer
	fs := flag.NewFlagSet("tenantvet", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, driverUsage); fs.PrintDefaults() }
	// The analyzer's own flags share their values, so they configure it
	// exactly as under singlechecker.
	a.Flags.VisitAll(func(f *flag.Flag) { fs.Var(f.Value, f.Name, f.Usage) })
	format := fs.String("format", "text", "output `form`: text or sarif")
	writeBaseline := fs.String("write-baseline", "", "write every finding to this baseline `file`, relative to the module root, and exit 0")
	tests := fs.Bool("test", true, "analyze test files too")
	fs.String("tags", "", "comma-separated build `tags` of the files to analyze (passed on in GOFLAGS)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 1
	}
	fail := func(format string, args ...any) int {
		fmt.Fprintf(stderr, "tenantvet: "+format+"\n", args...)
		return 1
	}
	switch {
	case *format != "text" && *format != "sarif":
		return fail("-format must be text or sarif, not %q", *format)
	case *writeBaseline != "" && *format != "text":
		return fail("-write-baseline prints no findings, so it takes no -format")
	case fs.NArg() == 0:
		fs.Usage()
		return 1
	}
	wd, err := os.Getwd()
	if err != nil {
		return fail("%v", err)
	}
	root := config.ModuleRoot(wd)
	if *writeBaseline != "" {
		// A new baseline records every finding, not just those that an old
		// baseline does not list.
		if err := a.Flags.Set("baseline", ""); err != nil {
			return fail("%v", err)
		}
	}

	found, errs := analyze(a, fs.Args(), *tests)
	for _, e := range errs {
		fmt.Fprintln(stderr, e)
	}
	if len(errs) > 0 {
		// Nothing is written: a partial SARIF log or baseline would pass
		// for a clean run of whatever failed.
		return 1
	}

	switch {
	case *writeBaseline != "":
		path := *writeBaseline
		if !filepath.IsAbs(path) {
			path = filepath.Join(root, path)
		}
		entries := make([]analyzer.BaselineEntry, 0, len(found))
		for _, f := range found {
			entries = append(entries, analyzer.NewBaselineEntry(f.out.File, f.finding))
		}
		if err := analyzer.WriteBaseline(path, entries); err != nil {
			return fail("%v", err)
		}
		fmt.Fprintf(stderr, "tenantvet: wrote %d findings to %s\n", len(found), path)
		return 0
	case *format == "sarif":
		out := make([]outFinding, len(found))
		for i, f := range found {
			out[i] = f.out
		}
		if err := writeSARIF(stdout, root, out); err != nil {
			return fail("%v", err)
		}
	default:
		// The form singlechecker prints, on the same stream.
		for _, f := range found {
			fmt.Fprintf(stderr, "%s:%d:%d: %s: %s\n", oneline.Escape(f.out.File), f.out.Line, f.out.Column, f.out.Check, oneline.Escape(f.out.Message))
		}
	}
	if len(found) > 0 {
		return 3
	}
	return 0
}

// driverFinding is a finding with its resolved position.
type driverFinding struct {
	out     outFinding
	finding analyzer.Finding
}

// analyze loads the packages that patterns match, with their tests, and
// runs a on them. It returns the findings of the root packages, once each
// and sorted, and every error: of loading, of type checking, or of the
// analysis.
func analyze(a *analysis.Analyzer, patterns []string, tests bool) ([]driverFinding, []string) {
	cfg := &packages.Config{Mode: packages.LoadAllSyntax | packages.NeedModule, Tests: tests}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		return nil, []string{"tenantvet: " + err.Error()}
	}
	if len(pkgs) == 0 {
		return nil, []string{fmt.Sprintf("tenantvet: %s matched no packages", strings.Join(patterns, " "))}
	}
	var errs []string
	seenErr := map[string]bool{}
	addErr := func(s string) {
		if !seenErr[s] {
			seenErr[s] = true
			errs = append(errs, s)
		}
	}
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		for _, e := range p.Errors {
			addErr(e.Error())
		}
	})
	graph, err := checker.Analyze([]*analysis.Analyzer{a}, pkgs, &checker.Options{})
	if err != nil {
		return nil, append(errs, "tenantvet: "+err.Error())
	}
	for act := range graph.All() {
		if act.Err != nil {
			addErr(fmt.Sprintf("%s: %v", act.Analyzer.Name, act.Err))
		}
	}

	// A file in a package and in its test variant is analyzed twice.
	type key struct {
		pos, end       token.Position
		check, message string
	}
	seen := map[key]bool{}
	var found []driverFinding
	for _, act := range graph.Roots {
		res, ok := act.Result.(*analyzer.Result)
		if act.Analyzer != a || !ok || res == nil {
			continue
		}
		fset := act.Package.Fset
		for _, f := range res.Findings {
			pos, end := fset.Position(f.Pos), fset.Position(f.End)
			k := key{pos, end, f.Check, f.Message}
			if seen[k] {
				continue
			}
			seen[k] = true
			file := pos.Filename
			if abs, err := filepath.Abs(file); err == nil {
				file = abs
			}
			out := outFinding{File: file, Line: pos.Line, Column: pos.Column, Check: f.Check, Message: f.Message, Table: f.Table, Fingerprint: f.Fingerprint}
			if end.IsValid() && end.Filename == pos.Filename {
				out.EndLine, out.EndCol = end.Line, end.Column
			}
			found = append(found, driverFinding{out: out, finding: f})
		}
	}
	slices.SortFunc(found, func(x, y driverFinding) int {
		return cmp.Or(cmp.Compare(x.out.File, y.out.File), cmp.Compare(x.out.Line, y.out.Line),
			cmp.Compare(x.out.Column, y.out.Column), cmp.Compare(x.out.Check, y.out.Check))
	})
	return found, errs
}
