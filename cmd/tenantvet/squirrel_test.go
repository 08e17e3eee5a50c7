package main_test

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/tenantvet/tenantvet/internal/testfs"
)

// TestSquirrelRealModule runs the binary on chains of the real squirrel
// module, not the stand-in of the analyzer's tests, that start from the
// builder a function of another package returns: the fact that carries
// the builder must survive go vet, which encodes it between processes.
func TestSquirrelRealModule(t *testing.T) {
	bin := tenantvet(t)
	mod := t.TempDir()
	// The example shop's go.sum already pins squirrel and its dependencies.
	sum, err := os.ReadFile(filepath.Join("..", "..", "examples", "shop", "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	testfs.Write(t, mod, map[string]string{
		"go.mod": "module example.com/app\n\ngo 1.22\n\nrequire github.com/Masterminds/squirrel v1.5.4\n\n" +
			"require github.com/lann/builder v0.0.0-20180802200727-47ae307949d0 // indirect\n\n" +
			"require github.com/lann/ps v0.0.0-20150810152359-62de8c46ede0 // indirect\n",
		"go.sum":          string(sum),
		".tenantvet.yaml": "tenant_column: tenant_id\nmigrations: [db]\n",
		"db/001_init.sql": "CREATE TABLE tickets (tenant_id uuid NOT NULL, id bigint, title text, status text, PRIMARY KEY (tenant_id, id));\nALTER TABLE tickets ENABLE ROW LEVEL SECURITY;\nALTER TABLE tickets FORCE ROW LEVEL SECURITY;\nCREATE POLICY p ON tickets USING (tenant_id = current_setting('app.tenant_id')::uuid);\n",
		"base/base.go": `package base

import sq "github.com/Masterminds/squirrel"

var psql = sq.StatementBuilder.PlaceholderFormat(sq.Dollar)

func Tickets() sq.SelectBuilder { return psql.Select("id", "title").From("tickets t") }

func ByStatus(status string) sq.SelectBuilder { return Tickets().Where("t.status = ?", status) }

type Repo struct{}

func (r *Repo) Deletes() sq.DeleteBuilder { return psql.Delete("tickets") }
`,
		"caller/caller.go": `package caller

import (
	"database/sql"

	sq "github.com/Masterminds/squirrel"

	"example.com/app/base"
)

func List(db *sql.DB, r *base.Repo, tenant string) {
	base.Tickets().Where(sq.Eq{"t.tenant_id": tenant}).RunWith(db).Query()
	base.Tickets().Where("t.status = ?", "open").RunWith(db).Query()
	r.Deletes().Where(sq.Eq{"tenant_id": tenant, "id": 1}).RunWith(db).Exec()
	r.Deletes().Where("id = ?", 1).RunWith(db).Exec()
	base.ByStatus("open").RunWith(db).Query()
}
`,
	})
	want := []string{"caller.go:13: TV101", "caller.go:15: TV101"}
	if got, code := run(t, mod, bin, "./..."); !slices.Equal(got, want) || code != 3 {
		t.Errorf("standalone: %q, exit %d; want %q, exit 3", got, code, want)
	}
	if got, code := run(t, mod, "go", "vet", "-vettool="+bin, "./..."); !slices.Equal(got, want) || code == 0 {
		t.Errorf("go vet: %q, exit %d; want %q and a failure", got, code, want)
	}
	// ByStatus's builder depends on its argument, so its caller's chain is
	// unknown.
	want = append(want, "caller.go:16: TV002")
	slices.Sort(want)
	if got, _ := run(t, mod, "go", "vet", "-vettool="+bin, "-strict", "./..."); !slices.Equal(got, want) {
		t.Errorf("go vet -strict: %q; want %q", got, want)
	}
}
