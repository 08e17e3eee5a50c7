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

	"github.com/tenantvet/tenantvet/analyzer"
	"github.com/tenantvet/tenantvet/config"
	"github.com/tenantvet/tenantvet/internal/oneline"
)

// The driver runs every standalone invocation, through go/analysis/checker
// as singlechecker does, but on packages loaded as loadPackages loads them,
// and it also writes SARIF and baselines. go vet's invocations (a unit's
// .cfg file, -flags, -V) stay with singlechecker, which hands them to
// unitchecker.

// vetInvocation reports whether args are go vet's: a unit's config file
// after the flags, -flags, which asks for the flags that go vet may pass
// on, or -V, which asks for the version that keys go vet's cache.
func vetInvocation(args []string) bool {
	if len(args) == 0 {
		return false
	}
	if strings.HasSuffix(args[len(args)-1], ".cfg") {
		return true
	}
	arg := strings.TrimPrefix(strings.TrimPrefix(args[0], "-"), "-")
	return len(args) == 1 && (arg == "flags" || strings.HasPrefix(arg, "V"))
}

// runDriver is the command run standalone, with every flag but go vet's.
func runDriver(args []string, stdout, stderr io.Writer) int {
	a := analyzer.Analyzer
	fs := flag.NewFlagSet("tenantvet", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		// -h prints the whole of it once the parse returns.
		if !slices.ContainsFunc(args, func(arg string) bool { return slices.Contains([]string{"-h", "-help", "--h", "--help"}, arg) }) {
			fmt.Fprintln(stderr, "usage: tenantvet [-flag] [package]; tenantvet -h lists the flags")
		}
	}
	// The analyzer's own flags share their values, so they configure it
	// exactly as under go vet.
	a.Flags.VisitAll(func(f *flag.Flag) { fs.Var(f.Value, f.Name, f.Usage) })
	format := fs.String("format", "text", "output `form`: text, or sarif (SARIF 2.1.0 on standard output)")
	writeBaseline := fs.String("write-baseline", "", "write every finding to this baseline `file`, relative to the module root, and exit 0")
	jsonOut := fs.Bool("json", false, "print the findings as JSON on standard output, as go vet -json does, and exit 0 whatever they are")
	context := fs.Int("c", -1, "print each finding's line with this many `lines` of context")
	tests := fs.Bool("test", true, "analyze test files too")
	fs.String("tags", "", "comma-separated build `tags` of the files to analyze (passed on in GOFLAGS)")
	var prof profiles
	fs.StringVar(&prof.cpu, "cpuprofile", "", "write a CPU profile to this `file`")
	fs.StringVar(&prof.mem, "memprofile", "", "write a heap profile to this `file`")
	fs.StringVar(&prof.trace, "trace", "", "write an execution trace to this `file`")
	// A usage error exits 2, as the flag package's own does, but where the
	// exit status of -format and -write-baseline is 0, 3 or 1 alone.
	usageErr := 2
	if usesDriver(args) {
		usageErr = 1
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			usage(stdout, a, fs)
			return 0
		}
		return usageErr
	}
	fail := func(code int, format string, args ...any) int {
		fmt.Fprintf(stderr, "tenantvet: "+format+"\n", args...)
		return code
	}
	switch {
	case *format != "text" && *format != "sarif":
		return fail(usageErr, "-format must be text or sarif, not %q", *format)
	case *writeBaseline != "" && *format != "text":
		return fail(usageErr, "-write-baseline prints no findings, so it takes no -format")
	case *jsonOut && (*format != "text" || *writeBaseline != ""):
		return fail(usageErr, "-json prints the findings as JSON, so it takes neither -format nor -write-baseline")
	case fs.NArg() == 0:
		fs.Usage()
		return usageErr
	}
	wd, err := os.Getwd()
	if err != nil {
		return fail(1, "%v", err)
	}
	root := config.ModuleRoot(wd)
	if *writeBaseline != "" {
		// A new baseline records every finding, not just those that an old
		// baseline does not list.
		if err := a.Flags.Set("baseline", ""); err != nil {
			return fail(1, "%v", err)
		}
	}
	stop, err := prof.start()
	if err != nil {
		return fail(1, "%v", err)
	}
	defer stop()

	graph, pkgErrs, err := analyze(a, fs.Args(), *tests)
	for _, e := range pkgErrs {
		fmt.Fprintln(stderr, e)
	}
	if err != nil {
		return fail(1, "%v", err)
	}
	switch {
	case *jsonOut:
		if err := graph.PrintJSON(stdout); err != nil || len(pkgErrs) > 0 {
			return 1
		}
		return 0
	case *writeBaseline == "" && *format == "text":
		return printText(stderr, graph, *context, len(pkgErrs) > 0)
	}

	if errs := actionErrors(graph); len(pkgErrs)+len(errs) > 0 {
		for _, e := range errs {
			fmt.Fprintln(stderr, e)
		}
		// Nothing is written: a partial SARIF log or baseline would pass
		// for a clean run of whatever failed.
		return 1
	}
	found := findings(a, graph)
	if *writeBaseline != "" {
		path := *writeBaseline
		if !filepath.IsAbs(path) {
			path = filepath.Join(root, path)
		}
		entries := make([]analyzer.BaselineEntry, 0, len(found))
		for _, f := range found {
			entries = append(entries, analyzer.NewBaselineEntry(f.out.File, f.finding))
		}
		if err := analyzer.WriteBaseline(path, entries); err != nil {
			return fail(1, "%v", err)
		}
		fmt.Fprintf(stderr, "tenantvet: wrote %d findings to %s\n", len(found), path)
		return 0
	}
	out := make([]outFinding, len(found))
	for i, f := range found {
		out[i] = f.out
	}
	if err := writeSARIF(stdout, root, out); err != nil {
		return fail(1, "%v", err)
	}
	if len(found) > 0 {
		return 3
	}
	return 0
}

