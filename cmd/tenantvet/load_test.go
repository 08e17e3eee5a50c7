package main_test

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestLoadStopsAtTheModule checks what standalone loading from export data
// keeps and gives up, on testdata/loadmod: a wrapper in the main module is
// followed whichever of its packages the command line names, and one in a
// module it requires is followed only under go vet.
func TestLoadStopsAtTheModule(t *testing.T) {
	bin := tenantvet(t)
	mod := copyTree(t, filepath.Join("..", "..", "testdata", "loadmod"))
	own := []string{"orders.go:14: TV101"}
	for _, pattern := range []string{"./orders", "./..."} {
		if got, code := run(t, mod, bin, pattern); !slices.Equal(got, own) || code != 3 {
			t.Errorf("tenantvet %s: %q, exit %d; want %q, exit 3", pattern, got, code, own)
		}
	}
	both := []string{"orders.go:14: TV101", "orders.go:16: TV101"}
	if got, code := run(t, mod, "go", "vet", "-vettool="+bin, "./orders"); !slices.Equal(got, both) || code == 0 {
		t.Errorf("go vet: %q, exit %d; want %q and a failure", got, code, both)
	}
}

// TestContextLines checks that -c prints each finding's line after it.
func TestContextLines(t *testing.T) {
	bin := tenantvet(t)
	mod := copyModule(t)
	_, stderr, code := runSplit(t, mod, bin, "-c", "0", "./store")
	want := "11\t\tdb.QueryContext(ctx, \"SELECT total FROM orders WHERE id = $1\", id)\n"
	if code != 3 || !strings.Contains(stderr, "store.go:11:") || !strings.Contains(stderr, want) {
		t.Errorf("-c 0: exit %d, output\n%s\nwant exit 3 and the line\n%s", code, stderr, want)
	}
}
