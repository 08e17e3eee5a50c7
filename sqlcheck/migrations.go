package sqlcheck

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"

	"github.com/tenantvet/tenantvet/internal/oneline"
)

// MigrationFile is one migration's SQL, ready to be replayed into the schema
// model. SQL keeps the file's exact length and line breaks, with what must
// not be applied blanked to spaces, so that an offset the parser reports in
// SQL is also an offset in the file and findings point at the right line of
// the migration without any mapping table.
type MigrationFile struct {
	Path string // as found: filepath.Join(dir, name)
	SQL  string // the file's up SQL; same length and line breaks as the file
}

// ReadMigrations lists the migration files of each directory in dirs, in the
// order they are applied, and extracts their up SQL.
//
// golang-migrate, goose, dbmate and plain SQL files are understood: .down.sql
// files are skipped; in a file that marks its sections with goose's
// "-- +goose Up" / "-- +goose Down" or dbmate's "-- migrate:up" /
// "-- migrate:down", only the up sections count; anything else is applied
// whole.
//
// A directory in the layout of gobuffalo/pop and ory/popx, recognised by a
// file with a dialect, as in 1_init.postgres.up.sql, or by a .fizz file, is
// read as pop applies it to PostgreSQL: for each version its postgres up
// file, or else its up file without a dialect, applied whole; other
// dialects' files, down files and files pop ignores (schema.sql, names
// outside its pattern) are not read. See popMigrationNames for what is an
// error instead.
func ReadMigrations(dirs []string) ([]MigrationFile, error) {
	listed, err := listMigrations(dirs)
	if err != nil {
		return nil, err
	}
	files := make([]MigrationFile, 0, len(listed))
	for _, l := range listed {
		src, err := os.ReadFile(l.path)
		if err != nil {
			return nil, fmt.Errorf("migrations: %w", err)
		}
		if !l.pop {
			files = append(files, MigrationFile{Path: l.path, SQL: upSQL(src)})
			continue
		}
		// pop and popx execute every migration as a text/template, so an
		// action would run something other than the file's text.
		if i := bytes.Index(src, []byte("{{")); i >= 0 {
			line, col := LineCol(string(src), i)
			return nil, &MigrationError{Path: l.path, Line: line, Col: col,
				Msg: "pop runs migrations as Go templates, and tenantvet cannot expand the template action here"}
		}
		files = append(files, MigrationFile{Path: l.path, SQL: string(src)})
	}
	return files, nil
}

// MigrationPaths lists the files ReadMigrations would read, in the same
// order, without reading them.
//
// The order is the one the migration tools apply: files whose names start
// with digits first, by the numeric value of that prefix (sequence numbers
// and timestamps alike, so 2 precedes 10), then the rest by name.
func MigrationPaths(dirs []string) ([]string, error) {
	listed, err := listMigrations(dirs)
	if err != nil {
		return nil, err
	}
	paths := make([]string, len(listed))
	for i, l := range listed {
		paths[i] = l.path
	}
	return paths, nil
}

// listedMigration is a file that ReadMigrations reads.
type listedMigration struct {
	path string
	pop  bool // of a pop directory: applied whole, and as a template
}

func listMigrations(dirs []string) ([]listedMigration, error) {
	var listed []listedMigration
	for _, dir := range dirs {
		names, pop, err := migrationNames(dir)
		if err != nil {
			// A file that cannot be replayed is named by its own path.
			var me *MigrationError
			if errors.As(err, &me) {
				return nil, err
			}
			return nil, &DirError{Dir: dir, Err: err}
		}
		slices.SortFunc(names, compareMigrationNames)
		for _, name := range names {
			listed = append(listed, listedMigration{path: filepath.Join(dir, name), pop: pop})
		}
	}
	return listed, nil
}

// DirError is a migration directory that cannot serve as one: missing,
// not a directory, or holding no migration. An empty directory is an error
// rather than an empty schema, because a wrong path (the parent of the
// migrations, say) would otherwise check nothing and pass.
type DirError struct {
	Dir string
	Err error
}

func (e *DirError) Error() string {
	return oneline.Escape("migrations " + e.Dir + ": " + e.Err.Error())
}
func (e *DirError) Unwrap() error { return e.Err }

// migrationNames returns the names of the migration files in dir, and
// whether dir is in pop's layout.
func migrationNames(dir string) ([]string, bool, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err // the path is the DirError's
		}
		if errors.Is(err, syscall.ENOTDIR) {
			err = errors.New("not a directory")
		}
		return nil, false, err
	}
	if isPopLayout(entries) {
		names, err := popMigrationNames(dir, entries)
		return names, true, err
	}
	var names []string
	for _, e := range entries {
		name := e.Name()
		if !strings.HasSuffix(name, ".sql") || strings.HasSuffix(name, ".down.sql") {
			continue
		}
		if !isRegularFile(dir, e) {
			continue
		}
		if err := checkFileName(name); err != nil {
			return nil, false, err
		}
		names = append(names, name)
	}
	if len(names) == 0 {
		return nil, false, errors.New("holds no migration files (*.sql)" + nestedMigrations(dir, entries))
	}
	return names, false, nil
}

// checkFileName keeps names printable: findings print the file's name at
// the start of a line.
func checkFileName(name string) error {
	if oneline.Escape(name) != name {
		return fmt.Errorf("file name %q holds a control character; rename it", name)
	}
	return nil
}

