package main_test

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tenantvet/tenantvet/internal/testfs"
)

// TestORMRealModules runs tenantvet on testdata/ormmod, a module that uses
// the real gorm, bun, pop and pgx from the module proxy in the shapes that
// the stand-ins of testdata/src are tested with, so that a stand-in that
// drifts from its library's API shows here. SARIF and a baseline carry the
// same findings, the tenant-context ones (TV3xx) among them.
func TestORMRealModules(t *testing.T) {
	bin := tenantvet(t)
	mod := copyTree(t, filepath.Join("..", "..", "testdata", "ormmod"))
	want := testfs.Expected(t, filepath.Join(mod, "expected-findings.txt"))
	if got, code := run(t, mod, bin, "./..."); !slices.Equal(got, want) || code != 3 {
		t.Errorf("standalone: %q, exit %d; want %q, exit 3", got, code, want)
	}
	if got, code := run(t, mod, "go", "vet", "-vettool="+bin, "./..."); !slices.Equal(got, want) || code == 0 {
		t.Errorf("go vet: %q, exit %d; want %q and a failure", got, code, want)
	}
	out, _, code := runSplit(t, mod, bin, "-format=sarif", "./...")
	if got := sarifFound(validSARIF(t, sarifSchema(t), out)); !slices.Equal(got, want) || code != 3 {
		t.Errorf("sarif: %q, exit %d; want %q, exit 3", got, code, want)
	}
	const file = ".tenantvet-baseline.json"
	if _, stderr, code := runSplit(t, mod, bin, "-write-baseline", file, "./..."); code != 0 || !strings.Contains(stderr, fmt.Sprintf("wrote %d findings", len(want))) {
		t.Fatalf("-write-baseline: exit %d, %s", code, stderr)
	}
	if got, code := run(t, mod, bin, "-baseline", file, "./..."); len(got) != 0 || code != 0 {
		t.Errorf("with the baseline: %q, exit %d; want none, exit 0", got, code)
	}
}
