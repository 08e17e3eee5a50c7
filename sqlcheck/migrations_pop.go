package sqlcheck

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
)

// popFileName is the file name pattern of gobuffalo/pop and ory/popx:
// <version>_<name>[.<dialect>][.autocommit].(up|down).(sql|fizz). The name
// holds no dot, so a dotted name reads as a dialect, as it does to pop.
var popFileName = regexp.MustCompile(`^([0-9]+)_([^.]+)((?:\.[a-z0-9]+)*)\.(up|down)\.(sql|fizz)$`)

// popDialects maps the dialect segments that pop and popx accept to the
// dialect they mean. pop ignores a file of any other dialect, and so does
// tenantvet.
var popDialects = map[string]string{
	"postgres": "postgres", "postgresql": "postgres", "pg": "postgres", "pgx": "postgres",
	"cockroach": "cockroach", "cockroachdb": "cockroach", "crdb": "cockroach",
	"mysql": "mysql", "mariadb": "mariadb",
	"sqlite3": "sqlite3", "sqlite": "sqlite3",
	"yugabyte": "yugabyte", "yugabytedb": "yugabyte", // popx
}

// popFile is a file name in pop's pattern.
type popFile struct {
	file, version, name string
	dialect             string // canonical, or "" for a file that serves every database
	up, fizz            bool
}

func parsePopName(name string) (popFile, bool) {
	m := popFileName.FindStringSubmatch(name)
	if m == nil {
		return popFile{}, false
	}
	f := popFile{file: name, version: m[1], name: m[2], up: m[4] == "up", fizz: m[5] == "fizz"}
	var segs []string
	if m[3] != "" {
		segs = strings.Split(m[3][1:], ".")
	}
	// Only popx knows autocommit (run outside a transaction), and only for
	// SQL; the SQL is the same.
	if n := len(segs); n > 0 && segs[n-1] == "autocommit" && !f.fizz {
		segs = segs[:n-1]
	}
	switch len(segs) {
	case 0:
	case 1:
		d, ok := popDialects[segs[0]]
		if !ok {
			return popFile{}, false
		}
		f.dialect = d
	default:
		return popFile{}, false
	}
	return f, true
}

// rank orders the files of one version as pop chooses among them on
// PostgreSQL: the postgres file, else the one for every database; a file of
// another dialect ranks 0 and is never applied.
func (f popFile) rank() int {
	switch f.dialect {
	case "postgres":
		return 2
	case "":
		return 1
	}
	return 0
}

// PopLayout reports whether dir holds migrations in pop's layout, which
// are read differently from the same files in another layout (whole, and
// as templates): a cache of what they define must tell the two apart.
func PopLayout(dir string) bool {
	entries, err := os.ReadDir(dir)
	return err == nil && isPopLayout(entries)
}

// isPopLayout tells pop's layout by what no other tool's directory holds: a
// dialect segment or a fizz file. Without one, the directory is read as
// before, so golang-migrate's NNN_name.up.sql keeps its meaning.
func isPopLayout(entries []os.DirEntry) bool {
	for _, e := range entries {
		if f, ok := parsePopName(e.Name()); ok && !e.IsDir() && (f.dialect != "" || f.fizz) {
			return true
		}
	}
	return false
}

// popMigrationNames chooses, for each version, the file that pop applies on
// PostgreSQL. pop keys a migration by its version alone: it applies the
// best-ranked file of a version and records the version, so the others of
// that version, even under other names, never run.
//
// What tenantvet cannot replay as pop does is an error rather than a
// skipped file, since a skipped migration could hide a table or keep a
// policy that the database does not have:
//   - a chosen .fizz file, because pop translates fizz to SQL itself (popx
//     ignores fizz, but tenantvet cannot tell which of the two runs);
//   - a fizz file with a dialect, which pop refuses to load;
//   - two files of the same rank for one version, of which pop and popx
//     may apply different ones;
//   - a subdirectory holding a file pop would apply, since pop walks
//     subdirectories and merges their migrations by version;
//   - no file at all that pop applies on PostgreSQL.
func popMigrationNames(dir string, entries []os.DirEntry) ([]string, error) {
	best := map[string][]popFile{} // by version, the files of its best rank
	for _, e := range entries {
		if e.IsDir() {
			if err := nestedPopMigration(dir, e.Name()); err != nil {
				return nil, err
			}
			continue
		}
		f, ok := parsePopName(e.Name())
		if !ok || !isRegularFile(dir, e) {
			continue
		}
		if f.fizz && f.dialect != "" {
			return nil, &MigrationError{Path: filepath.Join(dir, f.file), Line: 1, Col: 1,
				Msg: "pop refuses a fizz migration with a dialect, as fizz is translated for each database; drop the dialect or write the migration in SQL"}
		}
		if !f.up || f.rank() == 0 {
			continue
		}
		switch cur := best[f.version]; {
		case len(cur) == 0 || f.rank() > cur[0].rank():
			best[f.version] = []popFile{f}
		case f.rank() == cur[0].rank():
			best[f.version] = append(cur, f)
		}
	}
	versions := make([]string, 0, len(best))
	for v := range best {
		versions = append(versions, v)
	}
	slices.SortFunc(versions, compareMigrationNames)
	var names []string
	for _, v := range versions {
		files := best[v]
		if len(files) > 1 {
			slices.SortFunc(files, func(a, b popFile) int { return strings.Compare(a.file, b.file) })
			return nil, fmt.Errorf("%s and %s are both migration %s for PostgreSQL, and pop applies only one of them; give one a version of its own",
				files[0].file, files[1].file, v)
		}
		f := files[0]
		if err := checkFileName(f.file); err != nil {
			return nil, err
		}
		if f.fizz {
			return nil, &MigrationError{Path: filepath.Join(dir, f.file), Line: 1, Col: 1,
				Msg: fmt.Sprintf("pop translates fizz migrations to SQL, and tenantvet cannot replay them; write this one's PostgreSQL in %s_%s.postgres.up.sql, which pop applies in its place",
					f.version, f.name)}
		}
		names = append(names, f.file)
	}
	if len(names) == 0 {
		return nil, errors.New("holds no migration that pop applies to PostgreSQL (*.postgres.up.sql, or *.up.sql without a dialect)")
	}
	return names, nil
}

// nestedPopMigration reports the first file under dir/sub that pop would
// apply on PostgreSQL. Symlinked directories are not followed, as pop's
// walk does not follow them.
func nestedPopMigration(dir, sub string) error {
	var found string
	err := filepath.WalkDir(filepath.Join(dir, sub), func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		if f, ok := parsePopName(d.Name()); ok && f.up && f.rank() > 0 {
			found, _ = filepath.Rel(dir, path)
			return filepath.SkipAll
		}
		return nil
	})
	if err != nil || found == "" {
		return err
	}
	return fmt.Errorf("pop applies the migrations in subdirectories too, merged by version, and tenantvet reads one directory: move %q into it or out of it", filepath.ToSlash(found))
}
