package config

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/tenantvet/tenantvet/internal/testfs"
	"github.com/tenantvet/tenantvet/sqlcheck"
)

// TestQueryTenancyCache walks one config through the edits a developer
// makes, checking after each whether QueryTenancy took the model from the
// cache, and that what it returns knows the current migrations.
func TestQueryTenancyCache(t *testing.T) {
	cache := t.TempDir()
	t.Setenv(CacheEnv, cache)
	root := t.TempDir()
	migs := filepath.Join(root, "db", "migrations")
	// Files modified an hour ago, then a minute later at each edit, are
	// outside racyWindow.
	mtime := time.Now().Add(-time.Hour)
	writeIn := func(dir, name, sql string) {
		t.Helper()
		testfs.Write(t, dir, map[string]string{name: sql})
		mtime = mtime.Add(time.Minute)
		if err := os.Chtimes(filepath.Join(dir, name), mtime, mtime); err != nil {
			t.Fatal(err)
		}
	}
	write := func(name, sql string) { t.Helper(); writeIn(migs, name, sql) }
	// replace gives a file new content of the same size and sets its
	// modification time back, as cp -p and rsync -a do.
	replace := func(path, sql string) {
		t.Helper()
		st, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if int64(len(sql)) != st.Size() {
			t.Fatalf("replacement of %s changes its size", path)
		}
		testfs.Write(t, filepath.Dir(path), map[string]string{filepath.Base(path): sql})
		if err := os.Chtimes(path, st.ModTime(), st.ModTime()); err != nil {
			t.Fatal(err)
		}
	}
	shared := filepath.Join(root, "shared")
	write("001_init.sql", "CREATE TABLE orders (id int, tenant_id uuid);\nCREATE TABLE plans (id int);\n")
	base := Config{Migrations: []string{"db/migrations"}, Dir: root}

	type step struct {
		name   string
		edit   func(c *Config)
		cached bool     // the model came from the cache
		tenant []string // tables that must be tenant tables
		plain  []string // tables that must not be
	}
	steps := []step{
		{"first run replays", nil, false, []string{"orders"}, []string{"plans"}},
		{"second run reads the cache", nil, true, []string{"orders"}, []string{"plans"}},
		{"strict shares the entry", func(c *Config) { c.Strict = true }, true, []string{"orders"}, nil},
		{"edited migration", func(*Config) {
			write("001_init.sql", "CREATE TABLE orders (id int, tenant_id uuid);\nCREATE TABLE plans (id int, tenant_id uuid);\n")
		}, false, []string{"orders", "plans"}, nil},
		{"edited migration cached", nil, true, []string{"orders", "plans"}, nil},
		{"replaced, same size and time", func(*Config) {
			replace(filepath.Join(migs, "001_init.sql"), "CREATE TABLE orders (id int, tenant_id uuid);\nCREATE TABLE plans (id int, tenant_ix uuid);\n")
		}, false, []string{"orders"}, []string{"plans"}},
		{"replaced back", func(*Config) {
			replace(filepath.Join(migs, "001_init.sql"), "CREATE TABLE orders (id int, tenant_id uuid);\nCREATE TABLE plans (id int, tenant_id uuid);\n")
		}, false, []string{"orders", "plans"}, nil},
		{"new migration", func(*Config) {
			write("002_items.sql", "CREATE TABLE items (tenant_id uuid);\n")
		}, false, []string{"items"}, nil},
		{"removed migration", func(*Config) {
			if err := os.Remove(filepath.Join(migs, "002_items.sql")); err != nil {
				t.Fatal(err)
			}
		}, true, []string{"orders"}, []string{"items"}},
		{"other tenant column", func(c *Config) { c.TenantColumn = Names{"id"} }, false, []string{"plans"}, nil},
		{"exempt table", func(c *Config) { c.Exempt = []string{"orders"} }, false, []string{"plans"}, []string{"orders"}},
		{"trust_rls", func(c *Config) { c.TrustRLS = true }, false, []string{"orders"}, nil},
		{"trust_rls cached", func(c *Config) { c.TrustRLS = true }, true, []string{"orders"}, nil},
		// A symlink out of the directory is stamped with its target's
		// metadata.
		{"symlinked migration", func(*Config) {
			writeIn(shared, "events.sql", "CREATE TABLE events (id int);\n")
			if err := os.Symlink(filepath.Join(shared, "events.sql"), filepath.Join(migs, "004_events.sql")); err != nil {
				t.Fatal(err)
			}
		}, false, []string{"orders"}, []string{"events"}},
		{"symlinked migration cached", nil, true, []string{"orders"}, []string{"events"}},
		{"symlink target edited", func(*Config) {
			writeIn(shared, "events.sql", "CREATE TABLE events (id int, tenant_id uuid);\n")
		}, false, []string{"events"}, nil},
		{"symlink pointed at a file of the same size and time", func(*Config) {
			old, link := filepath.Join(shared, "events.sql"), filepath.Join(migs, "004_events.sql")
			other := filepath.Join(shared, "events_v2.sql")
			testfs.Write(t, shared, map[string]string{"events_v2.sql": "CREATE TABLE events (id int, tenant_ix uuid);\n"})
			st, err := os.Stat(old)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.Chtimes(other, st.ModTime(), st.ModTime()); err != nil {
				t.Fatal(err)
			}
			if err := os.Remove(link); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(other, link); err != nil {
				t.Fatal(err)
			}
		}, false, []string{"orders"}, []string{"events"}},
		{"racy migration", func(*Config) {
			testfs.Write(t, migs, map[string]string{"003_racy.sql": "CREATE TABLE racy (tenant_id uuid);\n"})
		}, false, []string{"racy"}, nil},
		{"racy migration again", nil, false, []string{"racy"}, nil},
	}
	// These steps replace a file by one of the same size and modification
	// time, which only appendIdentity tells apart.
	needIdentity := map[string]bool{
		"replaced, same size and time":                        true,
		"replaced back":                                       true,
		"symlink pointed at a file of the same size and time": true,
	}
	info, err := os.Stat(migs)
	if err != nil {
		t.Fatal(err)
	}
	identityStamped := len(appendIdentity(nil, info)) > 0
	for _, st := range steps {
		if needIdentity[st.name] && !identityStamped {
			continue
		}
		c := base
		if st.edit != nil {
			st.edit(&c)
		}
		ten, err := c.QueryTenancy()
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		if ten.QueriesOnly() != st.cached {
			t.Errorf("%s: from the cache = %v, want %v", st.name, ten.QueriesOnly(), st.cached)
		}
		for _, name := range st.tenant {
			if _, ok := ten.TenantColumn(sqlcheck.ParseQName(name)); !ok {
				t.Errorf("%s: %s is not a tenant table", st.name, name)
			}
		}
		for _, name := range st.plain {
			if _, ok := ten.TenantColumn(sqlcheck.ParseQName(name)); ok {
				t.Errorf("%s: %s is a tenant table", st.name, name)
			}
		}
	}
}

