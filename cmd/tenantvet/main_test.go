package main_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tenantvet/tenantvet/config"
	"github.com/tenantvet/tenantvet/internal/testfs"
)

func TestMain(m *testing.M) {
	code := testfs.RunIsolated(m, config.CacheEnv)
	if built.dir != "" {
		os.RemoveAll(built.dir)
	}
	os.Exit(code)
}

// built is the command, built once for the tests of this package.
var built struct {
	once     sync.Once
	dir, bin string
	err      error
}

// tenantvet returns the built command. The tests only run it, so they may
// share one binary.
func tenantvet(t *testing.T) string {
	t.Helper()
	built.once.Do(func() {
		if built.dir, built.err = os.MkdirTemp("", "tenantvet-bin-"); built.err != nil {
			return
		}
		built.bin = filepath.Join(built.dir, "tenantvet")
		if out, err := exec.Command("go", "build", "-o", built.bin, ".").CombinedOutput(); err != nil {
			built.err = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if built.err != nil {
		t.Fatal(built.err)
	}
	return built.bin
}

// copyModule copies testdata/vetmod to a fresh directory, so that tests may
// edit it.
func copyModule(t *testing.T) string {
	t.Helper()
	return copyTree(t, filepath.Join("..", "..", "testdata", "vetmod"))
}

var findingLine = regexp.MustCompile(`([^\s:]+\.(?:go|sql)):(\d+):\d+: (TV\d{3}):`)

// run runs a command in dir and returns its findings as "file.go:line: ID",
// sorted, and its exit code.
func run(t *testing.T, dir string, name string, args ...string) ([]string, int) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	code := exitCode(cmd.Run())
	if code < 0 {
		t.Fatalf("%s did not run", name)
	}
	var found []string
	for _, m := range findingLine.FindAllStringSubmatch(out.String(), -1) {
		found = append(found, filepath.Base(m[1])+":"+m[2]+": "+m[3])
	}
	slices.Sort(found)
	t.Logf("%s %s: exit %d\n%s", name, strings.Join(args, " "), code, out.String())
	return found, code
}

// TestStandaloneAndVet runs the binary both ways on one module and expects
// the same findings, with file and line.
func TestStandaloneAndVet(t *testing.T) {
	bin := tenantvet(t)
	mod := copyModule(t)
	// The migrations package embeds the .sql files, so it reports the
	// migration rules' findings at their lines.
	want := []string{"001_init.sql:1: TV202", "store.go:11: TV101"}

	got, code := run(t, mod, bin, "./...")
	if !slices.Equal(got, want) || code != 3 {
		t.Errorf("standalone: got %q, exit %d; want %q, exit 3", got, code, want)
	}
	got, code = run(t, mod, "go", "vet", "-vettool="+bin, "./...")
	if !slices.Equal(got, want) || code == 0 {
		t.Errorf("go vet: got %q, exit %d; want %q and a failing exit", got, code, want)
	}
}

// TestVetCacheSeesMigrations checks that go vet does not serve a stale clean
// result after a migration turns a table into a tenant table: go vet keys
// its cache on the tool's -V=full answer, which must hash the migrations.
func TestVetCacheSeesMigrations(t *testing.T) {
	bin := tenantvet(t)
	mod := copyModule(t)
	// tenantvet's own cache of the replayed migrations must not hide the
	// change either. Files older than its racy window make it use the cache.
	cache := t.TempDir()
	t.Setenv(config.CacheEnv, cache)
	migs := filepath.Join(mod, "db", "migrations")
	mtime := time.Now().Add(-time.Hour)
	backdate := func() {
		t.Helper()
		mtime = mtime.Add(time.Minute)
		entries, _ := os.ReadDir(migs)
		for _, e := range entries {
			if err := os.Chtimes(filepath.Join(migs, e.Name()), mtime, mtime); err != nil {
				t.Fatal(err)
			}
		}
	}
	backdate()
	vet := func() []string {
		got, code := run(t, mod, "go", "vet", "-vettool="+bin, "./...")
		if code != 0 && len(got) == 0 {
			t.Fatalf("go vet failed with no findings")
		}
		return got
	}
	before := vet()
	if slices.Contains(before, "store.go:15: TV101") {
		t.Fatalf("notes is not a tenant table yet, got %q", before)
	}
	if entries, _ := os.ReadDir(cache); len(entries) == 0 {
		t.Errorf("go vet left %s empty", cache)
	}
	migration := "ALTER TABLE notes ADD COLUMN tenant_id uuid;\n"
	if err := os.WriteFile(filepath.Join(migs, "002_notes_tenant.sql"), []byte(migration), 0o644); err != nil {
		t.Fatal(err)
	}
	backdate()
	if after := vet(); !slices.Contains(after, "store.go:15: TV101") {
		t.Errorf("after the migration, go vet reported %q; want the notes query flagged", after)
	}

	// The same holds for the config: exempting orders must clear its finding.
	cfg := "tenant_column: tenant_id\nmigrations: [db/migrations]\nexempt: [orders]\n"
	if err := os.WriteFile(filepath.Join(mod, ".tenantvet.yaml"), []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	if after := vet(); slices.Contains(after, "store.go:11: TV101") || !slices.Contains(after, "store.go:15: TV101") {
		t.Errorf("after exempting orders, go vet reported %q; want notes flagged and orders not", after)
	}
}

// TestFlagsUnderVet checks that flags complete a config file and that their
// relative paths mean the same in both modes: go vet runs the tool in each
// package's directory, so they are taken from the module root.
func TestFlagsUnderVet(t *testing.T) {
	bin := tenantvet(t)
	mod := copyModule(t)
	if err := os.WriteFile(filepath.Join(mod, ".tenantvet.yaml"), []byte("tenant_column: tenant_id\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	want := []string{"001_init.sql:1: TV202", "store.go:11: TV101"}
	if got, _ := run(t, mod, bin, "-migrations=db/migrations", "./..."); !slices.Equal(got, want) {
		t.Errorf("standalone: got %q, want %q", got, want)
	}
	if got, _ := run(t, mod, "go", "vet", "-vettool="+bin, "-migrations=db/migrations", "./..."); !slices.Equal(got, want) {
		t.Errorf("go vet: got %q, want %q", got, want)
	}
}

func TestNoConfig(t *testing.T) {
	bin := tenantvet(t)
	mod := copyModule(t)
	os.Remove(filepath.Join(mod, ".tenantvet.yaml"))
	cmd := exec.Command(bin, "./...")
	cmd.Dir = mod
	out, err := cmd.CombinedOutput()
	if err == nil || !strings.Contains(string(out), "add `migrations: [dir]` or `tables: [name, …]` to .tenantvet.yaml") {
		t.Errorf("without a config: err %v, output:\n%s", err, out)
	}
}

// TestMigrationsCommand checks the migrations subcommand's output forms and
// exit codes: 3 with findings, 0 clean, 1 on a migration that does not parse.
func TestMigrationsCommand(t *testing.T) {
	bin := tenantvet(t)
	mod := copyModule(t)

	cmd := exec.Command(bin, "migrations")
	cmd.Dir = mod
	out, err := cmd.Output()
	want := "db/migrations/001_init.sql:1:1: TV202: tenant table \"orders\" does not force row-level security"
	if code := exitCode(err); code != 3 || !strings.HasPrefix(string(out), want) {
		t.Errorf("migrations: exit %d, output %q; want exit 3 and %q", code, out, want)
	}

	cmd = exec.Command(bin, "migrations", "-json")
	cmd.Dir = mod
	out, err = cmd.Output()
	var found []struct{ File, Check string }
	if jerr := json.Unmarshal(out, &found); jerr != nil || exitCode(err) != 3 || len(found) != 1 || found[0].Check != "TV202" {
		t.Errorf("migrations -json: exit %d, %v, output %s", exitCode(err), jerr, out)
	}

	clean := t.TempDir()
	sql := `CREATE TABLE notes (id bigint, tenant_id uuid NOT NULL, body text, PRIMARY KEY (tenant_id, id));
ALTER TABLE notes ENABLE ROW LEVEL SECURITY;
ALTER TABLE notes FORCE ROW LEVEL SECURITY;
CREATE POLICY iso ON notes USING (tenant_id = current_setting('app.tenant_id')::uuid) WITH CHECK (tenant_id = current_setting('app.tenant_id')::uuid);
`
	if err := os.WriteFile(filepath.Join(clean, "001_notes.sql"), []byte(sql), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd = exec.Command(bin, "migrations", clean)
	cmd.Dir = mod
	if out, err := cmd.CombinedOutput(); exitCode(err) != 0 {
		t.Errorf("clean migrations: exit %d, output %s", exitCode(err), out)
	}

	bad := "CREATE TABLE notes (id bigint PRIMARY KEY);\nCREATE TABEL x ();\n"
	if err := os.WriteFile(filepath.Join(clean, "002_bad.sql"), []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd = exec.Command(bin, "migrations", clean)
	cmd.Dir = mod
	out, err = cmd.CombinedOutput()
	if exitCode(err) != 1 || !strings.Contains(string(out), "002_bad.sql:2:8: migration does not parse") {
		t.Errorf("bad migration: exit %d, output %s", exitCode(err), out)
	}
}

// TestMigrationsCommandPop replays a directory in the layout of gobuffalo/pop
// and ory/popx, as the module's config names it, with the files pop would
// not apply beside the ones it would; then one with a fizz migration that
// tenantvet cannot replay.
func TestMigrationsCommandPop(t *testing.T) {
	bin := tenantvet(t)
	mod := copyModule(t)
	pop := copyTree(t, filepath.Join("..", "..", "testdata", "rls", "pop"))
	if err := os.Rename(pop, filepath.Join(mod, "db", "pop")); err != nil {
		t.Fatal(err)
	}
	testfs.Write(t, mod, map[string]string{".tenantvet.yaml": "tenant_column: tenant_id\nmigrations: [db/pop]\n"})

	out, stderr, code := runSplit(t, mod, bin, "migrations")
	want := "db/pop/20240102000000_items.up.sql:2:1: TV213: unique key (sku) on \"items\" leaves out tenant_id"
	if lines := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n"); code != 3 || len(lines) != 1 || !strings.HasPrefix(lines[0], want) {
		t.Errorf("migrations: exit %d, output %q, stderr %q; want exit 3 and one finding %q", code, out, stderr, want)
	}

	testfs.Write(t, mod, map[string]string{"db/pop/20240105000000_notes.up.fizz": "create_table(\"notes\") {}\n"})
	out, stderr, code = runSplit(t, mod, bin, "migrations")
	want = "db/pop/20240105000000_notes.up.fizz:1:1: pop translates fizz migrations to SQL"
	if code != 1 || len(out) != 0 || !strings.Contains(stderr, want) {
		t.Errorf("fizz migration: exit %d, output %q, stderr %q; want exit 1 and %q", code, out, stderr, want)
	}
}

func exitCode(err error) int {
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return exit.ExitCode()
	}
	if err != nil {
		return -1
	}
	return 0
}
