package sqlcheck

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the README's check section from Checks")

// TestREADMEChecks keeps the README's check table and sections generated
// from Checks, so the documentation cannot drift from the registry.
func TestREADMEChecks(t *testing.T) {
	path := filepath.Join("..", "README.md")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	block := regexp.MustCompile(`(?s)<!-- checks:begin[^\n]*-->\n(.*?)<!-- checks:end -->`)
	m := block.FindSubmatchIndex(data)
	if m == nil {
		t.Fatal("README.md lacks the <!-- checks:begin --> … <!-- checks:end --> markers")
	}
	want := string(data[:m[2]]) + checksMarkdown() + string(data[m[3]:])
	if want == string(data) {
		return
	}
	if *update {
		if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Error("README.md's check section is stale; run go test ./sqlcheck -run TestREADME -update")
}

func checksMarkdown() string {
	var b strings.Builder
	b.WriteString("| ID | check | default |\n|---|---|---|\n")
	for _, c := range Checks {
		def := "on"
		if !c.Default {
			def = "off (`-strict`)"
		}
		fmt.Fprintf(&b, "| [%s](#%s) | %s | %s |\n", c.ID, strings.ToLower(c.ID), c.Title, def)
	}
	for _, c := range Checks {
		fmt.Fprintf(&b, "\n<a id=\"%s\"></a>\n### %s: %s\n\n%s\n\n", strings.ToLower(c.ID), c.ID, c.Title, c.Text)
		fmt.Fprintf(&b, "Bad:\n\n```%s\n%s\n```\n\nGood:\n\n```%s\n%s\n```\n", c.Lang, c.Bad, c.Lang, c.Good)
	}
	return b.String()
}

// TestCheckIDs pins every ID to its title: an ID never changes meaning, so
// changing this list is a deliberate act.
func TestCheckIDs(t *testing.T) {
	want := map[string]string{
		"TV001": "SQL that does not parse",
		"TV002": "SQL that is not a constant string",
		"TV003": "ignore directive without a reason",
		"TV004": "ignore directive that suppresses nothing",
		"TV005": "query that tenantvet failed to check",
		"TV101": "tenant table read or written without a tenant predicate",
		"TV102": "insert into a tenant table without a tenant value",
		"TV103": "update that changes the tenant column",
		"TV104": "truncate of a tenant table",
		"TV105": "upsert whose conflict key leaves out the tenant column",
		"TV106": "query on a view that hides a tenant table's rows",
		"TV107": "query on a SQL function that reads every tenant's rows",
		"TV201": "tenant table without row-level security",
		"TV202": "tenant table whose owner bypasses row-level security",
		"TV203": "command that no permissive policy allows",
		"TV204": "policy that does not bind the tenant column",
		"TV205": "extra permissive policy that opens every tenant's rows",
		"TV206": "policy that checks reads but not writes",
		"TV207": "row-level security switched off by a later migration",
		"TV208": "nullable tenant column",
		"TV209": "tenant table without an index on the tenant column",
		"TV210": "view that reads tenant tables with its owner's rights",
		"TV211": "security definer function that touches tenant tables",
		"TV212": "role that bypasses row-level security",
		"TV213": "unique key across tenants",
		"TV214": "foreign key between tenant tables without the tenant column",
		"TV215": "tenant table open to every role through PUBLIC",
		"TV216": "tenant column with a constant default",
		"TV301": "tenant setting set for the whole session on a pooled connection",
		"TV302": "transaction-local tenant setting sent outside a transaction",
		"TV303": "tenant setting given a parameter or a formatted value in SET",
		"TV304": "tenant set under a setting name that nothing reads",
		"TV305": "query trusting row-level security where no transaction set the tenant",
		"TV401": "row-level security that the database has switched off",
		"TV402": "policy that differs from the migrations",
		"TV403": "tenant column that the database has dropped or made nullable",
		"TV404": "role that bypasses row-level security in the database only",
		"TV405": "the probe read another tenant's rows",
		"TV406": "the probe wrote another tenant's rows",
		"TV407": "function that the policies call, changed in the database",
	}
	if len(Checks) != len(want) {
		t.Errorf("%d checks, want %d", len(Checks), len(want))
	}
	for _, c := range Checks {
		if want[c.ID] != c.Title {
			t.Errorf("%s is titled %q, want %q", c.ID, c.Title, want[c.ID])
		}
		if c.Title != strings.ToLower(c.Title[:1])+c.Title[1:] && !strings.HasPrefix(c.Title, "SQL") || strings.HasSuffix(c.Title, ".") {
			t.Errorf("%s: title %q must start lower case and have no final period", c.ID, c.Title)
		}
	}
}