// nestedMigrations names the subdirectories of dir that hold .sql files, the
// likely meaning of a path one level too high.
func nestedMigrations(dir string, entries []os.DirEntry) string {
	var found []string
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		sub, _ := os.ReadDir(filepath.Join(dir, e.Name()))
		n := 0
		for _, f := range sub {
			if strings.HasSuffix(f.Name(), ".sql") && !strings.HasSuffix(f.Name(), ".down.sql") {
				n++
			}
		}
		if n > 0 {
			found = append(found, fmt.Sprintf("%q holds %d", e.Name(), n))
		}
	}
	if len(found) == 0 {
		return ""
	}
	return "; its subdirectory " + strings.Join(found, ", and ")
}

// isRegularFile follows symlinks because the migration tools open files by
// name and so apply a symlinked migration like any other. A symlink that
// cannot be resolved is skipped rather than reported: editors leave dangling
// ones (Emacs's .#name.sql locks) next to the files being edited.
func isRegularFile(dir string, e os.DirEntry) bool {
	if e.Type()&os.ModeSymlink == 0 {
		return e.Type().IsRegular()
	}
	info, err := os.Stat(filepath.Join(dir, e.Name()))
	return err == nil && info.Mode().IsRegular()
}

func compareMigrationNames(a, b string) int {
	pa, pb := numericPrefix(a), numericPrefix(b)
	switch {
	case pa != "" && pb == "":
		return -1
	case pa == "" && pb != "":
		return 1
	}
	// Timestamps and long sequence numbers can exceed any integer type, so
	// the prefixes are compared as decimal strings.
	pa, pb = strings.TrimLeft(pa, "0"), strings.TrimLeft(pb, "0")
	if c := cmp.Compare(len(pa), len(pb)); c != 0 {
		return c
	}
	if c := strings.Compare(pa, pb); c != 0 {
		return c
	}
	return strings.Compare(a, b)
}

func numericPrefix(name string) string {
	i := 0
	for i < len(name) && '0' <= name[i] && name[i] <= '9' {
		i++
	}
	return name[:i]
}

// migrationDirective is what a line means to the migration tools.
type migrationDirective int

const (
	sqlLine         migrationDirective = iota
	upDirective                        // -- +goose Up, -- migrate:up
	downDirective                      // -- +goose Down, -- migrate:down
	otherAnnotation                    // any other -- +goose line
)

// upSQL blanks every line of src that is not up SQL. Up to the first up or
// down directive the file may still be plain SQL, so those lines are kept
// until a directive shows the file is sectioned; then they are blanked too,
// as the tools do not apply them either. It blanks src in place.
func upSQL(src []byte) string {
	text := string(src)
	out := src
	sectioned, apply := false, true
	for start := 0; start < len(text); {
		end := len(text)
		if i := strings.IndexByte(text[start:], '\n'); i >= 0 {
			end = start + i
		}
		d := classifyMigrationLine(text[start:end])
		if (d == upDirective || d == downDirective) && !sectioned {
			sectioned = true
			blankOut(out[:start])
		}
		switch d {
		case upDirective:
			apply = true
		case downDirective:
			apply = false
		}
		if d != sqlLine || !apply {
			blankOut(out[start:end])
		}
		start = end + 1
	}
	return string(out)
}

// classifyMigrationLine recognises annotations on whole lines, as the tools
// do, so directive-like text within a statement is left alone. Goose
// directives are matched case-insensitively: current goose documents its
// annotations as case-insensitive ("-- +goose up"), and older versions
// required "-- +goose Up" exactly, so other spellings come only from files
// written for current goose.
func classifyMigrationLine(line string) migrationDirective {
	rest, ok := strings.CutPrefix(strings.TrimSpace(line), "--")
	if !ok {
		return sqlLine
	}
	rest = strings.TrimSpace(rest)
	if len(rest) >= len("+goose") && strings.EqualFold(rest[:len("+goose")], "+goose") {
		arg := rest[len("+goose"):]
		if arg != "" && arg[0] != ' ' && arg[0] != '\t' {
			return sqlLine
		}
		switch arg = strings.TrimSpace(arg); {
		case strings.EqualFold(arg, "up"):
			return upDirective
		case strings.EqualFold(arg, "down"):
			return downDirective
		}
		return otherAnnotation
	}
	if rest, ok := strings.CutPrefix(rest, "migrate:"); ok {
		// dbmate allows options after the directive: "-- migrate:up transaction:false".
		if i := strings.IndexAny(rest, " \t"); i >= 0 {
			rest = rest[:i]
		}
		switch rest {
		case "up":
			return upDirective
		case "down":
			return downDirective
		}
	}
	return sqlLine
}

// blankOut keeps line breaks, including the \r of CRLF files, so that line
// numbers and the file's line structure survive.
func blankOut(b []byte) {
	for i, c := range b {
		if c != '\n' && c != '\r' {
			b[i] = ' '
		}
	}
}

// LineCol converts a byte offset in text to a 1-based line and 1-based
// column (column counted in bytes). Offsets outside text are clamped so that
// a stray position degrades a report instead of crashing the analysis.
func LineCol(text string, off int) (line, col int) {
	off = min(max(off, 0), len(text))
	before := text[:off]
	return strings.Count(before, "\n") + 1, off - strings.LastIndexByte(before, '\n')
}