// TestQueryTenancyCachePopLayout checks that a file that is not read, but
// puts the directory in pop's layout, is a new key: the same file is then
// read whole, goose's Down section too.
func TestQueryTenancyCachePopLayout(t *testing.T) {
	t.Setenv(CacheEnv, t.TempDir())
	root := t.TempDir()
	migs := filepath.Join(root, "db")
	testfs.Write(t, migs, map[string]string{
		"001_init.up.sql": "-- +goose Up\nCREATE TABLE orders (id int, tenant_id uuid);\n-- +goose Down\nCREATE TABLE plans (tenant_id uuid);\n",
	})
	old := time.Now().Add(-time.Hour)
	stamp := func(name string) {
		t.Helper()
		if err := os.Chtimes(filepath.Join(migs, name), old, old); err != nil {
			t.Fatal(err)
		}
	}
	stamp("001_init.up.sql")
	c := Config{Migrations: []string{"db"}, Dir: root}
	for _, pop := range []bool{false, false, true} {
		if pop {
			testfs.Write(t, migs, map[string]string{"002_x.mysql.up.sql": "SELECT 1;\n"})
			stamp("002_x.mysql.up.sql")
		}
		ten, err := c.QueryTenancy()
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := ten.TenantColumn(sqlcheck.ParseQName("plans")); ok != pop {
			t.Errorf("pop layout %v: plans is a tenant table = %v (cached %v)", pop, ok, ten.QueriesOnly())
		}
	}
}

