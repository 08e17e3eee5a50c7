package main_test

import (
	"path/filepath"
	"slices"
	"testing"
)

// TestORMRealModules runs tenantvet on testdata/ormmod, a module that uses
// the real gorm, bun and pop from the module proxy in the shapes that the
// stand-ins of testdata/src are tested with, so that a stand-in that drifts
// from its library's API shows here.
func TestORMRealModules(t *testing.T) {
	bin := tenantvet(t)
	mod := copyTree(t, filepath.Join("..", "..", "testdata", "ormmod"))
	want := []string{
		"bunapp.go:33: TV101",  // the advisory's select by id
		"bunapp.go:35: TV101",  // its update by id
		"bunapp.go:35: TV103",  // which writes org_id too
		"bunapp.go:37: TV101",  // its delete by id
		"bunapp.go:39: TV101",  // WhereOr beside the tenant
		"bunapp.go:44: TV102",  // insert of a literal without the tenant
		"bunapp.go:46: TV101",  // NewRaw
		"gormapp.go:42: TV101", // First(&order, id)
		"gormapp.go:46: TV101", // Model(&OrderItem{}).Count
		"gormapp.go:47: TV101", // Update by id alone
		"gormapp.go:49: TV101", // Delete(&Order{}, id)
		"gormapp.go:50: TV102", // Create without the tenant
		"gormapp.go:52: TV101", // Raw
		"popapp.go:31: TV101",  // Find(&order, id)
		"popapp.go:33: TV101",  // an OR fragment, which pop does not parenthesize
		"popapp.go:35: TV101",  // Count
		"popapp.go:37: TV101",  // Destroy by id
		"popapp.go:38: TV102",  // Create without the tenant
		"popapp.go:40: TV101",  // RawQuery
	}
	if got, code := run(t, mod, bin, "./..."); !slices.Equal(got, want) || code != 3 {
		t.Errorf("standalone: %q, exit %d; want %q, exit 3", got, code, want)
	}
	if got, code := run(t, mod, "go", "vet", "-vettool="+bin, "./..."); !slices.Equal(got, want) || code == 0 {
		t.Errorf("go vet: %q, exit %d; want %q and a failure", got, code, want)
	}
}
