package main_test

import (
	"path/filepath"
	"slices"
	"testing"

	"github.com/tenantvet/tenantvet/internal/testfs"
)

// TestORMRealModules runs tenantvet on testdata/ormmod, a module that uses
// the real gorm, bun and pop from the module proxy in the shapes that the
// stand-ins of testdata/src are tested with, so that a stand-in that drifts
// from its library's API shows here.
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
}
