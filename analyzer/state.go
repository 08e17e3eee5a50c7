package analyzer

import (
	"fmt"
	"path/filepath"
	"sync"

	"github.com/tenantvet/tenantvet/config"
	"github.com/tenantvet/tenantvet/sqlcheck"
)

// state is what one Analyzer keeps across the packages it checks. Drivers
// run packages in parallel, so it is guarded.
type state struct {
	fixed   *config.Config
	flags   flagValues
	atEmbed bool

	mu        sync.Mutex
	entries   map[entryKey]*entry
	baselines map[string]baseline // by module root
}

// baselineFor loads the -baseline file of the module at root, once.
func (s *state) baselineFor(root string) (baseline, error) {
	if s.flags.baseline == "" {
		return nil, nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if b, ok := s.baselines[root]; ok {
		return b, nil
	}
	path := s.flags.baseline
	if !filepath.IsAbs(path) {
		path = filepath.Join(root, path)
	}
	b, err := readBaseline(path)
	if err != nil {
		return nil, err
	}
	s.baselines[root] = b
	return b, nil
}

// entryKey tells configurations apart: by file, and by module root, from
// which relative flag paths are taken.
type entryKey struct{ path, root string }

// entry is one configuration and, once a package needs it, the checker
// built from it. Replaying migrations is the costly part, so it happens at
// most once per process and only for packages that have query sites, and
// the query rules take the replay's result from config's cache when they
// can: under go vet, each package is a process of its own.
type entry struct {
	cfg     config.Config
	err     error
	once    sync.Once
	tenancy *sqlcheck.Tenancy
	chk     *sqlcheck.Checker

	migrationsOnce sync.Once
	replayed       *sqlcheck.Tenancy // with the whole catalog
	migrations     []sqlcheck.Finding
	migrationsErr  error
}

func (e *entry) checker() (*sqlcheck.Checker, error) {
	e.once.Do(func() {
		e.tenancy, e.err = e.cfg.QueryTenancy()
		if e.err == nil {
			e.err = e.cfg.CheckSetup(e.tenancy)
		}
		if e.err == nil {
			e.chk = sqlcheck.NewChecker(e.tenancy)
		}
	})
	return e.chk, e.err
}

// migrationFindings returns the tenancy with the whole replayed catalog and
// the findings of the migration rules, computed once.
func (e *entry) migrationFindings() (*sqlcheck.Tenancy, []sqlcheck.Finding, error) {
	if _, err := e.checker(); err != nil {
		return nil, nil, err
	}
	e.migrationsOnce.Do(func() {
		e.replayed = e.tenancy
		if e.replayed.QueriesOnly() {
			e.replayed, e.migrationsErr = e.cfg.Tenancy()
		}
		if e.migrationsErr == nil {
			e.migrations = e.replayed.CheckMigrations()
		}
	})
	return e.replayed, e.migrations, e.migrationsErr
}

// entryFor returns the configuration that governs the package in dir.
func (s *state) entryFor(dir string) *entry {
	root := config.ModuleRoot(dir)
	path := s.flags.configPath(root)
	if path == "" && s.fixed == nil {
		path = config.Find(dir)
	}
	key := entryKey{path, root}
	s.mu.Lock()
	defer s.mu.Unlock()
	if e := s.entries[key]; e != nil {
		return e
	}
	e := &entry{}
	switch {
	case path != "":
		c, err := config.Load(path)
		if err != nil {
			e.err = err
			break
		}
		e.cfg = *c
	case s.fixed != nil:
		e.cfg = *s.fixed
	}
	if e.err == nil {
		e.cfg = s.flags.overlay(e.cfg, root)
		if err := e.cfg.Validate(); err != nil {
			e.err = err
			if path == "" {
				e.err = fmt.Errorf("%s (no .tenantvet.yaml found in %s or above a package)", err, root)
			}
		}
	}
	s.entries[key] = e
	return e
}
