package sqlcheck

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

var wantRe = regexp.MustCompile(`want((?:\s+"TV\d{3}")+)`)

// TestMigrationRules replays each directory of testdata/rls and matches
// the findings against the `-- want "TV2xx"` comments on the lines they
// point to, in the manner of analysistest.
func TestMigrationRules(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join("..", "testdata", "rls", "*"))
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no testdata: %v", err)
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			files, err := ReadMigrations([]string{dir})
			if err != nil {
				t.Fatal(err)
			}
			cat, err := LoadCatalog(files)
			if err != nil {
				t.Fatal(err)
			}
			tenancy := &Tenancy{Columns: []string{"tenant_id"}, Exempt: []QName{{"public", "plans"}}, Functions: []string{"app_tenant"}, Catalog: cat}
			var got []string
			for _, f := range tenancy.CheckMigrations() {
				line, _ := LineCol(cat.Source(f.File), f.Pos)
				got = append(got, fmt.Sprintf("%s:%d: %s", filepath.Base(f.File), line, f.ID))
			}
			want := wantComments(t, files)
			slices.Sort(got)
			if !slices.Equal(got, want) {
				t.Errorf("findings differ\ngot  %q\nwant %q", got, want)
				for _, f := range tenancy.CheckMigrations() {
					t.Logf("%s: %s", filepath.Base(f.File), f)
				}
			}
		})
	}
}

// wantComments reads the expectations of migration files from their raw
// text, so that expectations in down sections are seen, and must fail.
func wantComments(t *testing.T, files []MigrationFile) []string {
	var want []string
	for _, f := range files {
		data, err := os.ReadFile(f.Path)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(data), "\n") {
			if m := wantRe.FindStringSubmatch(line); m != nil {
				for _, id := range strings.Fields(m[1]) {
					want = append(want, fmt.Sprintf("%s:%d: %s", filepath.Base(f.Path), i+1, strings.Trim(id, `"`)))
				}
			}
		}
	}
	slices.Sort(want)
	return want
}