// usesDriver reports whether args, before any "--", hold -format or
// -write-baseline.
func usesDriver(args []string) bool {
	for _, arg := range args {
		if arg == "--" {
			return false
		}
		name, _, _ := strings.Cut(strings.TrimPrefix(strings.TrimPrefix(arg, "-"), "-"), "=")
		if strings.HasPrefix(arg, "-") && (name == "format" || name == "write-baseline") {
			return true
		}
	}
	return false
}

// usage prints the analyzer's documentation and the flags, as
// singlechecker's -h does.
func usage(w io.Writer, a *analysis.Analyzer, fs *flag.FlagSet) {
	title, rest, _ := strings.Cut(a.Doc, "\n\n")
	fmt.Fprintf(w, "%[1]s: %[2]s\n\nUsage: %[1]s [-flag] [package]\n       %[1]s migrations [-flag] [dir ...]   (the migration checks alone; -h for more)\n       %[1]s db [-flag]                     (a live database; -h for more)\n\n%[3]s\n\nFlags:\n", a.Name, title, rest)
	fs.SetOutput(w)
	fs.PrintDefaults()
}

// printText prints the errors of the analysis and the findings of the
// root packages, once each, in the form singlechecker prints, but sorted
// and with file names escaped as messages are; with context >= 0, each
// finding's lines follow it, with that many more on either side. It
// returns the exit status: 1 for any error, else 3 for any finding, else 0.
func printText(w io.Writer, graph *checker.Graph, context int, failed bool) int {
	errs := actionErrors(graph)
	for _, e := range errs {
		fmt.Fprintln(w, e)
	}
	type diag struct {
		pos, end token.Position
		message  string
	}
	seen := map[diag]bool{}
	var diags []diag
	for act := range graph.All() {
		if !act.IsRoot || act.Err != nil {
			continue
		}
		for _, d := range act.Diagnostics {
			k := diag{act.Package.Fset.Position(d.Pos), act.Package.Fset.Position(d.End), d.Message}
			if !seen[k] {
				seen[k] = true
				diags = append(diags, k)
			}
		}
	}
	slices.SortFunc(diags, func(x, y diag) int {
		return cmp.Or(cmp.Compare(x.pos.Filename, y.pos.Filename), cmp.Compare(x.pos.Offset, y.pos.Offset), cmp.Compare(x.message, y.message))
	})
	for _, d := range diags {
		fmt.Fprintf(w, "%s:%d:%d: %s\n", oneline.Escape(d.pos.Filename), d.pos.Line, d.pos.Column, oneline.Escape(d.message))
		if context >= 0 {
			printContext(w, d.pos, d.end, context)
		}
	}
	switch {
	case failed || len(errs) > 0:
		return 1
	case len(diags) > 0:
		return 3
	}
	return 0
}

// printContext prints the lines from pos to end of their file, with
// context more on either side, each after its number and a tab. A line's
// tabs stay; anything else that could break it is escaped.
func printContext(w io.Writer, pos, end token.Position, context int) {
	data, err := os.ReadFile(pos.Filename)
	if err != nil {
		return
	}
	last := pos.Line
	if end.IsValid() && end.Filename == pos.Filename {
		last = end.Line
	}
	lines := strings.Split(string(data), "\n")
	for i := max(pos.Line-context, 1); i <= min(last+context, len(lines)); i++ {
		parts := strings.Split(lines[i-1], "\t")
		for j := range parts {
			parts[j] = oneline.Escape(parts[j])
		}
		fmt.Fprintf(w, "%d\t%s\n", i, strings.Join(parts, "\t"))
	}
}

// driverFinding is a finding with its resolved position.
type driverFinding struct {
	out     outFinding
	finding analyzer.Finding
}

// analyze loads the packages that patterns match, with their tests, and
// runs a on them. It returns the graph of the analysis and the errors of
// loading and type checking, once each; err is an error that left nothing
// to analyze.
func analyze(a *analysis.Analyzer, patterns []string, tests bool) (graph *checker.Graph, pkgErrs []string, err error) {
	roots, pkgErrs, err := loadPackages(patterns, tests)
	if err != nil {
		return nil, nil, err
	}
	graph, err = checker.Analyze([]*analysis.Analyzer{a}, roots, &checker.Options{})
	return graph, pkgErrs, err
}

// actionErrors returns the errors of the analysis, once each.
func actionErrors(graph *checker.Graph) []string {
	var errs []string
	for act := range graph.All() {
		if act.Err != nil {
			if s := fmt.Sprintf("%s: %v", act.Analyzer.Name, act.Err); !slices.Contains(errs, s) {
				errs = append(errs, s)
			}
		}
	}
	return errs
}

// findings returns the findings of the root packages, once each and
// sorted.
func findings(a *analysis.Analyzer, graph *checker.Graph) []driverFinding {
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
	return found
}
