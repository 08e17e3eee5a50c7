package main_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/tenantvet/tenantvet/sqlcheck"
)

// sarifLog is the part of a SARIF log that the tests read.
type sarifLog struct {
	Version string `json:"version"`
	Runs    []struct {
		Tool struct {
			Driver struct {
				Name  string `json:"name"`
				Rules []struct {
					ID               string `json:"id"`
					ShortDescription struct{ Text string }
					Help             struct{ Text, Markdown string }
					HelpURI          string `json:"helpUri"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		Results []struct {
			RuleID    string `json:"ruleId"`
			RuleIndex int    `json:"ruleIndex"`
			Level     string `json:"level"`
			Message   struct{ Text string }
			Locations []struct {
				PhysicalLocation struct {
					ArtifactLocation struct {
						URI       string `json:"uri"`
						URIBaseID string `json:"uriBaseId"`
					} `json:"artifactLocation"`
					Region struct {
						StartLine, StartColumn, EndLine, EndColumn int
					} `json:"region"`
				} `json:"physicalLocation"`
			} `json:"locations"`
		} `json:"results"`
	} `json:"runs"`
}

// runSplit runs a command in dir and returns its standard output and error
// apart, and its exit code.
func runSplit(t *testing.T, dir, name string, args ...string) (stdout []byte, stderr string, code int) {
	t.Helper()
	return runEnv(t, dir, nil, name, args...)
}

// sarifSchema compiles the official SARIF 2.1.0 schema once per test.
func sarifSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	sch, err := c.Compile(filepath.Join("..", "..", "testdata", "sarif", "sarif-schema-2.1.0.json"))
	if err != nil {
		t.Fatalf("compiling the SARIF schema: %v", err)
	}
	return sch
}

// validSARIF checks data against the schema and decodes it.
func validSARIF(t *testing.T, sch *jsonschema.Schema, data []byte) sarifLog {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("SARIF output is not JSON: %v\n%s", err, data)
	}
	if err := sch.Validate(doc); err != nil {
		t.Fatalf("SARIF output does not validate against the SARIF 2.1.0 schema: %v\n%s", err, data)
	}
	var log sarifLog
	if err := json.Unmarshal(data, &log); err != nil {
		t.Fatal(err)
	}
	if len(log.Runs) != 1 {
		t.Fatalf("got %d runs, want 1", len(log.Runs))
	}
	return log
}

// sarifFound returns a log's results as "file:line: ID", sorted, as run
// does for text output.
func sarifFound(log sarifLog) []string {
	var found []string
	for _, r := range log.Runs[0].Results {
		loc := r.Locations[0].PhysicalLocation
		found = append(found, fmt.Sprintf("%s:%d: %s", path.Base(loc.ArtifactLocation.URI), loc.Region.StartLine, r.RuleID))
	}
	slices.Sort(found)
	return found
}

func writeFile(t *testing.T, name, content string) {
	t.Helper()
	if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// copyTree copies a directory of testdata to a fresh one.
func copyTree(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.Walk(src, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if info.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// TestSARIF checks that -format=sarif, of the analyzer and of the
// migrations command, validates against the official SARIF 2.1.0 schema
// and describes every check and finding as GitHub code scanning reads
// them.
func TestSARIF(t *testing.T) {
	bin := tenantvet(t)
	mod := copyModule(t)
	sch := sarifSchema(t)

	out, _, code := runSplit(t, mod, bin, "-format=sarif", "./...")
	if code != 3 {
		t.Errorf("-format=sarif with findings: exit %d, want 3", code)
	}
	log := validSARIF(t, sch, out)
	if log.Version != "2.1.0" || log.Runs[0].Tool.Driver.Name != "tenantvet" {
		t.Errorf("version %q, tool %q", log.Version, log.Runs[0].Tool.Driver.Name)
	}

	rules := log.Runs[0].Tool.Driver.Rules
	if len(rules) != len(sqlcheck.Checks) {
		t.Fatalf("got %d rules, want one per check (%d)", len(rules), len(sqlcheck.Checks))
	}
	for i, c := range sqlcheck.Checks {
		r := rules[i]
		if r.ID != c.ID || !strings.EqualFold(r.ShortDescription.Text, c.Title) ||
			r.HelpURI != "https://github.com/tenantvet/tenantvet#"+strings.ToLower(c.ID) ||
			!strings.Contains(r.Help.Markdown, c.Bad) || !strings.Contains(r.Help.Markdown, c.Good) ||
			!strings.HasPrefix(r.Help.Text, c.Text) {
			t.Errorf("rule %d does not describe %s: %+v", i, c.ID, r)
		}
	}

	type loc struct {
		uri                    string
		line, col, eLine, eCol int
	}
	want := map[string]loc{
		// The finding points at "orders" inside the SQL literal.
		"TV101": {"store/store.go", 11, 42, 11, 48},
		"TV202": {"db/migrations/001_init.sql", 1, 1, 0, 0},
	}
	results := log.Runs[0].Results
	if len(results) != len(want) {
		t.Fatalf("got %d results, want %d", len(results), len(want))
	}
	for _, r := range results {
		pl := r.Locations[0].PhysicalLocation
		got := loc{pl.ArtifactLocation.URI, pl.Region.StartLine, pl.Region.StartColumn, pl.Region.EndLine, pl.Region.EndColumn}
		if w, ok := want[r.RuleID]; !ok || got != w {
			t.Errorf("%s at %+v, want %+v", r.RuleID, got, w)
		}
		if pl.ArtifactLocation.URIBaseID != "%SRCROOT%" {
			t.Errorf("%s: uriBaseId %q, want %%SRCROOT%%", r.RuleID, pl.ArtifactLocation.URIBaseID)
		}
		if rules[r.RuleIndex].ID != r.RuleID || r.Level != "warning" || r.Message.Text == "" || strings.HasPrefix(r.Message.Text, "TV") {
			t.Errorf("result %+v", r)
		}
	}

	// Run from a subdirectory, paths are still relative to the module root.
	out, _, code = runSplit(t, filepath.Join(mod, "store"), bin, "-format=sarif", "./...")
	if got := sarifFound(validSARIF(t, sch, out)); code != 3 || !slices.Equal(got, []string{"store.go:11: TV101"}) {
		t.Errorf("from store/: exit %d, %q", code, got)
	} else if uri := validSARIF(t, sch, out).Runs[0].Results[0].Locations[0].PhysicalLocation.ArtifactLocation.URI; uri != "store/store.go" {
		t.Errorf("from store/: uri %q, want store/store.go", uri)
	}

	// The migrations command writes the same result for its finding.
	out, _, code = runSplit(t, mod, bin, "migrations", "-format=sarif")
	mlog := validSARIF(t, sch, out)
	if code != 3 || len(mlog.Runs[0].Results) != 1 {
		t.Fatalf("migrations -format=sarif: exit %d, %d results", code, len(mlog.Runs[0].Results))
	}
	if pl := mlog.Runs[0].Results[0].Locations[0].PhysicalLocation; pl.ArtifactLocation.URI != "db/migrations/001_init.sql" || pl.Region.StartLine != 1 {
		t.Errorf("migrations -format=sarif: %+v", pl)
	}

	// The validation is not vacuous: the schema rejects a broken log.
	broken := bytes.Replace(out, []byte(`"level": "warning"`), []byte(`"level": "severe"`), 1)
	doc, _ := jsonschema.UnmarshalJSON(bytes.NewReader(broken))
	if sch.Validate(doc) == nil {
		t.Error("the schema accepted a result with level \"severe\"")
	}
}

// TestSARIFColumns checks that SARIF columns count UTF-16 code units, as
// GitHub does, while text output keeps Go's byte columns.
func TestSARIFColumns(t *testing.T) {
	bin := tenantvet(t)
	mod := copyTree(t, filepath.Join("..", "..", "testdata", "sarif", "utf16"))
	_, text, code := runSplit(t, mod, bin, "./...")
	if code != 3 || !strings.Contains(text, "store.go:13:69: TV101") {
		t.Fatalf("text: exit %d, output %s", code, text)
	}
	out, _, _ := runSplit(t, mod, bin, "-format=sarif", "./...")
	log := validSARIF(t, sarifSchema(t), out)
	// "é" is 2 bytes and 1 unit, "😀" 4 bytes and 2 units: 3 fewer.
	if r := log.Runs[0].Results[0].Locations[0].PhysicalLocation.Region; r.StartLine != 13 || r.StartColumn != 66 || r.EndColumn != 72 {
		t.Errorf("region %+v, want line 13, columns 66 to 72", r)
	}
}

// TestSARIFMatchesText checks that every output form lists the same
// findings, by file, line and check.
func TestSARIFMatchesText(t *testing.T) {
	bin := tenantvet(t)
	mod := copyModule(t)
	// One more finding in a test file, which the package's test variant
	// reports as well: it must appear once.
	writeFile(t, filepath.Join(mod, "store", "leak_test.go"), `package store

import (
	"context"
	"database/sql"
)

func leak(ctx context.Context, db *sql.DB) {
	db.ExecContext(ctx, "DELETE FROM orders")
}
`)
	text, code := run(t, mod, bin, "./...")
	if code != 3 || len(text) != 3 {
		t.Fatalf("text: exit %d, %q; want 3 findings", code, text)
	}
	out, _, code := runSplit(t, mod, bin, "-format=sarif", "./...")
	if got := sarifFound(validSARIF(t, sarifSchema(t), out)); code != 3 || !slices.Equal(got, text) {
		t.Errorf("sarif: exit %d, %q; text: %q", code, got, text)
	}
	if got, code := run(t, mod, bin, "-format=text", "./..."); code != 3 || !slices.Equal(got, text) {
		t.Errorf("-format=text: exit %d, %q; plain: %q", code, got, text)
	}
	// The analyzer's flags work with -format. With orders exempt, the
	// module has no tenant table, which the config must say.
	writeFile(t, filepath.Join(mod, ".tenantvet.yaml"), "tenant_column: tenant_id\nmigrations: [db/migrations]\nallow_no_tenant_tables: true\n")
	if got, code := run(t, mod, bin, "-exempt=orders", "-format=sarif", "./..."); code != 0 || len(got) != 0 {
		t.Errorf("-exempt=orders -format=sarif: exit %d, %q; want exit 0 and no findings", code, got)
	}
}

// TestBaseline writes a baseline, checks that it hides every finding in
// every mode, also after edits that move the findings, and that a new
// finding still shows.
func TestBaseline(t *testing.T) {
	bin := tenantvet(t)
	mod := copyModule(t)
	sch := sarifSchema(t)
	const file = ".tenantvet-baseline.json"

	_, stderr, code := runSplit(t, mod, bin, "-write-baseline", file, "./...")
	if code != 0 || !strings.Contains(stderr, "wrote 2 findings") {
		t.Fatalf("-write-baseline: exit %d, %s", code, stderr)
	}
	data, err := os.ReadFile(filepath.Join(mod, file))
	if err != nil {
		t.Fatal(err)
	}
	var bl struct {
		Version  int
		Findings []struct {
			File, Function, Check, Table, Fingerprint string
			Count                                     int
		}
	}
	if err := json.Unmarshal(data, &bl); err != nil || bl.Version != 2 || len(bl.Findings) != 2 {
		t.Fatalf("baseline: %v\n%s", err, data)
	}
	for _, e := range bl.Findings {
		if e.File != "db/migrations/001_init.sql" && e.File != "store/store.go" || e.Fingerprint == "" || e.Table != "orders" {
			t.Errorf("baseline entry %+v", e)
		}
	}

	// expect runs every mode with -baseline and wants the same findings.
	expect := func(stage string, want []string) {
		t.Helper()
		wantCode := 0
		if len(want) > 0 {
			wantCode = 3
		}
		if got, code := run(t, mod, bin, "-baseline", file, "./..."); !slices.Equal(got, want) || code != wantCode {
			t.Errorf("%s: standalone: %q, exit %d; want %q, exit %d", stage, got, code, want, wantCode)
		}
		out, _, code := runSplit(t, mod, bin, "-baseline", file, "-format=sarif", "./...")
		if got := sarifFound(validSARIF(t, sch, out)); !slices.Equal(got, want) || code != wantCode {
			t.Errorf("%s: sarif: %q, exit %d; want %q, exit %d", stage, got, code, want, wantCode)
		}
		if got, code := run(t, mod, "go", "vet", "-vettool="+bin, "-baseline", file, "./..."); !slices.Equal(got, want) || (code == 0) != (wantCode == 0) {
			t.Errorf("%s: go vet: %q, exit %d; want %q", stage, got, code, want)
		}
	}
	expect("after writing the baseline", nil)

	// Lines move and white space changes, in the Go code and the migration.
	store := filepath.Join(mod, "store", "store.go")
	src, err := os.ReadFile(store)
	if err != nil {
		t.Fatal(err)
	}
	moved := strings.Replace(string(src), "func Orders(", "\n\n// Orders reads an order.\n// It is known to leak, and baselined.\nfunc Orders(", 1)
	moved = strings.Replace(moved, `"SELECT total FROM orders WHERE id = $1"`, `"SELECT   total\n\t FROM orders  WHERE id=$1"`, 1)
	if moved == string(src) || !strings.Contains(moved, "WHERE id=$1") {
		t.Fatal("store.go did not change")
	}
	writeFile(t, store, moved)
	migration := filepath.Join(mod, "db", "migrations", "001_init.sql")
	sql, err := os.ReadFile(migration)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, migration, "-- The schema.\n\n"+strings.Replace(string(sql), "CREATE TABLE orders (", "CREATE TABLE orders  (\n  ", 1))
	if got, _ := run(t, mod, bin, "./..."); !slices.Equal(got, []string{"001_init.sql:3: TV202", "store.go:15: TV101"}) {
		t.Fatalf("without the baseline, the edits should move the findings: %q", got)
	}
	expect("after moving the code", nil)

	// A new leak in the same file is reported, and only it.
	writeFile(t, store, moved+`
func Totals(ctx context.Context, db *sql.DB) {
	db.QueryContext(ctx, "SELECT sum(total) FROM orders")
}
`)
	lines := strings.Count(moved, "\n") + 3
	expect("after a new leak", []string{fmt.Sprintf("store.go:%d: TV101", lines)})

	// Rewriting the baseline records every current finding, not only those
	// that the old baseline lacks.
	if _, _, code := runSplit(t, mod, bin, "-baseline", file, "-write-baseline", file, "./..."); code != 0 {
		t.Fatalf("rewriting the baseline: exit %d", code)
	}
	if data, _ := os.ReadFile(filepath.Join(mod, file)); strings.Count(string(data), `"check"`) != 3 {
		t.Errorf("rewritten baseline:\n%s", data)
	}
	expect("after rewriting the baseline", nil)
}

// TestExitCodes checks the exit code of every mode: clean, with findings,
// and on an error (a config file with an unknown key).
func TestExitCodes(t *testing.T) {
	bin := tenantvet(t)
	mod := copyModule(t)
	configs := map[string]string{
		"clean":    "tenant_column: tenant_id\nmigrations: [db/migrations]\nexempt: [orders, notes]\nallow_no_tenant_tables: true\n",
		"findings": "tenant_column: tenant_id\nmigrations: [db/migrations]\n",
		"error":    "tenant_column: tenant_id\nmigrations: [db/migrations]\nbogus: 1\n",
	}
	type want struct{ clean, findings, error int }
	tests := []struct {
		name string
		cmd  []string
		want want
	}{
		{"standalone", []string{bin, "./..."}, want{0, 3, 1}},
		{"standalone -json", []string{bin, "-json", "./..."}, want{0, 0, 0}},
		{"-format=sarif", []string{bin, "-format=sarif", "./..."}, want{0, 3, 1}},
		{"-format=text", []string{bin, "-format=text", "./..."}, want{0, 3, 1}},
		{"-write-baseline", []string{bin, "-write-baseline", filepath.Join(t.TempDir(), "b.json"), "./..."}, want{0, 0, 1}},
		{"migrations", []string{bin, "migrations"}, want{0, 3, 1}},
		{"migrations -json", []string{bin, "migrations", "-json"}, want{0, 3, 1}},
		{"migrations -format=sarif", []string{bin, "migrations", "-format=sarif"}, want{0, 3, 1}},
		{"go vet", []string{"go", "vet", "-vettool=" + bin, "./..."}, want{0, 1, 1}},
	}
	for _, state := range []string{"clean", "findings", "error"} {
		writeFile(t, filepath.Join(mod, ".tenantvet.yaml"), configs[state])
		for _, tt := range tests {
			out, _, code := runSplit(t, mod, tt.cmd[0], tt.cmd[1:]...)
			w := map[string]int{"clean": tt.want.clean, "findings": tt.want.findings, "error": tt.want.error}[state]
			if code != w {
				t.Errorf("%s, %s: exit %d, want %d", tt.name, state, code, w)
			}
			if strings.Contains(tt.name, "sarif") {
				// A failed run writes no SARIF, so that no upload can
				// take it for a clean one.
				if state == "error" && len(out) > 0 {
					t.Errorf("%s, error: wrote %q", tt.name, out)
				}
				if state != "error" {
					validSARIF(t, sarifSchema(t), out)
				}
			}
		}
	}

	// Usage errors are errors.
	for _, args := range [][]string{
		{"-format=xml", "./..."},
		{"-format=sarif", "-write-baseline", "b.json", "./..."},
		{"-format=sarif", "-no-such-flag", "./..."},
		{"-format=sarif"},
		{"migrations", "-json", "-format=sarif"},
		{"migrations", "-format=xml"},
	} {
		if _, _, code := runSplit(t, mod, bin, args...); code != 1 {
			t.Errorf("%q: exit %d, want 1", args, code)
		}
	}
}

// TestHelpListsDriverFlags checks that -h lists the driver's flags, while
// -flags, which go vet reads to learn what it may pass to each package's
// process, does not: the per-package processes cannot write SARIF.
func TestHelpListsDriverFlags(t *testing.T) {
	bin := tenantvet(t)
	help, _ := exec.Command(bin, "-h").CombinedOutput()
	for _, want := range []string{"-format form", "-write-baseline file", "-baseline file"} {
		if !strings.Contains(string(help), want) {
			t.Errorf("tenantvet -h does not list %q:\n%s", want, help)
		}
	}
	out, err := exec.Command(bin, "-flags").Output()
	if err != nil {
		t.Fatal(err)
	}
	var flags []struct{ Name string }
	if err := json.Unmarshal(out, &flags); err != nil {
		t.Fatalf("-flags: %v\n%s", err, out)
	}
	var names []string
	for _, f := range flags {
		names = append(names, f.Name)
	}
	if !slices.Contains(names, "config") || slices.Contains(names, "format") || slices.Contains(names, "write-baseline") {
		t.Errorf("-flags lists %q; want config, and neither format nor write-baseline", names)
	}
}

// TestBaselineHoldsWhatItRecorded checks that a baseline hides the findings
// it recorded and no more: not a query that differs only in a literal, in
// another function or as one more copy in the same function, and not one
// dynamic query for another.
func TestBaselineHoldsWhatItRecorded(t *testing.T) {
	bin := tenantvet(t)
	mod := copyModule(t)
	const file = ".tenantvet-baseline.json"
	report := filepath.Join(mod, "store", "report.go")
	const known = `package store

import (
	"context"
	"database/sql"
	"os"
)

func Big(ctx context.Context, db *sql.DB) {
	db.QueryContext(ctx, "SELECT id FROM orders WHERE total > 10")
}

func Search(ctx context.Context, db *sql.DB) {
	db.QueryContext(ctx, os.Getenv("Q"))
}
`
	writeFile(t, report, known)
	if _, stderr, code := runSplit(t, mod, bin, "-strict", "-write-baseline", file, "./..."); code != 0 || !strings.Contains(stderr, "wrote 4 findings") {
		t.Fatalf("-write-baseline: exit %d, %s", code, stderr)
	}
	if got, code := run(t, mod, bin, "-strict", "-baseline", file, "./..."); code != 0 || len(got) != 0 {
		t.Fatalf("with the baseline: %q, exit %d; want nothing", got, code)
	}
	lines := strings.Count(known, "\n")
	for _, tc := range []struct{ name, add, want string }{
		{"a literal in another function", `
func Bigger(ctx context.Context, db *sql.DB) {
	db.QueryContext(ctx, "SELECT id FROM orders WHERE total > 99")
}
`, "TV101"},
		{"a dynamic query in another function", `
func Find(ctx context.Context, db *sql.DB) {
	db.QueryContext(ctx, os.Getenv("Q"))
}
`, "TV002"},
	} {
		writeFile(t, report, known+tc.add)
		want := []string{fmt.Sprintf("report.go:%d: %s", lines+3, tc.want)}
		if got, code := run(t, mod, bin, "-strict", "-baseline", file, "./..."); !slices.Equal(got, want) || code != 3 {
			t.Errorf("%s: %q, exit %d; want %q, exit 3", tc.name, got, code, want)
		}
	}

	// In the same function, one more copy of a known finding makes every
	// copy new, since nothing tells which one was recorded.
	for _, tc := range []struct{ name, from, to, want string }{
		{"a second copy", `total > 10")`, `total > 10")
	db.QueryContext(ctx, "SELECT id FROM orders WHERE total > 20")`, "TV101"},
		{"another dynamic query", `ctx, os.Getenv("Q"))`, `ctx, os.Getenv("Q"))
	db.QueryContext(ctx, os.Getenv("Q")+" LIMIT 1")`, "TV002"},
	} {
		writeFile(t, report, strings.Replace(known, tc.from, tc.to, 1))
		got, code := run(t, mod, bin, "-strict", "-baseline", file, "./...")
		var want []string
		switch tc.want {
		case "TV101":
			want = []string{"report.go:10: TV101", "report.go:11: TV101"}
		case "TV002":
			// The known dynamic query keeps its identity.
			want = []string{"report.go:15: TV002"}
		}
		if !slices.Equal(got, want) || code != 3 {
			t.Errorf("%s: %q, exit %d; want %q, exit 3", tc.name, got, code, want)
		}
	}
}

// TestBadBaseline checks that a baseline file that tenantvet does not
// understand is an error in every mode, never an empty baseline.
func TestBadBaseline(t *testing.T) {
	bin := tenantvet(t)
	mod := copyModule(t)
	const file = "b.json"
	entry := `{"file": "store/store.go", "check": "TV101", "table": "orders", "fingerprint": "0123456789abcdef", "count": 1}`
	for _, tc := range []struct{ name, content, want string }{
		{"version 1", `{"version": 1, "findings": []}`, "version 1, but this tenantvet reads version 2"},
		{"no version", `{"findings": []}`, "version 0"},
		{"unknown key", `{"version": 2, "findings": [{"file": "store/store.go", "check": "TV101", "count": 1, "line": 11}]}`, `unknown field "line"`},
		{"unknown top-level key", `{"version": 2, "findings": [], "ignore": ["TV101"]}`, `unknown field "ignore"`},
		{"no count", `{"version": 2, "findings": [{"file": "store/store.go", "check": "TV101"}]}`, "count 0"},
		{"negative count", `{"version": 2, "findings": [{"file": "store/store.go", "check": "TV101", "count": -1}]}`, "count -1"},
		{"no check", `{"version": 2, "findings": [{"file": "store/store.go", "count": 1}]}`, "no file or check"},
		{"repeated entry", `{"version": 2, "findings": [` + entry + `, ` + entry + `]}`, "entry 2 repeats"},
		{"two objects", `{"version": 2, "findings": []} {}`, "text after"},
		{"truncated", `{"version": 2, "findings": [` + entry, "unexpected EOF"},
		{"empty", ``, "EOF"},
	} {
		writeFile(t, filepath.Join(mod, file), tc.content)
		for _, args := range [][]string{
			{bin, "-baseline", file, "./..."},
			{"go", "vet", "-vettool=" + bin, "-baseline", file, "./..."},
		} {
			_, stderr, code := runSplit(t, mod, args[0], args[1:]...)
			if code != 1 || !strings.Contains(stderr, tc.want) {
				t.Errorf("%s: %s: exit %d, stderr %q; want exit 1 and %q", tc.name, args[0], code, stderr, tc.want)
			}
		}
	}
}

// TestWriteBaselineKeepsOldFile checks that -write-baseline replaces the
// old file whole instead of writing into it: a run that fails leaves it
// as it was, and a reader holding the old file (here, a hard link) never
// sees a half-written one.
func TestWriteBaselineKeepsOldFile(t *testing.T) {
	bin := tenantvet(t)
	mod := copyModule(t)
	dir := filepath.Join(mod, "baseline")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "b.json")
	if _, _, code := runSplit(t, mod, bin, "-write-baseline", file, "./..."); code != 0 {
		t.Fatalf("-write-baseline: exit %d", code)
	}
	old, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(mod, "old.json")
	if err := os.Link(file, link); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(mod, "store", "more.go"), "package store\n\nimport (\n\t\"context\"\n\t\"database/sql\"\n)\n\nfunc More(ctx context.Context, db *sql.DB) {\n\tdb.QueryContext(ctx, \"SELECT id FROM orders\")\n}\n")

	// The directory cannot take the temporary file, while the file itself
	// stays writable: a writer that truncated it in place would succeed.
	// Root writes anyway, so this part needs another user.
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	if f, err := os.CreateTemp(dir, ""); err == nil {
		f.Close()
		os.Remove(f.Name())
		t.Log("the directory is writable despite its mode (root?); not checking a failed write")
	} else if _, stderr, code := runSplit(t, mod, bin, "-write-baseline", file, "./..."); code != 1 || stderr == "" {
		t.Errorf("-write-baseline into a read-only directory: exit %d, stderr %q; want exit 1 and an error", code, stderr)
	} else if now, err := os.ReadFile(file); err != nil || !bytes.Equal(now, old) {
		t.Errorf("a failed -write-baseline changed the old baseline: %v\n%s", err, now)
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}

	if _, _, code := runSplit(t, mod, bin, "-write-baseline", file, "./..."); code != 0 {
		t.Fatalf("-write-baseline: exit %d", code)
	}
	if now, err := os.ReadFile(file); err != nil || bytes.Equal(now, old) {
		t.Errorf("the new baseline: %v\n%s; want one more finding", err, now)
	}
	if kept, err := os.ReadFile(link); err != nil || !bytes.Equal(kept, old) {
		t.Errorf("the old file changed in place: %v\n%s", err, kept)
	}
	if names, _ := filepath.Glob(filepath.Join(dir, "*")); len(names) != 1 {
		t.Errorf("the directory holds %q; want the baseline alone", names)
	}
}