func TestQueryTenancyCacheFailures(t *testing.T) {
	root := t.TempDir()
	testfs.Write(t, root, map[string]string{"m/001.sql": "CREATE TABLE orders (tenant_id uuid);\n"})
	old := time.Now().Add(-time.Hour)
	if err := os.Chtimes(filepath.Join(root, "m", "001.sql"), old, old); err != nil {
		t.Fatal(err)
	}
	c := Config{Migrations: []string{"m"}, Dir: root}
	query := func(name string, cached bool) {
		t.Helper()
		ten, err := c.QueryTenancy()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if ten.QueriesOnly() != cached {
			t.Errorf("%s: from the cache = %v, want %v", name, ten.QueriesOnly(), cached)
		}
		if _, ok := ten.TenantColumn(sqlcheck.QName{Schema: "public", Name: "orders"}); !ok {
			t.Errorf("%s: orders is not a tenant table", name)
		}
	}
	entries := func(dir string) []string {
		t.Helper()
		names, _ := filepath.Glob(filepath.Join(dir, "*"))
		return names
	}

	for _, off := range []string{"off", "OFF", "Off"} {
		t.Run(off, func(t *testing.T) {
			t.Setenv(CacheEnv, off)
			query("off", false)
			query("off again", false)
		})
	}
	// Under go vet, each package's directory would get cache files.
	for _, rel := range []string{"false", "0", "cache", "./cache"} {
		t.Run("relative "+rel, func(t *testing.T) {
			t.Setenv(CacheEnv, rel)
			want := CacheEnv + `="` + rel + `" is not an absolute path; name an absolute directory, or set it to off`
			if _, err := c.QueryTenancy(); err == nil || err.Error() != want {
				t.Errorf("QueryTenancy error = %v, want %q", err, want)
			}
		})
	}
	t.Run("corrupt entry", func(t *testing.T) {
		dir := t.TempDir()
		t.Setenv(CacheEnv, dir)
		query("first", false)
		files := entries(dir)
		if len(files) != 1 {
			t.Fatalf("cache holds %q, want one entry", files)
		}
		if err := os.WriteFile(files[0], []byte("garbage"), 0o644); err != nil {
			t.Fatal(err)
		}
		query("corrupt", false)
		query("rewritten", true)
	})
	t.Run("unwritable", func(t *testing.T) {
		file := filepath.Join(t.TempDir(), "file")
		testfs.Write(t, filepath.Dir(file), map[string]string{"file": ""})
		t.Setenv(CacheEnv, filepath.Join(file, "cache")) // under a regular file
		query("unwritable", false)
		query("unwritable again", false)
	})
	t.Run("trim", func(t *testing.T) {
		dir := t.TempDir()
		t.Setenv(CacheEnv, dir)
		// The cache may share its directory: others' files stay.
		testfs.Write(t, dir, map[string]string{"querymodel-stale": "x", "querymodel-recent": "x", "someone-elses": "x"})
		stale := time.Now().Add(-cacheTrimAge - time.Hour)
		for _, name := range []string{"querymodel-stale", "someone-elses"} {
			if err := os.Chtimes(filepath.Join(dir, name), stale, stale); err != nil {
				t.Fatal(err)
			}
		}
		query("trim", false)
		if _, err := os.Stat(filepath.Join(dir, "querymodel-stale")); !os.IsNotExist(err) {
			t.Errorf("an entry unused for %v survived a write", cacheTrimAge)
		}
		for _, name := range []string{"querymodel-recent", "someone-elses"} {
			if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
				t.Errorf("%s did not survive a write: %v", name, err)
			}
		}
	})
}

// TestQueryTenancyRace changes the migrations between the key and the
// replay, as a git checkout during a go vet run does: the model must not be
// filed under the key of the files it was not replayed from.
func TestQueryTenancyRace(t *testing.T) {
	t.Setenv(CacheEnv, t.TempDir())
	root := t.TempDir()
	migs := filepath.Join(root, "m")
	old := time.Now().Add(-time.Hour)
	add := func(name, sql string) {
		t.Helper()
		testfs.Write(t, migs, map[string]string{name: sql})
		if err := os.Chtimes(filepath.Join(migs, name), old, old); err != nil {
			t.Fatal(err)
		}
	}
	add("001.sql", "CREATE TABLE orders (id int);\n")
	c := Config{Migrations: []string{"m"}, Dir: root}

	replay = func(c *Config) (*sqlcheck.Tenancy, error) {
		add("002.sql", "ALTER TABLE orders ADD COLUMN tenant_id uuid;\n")
		return c.Tenancy()
	}
	ten, err := c.QueryTenancy()
	replay = (*Config).Tenancy
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := ten.TenantColumn(sqlcheck.QName{Schema: "public", Name: "orders"}); !ok {
		t.Error("the run that replayed 002.sql does not see orders as a tenant table")
	}

	// Back to the files the key was computed from.
	if err := os.Remove(filepath.Join(migs, "002.sql")); err != nil {
		t.Fatal(err)
	}
	ten, err = c.QueryTenancy()
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := ten.TenantColumn(sqlcheck.QName{Schema: "public", Name: "orders"}); ok {
		t.Errorf("without 002.sql, orders is a tenant table (from the cache: %v)", ten.QueriesOnly())
	}
}
