package gclplugin

import (
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/golangci/plugin-module-register/register"

	"github.com/tenantvet/tenantvet/config"
	"github.com/tenantvet/tenantvet/internal/testfs"
)

func TestRegistered(t *testing.T) {
	newPlugin, err := register.GetPlugin("tenantvet")
	if err != nil {
		t.Fatal(err)
	}
	p, err := newPlugin(nil)
	if err != nil {
		t.Fatal(err)
	}
	if mode := p.GetLoadMode(); mode != register.LoadModeTypesInfo {
		t.Errorf("GetLoadMode() = %q, want %q", mode, register.LoadModeTypesInfo)
	}
	as, err := p.BuildAnalyzers()
	if err != nil {
		t.Fatal(err)
	}
	if len(as) != 1 || as[0].Name != "tenantvet" {
		t.Errorf("BuildAnalyzers() = %v, want the tenantvet analyzer", as)
	}
}

func TestNew(t *testing.T) {
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	root := config.ModuleRoot(wd)
	for _, tc := range []struct {
		name     string
		settings any
		want     *config.Config // nil: the .tenantvet.yaml lookup
		err      string
	}{
		{name: "nil", settings: nil},
		{name: "empty", settings: map[string]any{}},
		{
			// As golangci-lint's config loader hands them over.
			name: "scalar column",
			settings: map[string]any{
				"tenant_column": "tenant_id",
				"migrations":    []any{"db/migrations"},
				"strict":        true,
			},
			want: &config.Config{TenantColumn: config.Names{"tenant_id"}, Migrations: []string{"db/migrations"}, Strict: true, Dir: root},
		},
		{
			name: "every key",
			settings: map[string]any{
				"tenant_column":    []any{"tenant_id", "tenantId"},
				"tables":           []any{"orders"},
				"migrations":       []any{"/abs/migrations"},
				"exempt":           []any{"plans"},
				"strict":           false,
				"tenant_functions": []any{"app.current_tenant"},
				"trust_rls":        true,
			},
			want: &config.Config{
				TenantColumn: config.Names{"tenant_id", "tenantId"}, Tables: []string{"orders"},
				Migrations: []string{"/abs/migrations"}, Exempt: []string{"plans"},
				TenantFunctions: []string{"app.current_tenant"}, TrustRLS: true, Dir: root,
			},
		},
		{name: "unknown key", settings: map[string]any{"tables": []any{"orders"}, "tennant_column": "x"}, err: `unknown field "tennant_column"`},
		{name: "wrong type", settings: map[string]any{"tables": "orders"}, err: "cannot unmarshal"},
		{name: "no tenant tables", settings: map[string]any{"tenant_column": "tenant_id"}, err: "no tenant tables"},
		{name: "empty column", settings: map[string]any{"tables": []any{"orders"}, "tenant_column": []any{""}}, err: "tenant_column: an entry is empty"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := New(tc.settings)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) || !strings.HasPrefix(err.Error(), "linters.settings.custom.tenantvet.settings: ") {
					t.Fatalf("New() error = %v, want one containing %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got := p.(*Plugin).cfg
			switch {
			case tc.want == nil && got != nil:
				t.Errorf("cfg = %+v, want nil (the .tenantvet.yaml lookup)", got)
			case tc.want != nil && (got == nil || !equalConfig(*got, *tc.want)):
				t.Errorf("cfg = %+v, want %+v", got, tc.want)
			}
		})
	}
}

func TestNewKeepsSettings(t *testing.T) {
	settings := map[string]any{"tenant_column": "tenant_id", "tables": []any{"orders"}}
	if _, err := New(settings); err != nil {
		t.Fatal(err)
	}
	if settings["tenant_column"] != "tenant_id" {
		t.Errorf("New changed the settings it was given: %v", settings)
	}
}

func equalConfig(a, b config.Config) bool {
	return slices.Equal(a.TenantColumn, b.TenantColumn) && slices.Equal(a.Tables, b.Tables) &&
		slices.Equal(a.Migrations, b.Migrations) && slices.Equal(a.Exempt, b.Exempt) &&
		a.Strict == b.Strict && slices.Equal(a.TenantFunctions, b.TenantFunctions) &&
		a.TrustRLS == b.TrustRLS && a.Dir == b.Dir && a.Path == b.Path
}

// issue is one finding of golangci-lint's JSON output.
type issue struct {
	FromLinter string
	Text       string
	Pos        struct {
		Filename string
		Line     int
	}
}

// TestCustomBinary builds golangci-lint with the plugin compiled in, as
// `golangci-lint custom` does, and runs it on testdata/gcl/mod.
//
// It is slow: the build compiles golangci-lint with all its linters, and
// libpg_query through cgo, which took 4.5 minutes on two cores with a cold
// build cache (seconds once the default GOCACHE holds it), and it downloads
// golangci-lint's modules from the module proxy the first time. The runs
// themselves need no network. go test -short skips it.
func TestCustomBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a golangci-lint binary, which takes minutes")
	}
	bin := filepath.Join(t.TempDir(), "custom-gcl")
	build := exec.CommandContext(t.Context(), "go", "build", "-o", bin, ".")
	build.Dir = filepath.Join("..", "testdata", "gcl", "build")
	build.Env = append(os.Environ(), "GOWORK=off")
	start := time.Now()
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build in %s: %v\n%s", build.Dir, err, out)
	}
	t.Logf("built %s in %s", bin, time.Since(start).Round(time.Second))

	mod, err := filepath.Abs(filepath.Join("..", "testdata", "gcl", "mod"))
	if err != nil {
		t.Fatal(err)
	}
	store := filepath.Join(mod, "store", "store.go")
	embedLine := lineOf(t, filepath.Join(mod, "db", "db.go"), "//go:embed")
	sqlLine := lineOf(t, filepath.Join(mod, "db", "migrations", "001_init.sql"), "CREATE TABLE orders")
	leak := "store/store.go:" + itoa(lineOf(t, store, "WHERE id = $1")) + ": TV101"
	nolint := "store/store.go:" + itoa(lineOf(t, store, "//nolint:tenantvet")) + ": TV101"
	generated := "store/query.sql.go:" + itoa(lineOf(t, filepath.Join(mod, "store", "query.sql.go"), "SELECT count(*)")) + ": TV101"
	migration := "db/db.go:" + itoa(embedLine) + ": TV202: migrations/001_init.sql:" + itoa(sqlLine) + ":1: tenant table \"orders\" does not force row-level security"

	// Settings in .golangci.yml, generated files checked, and the
	// //nolint:tenantvet query suppressed.
	t.Run("settings", func(t *testing.T) {
		got := runGCL(t, bin, mod)
		want := []string{migration, generated, leak}
		if !sameFindings(got, want) {
			t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		for _, f := range got {
			if strings.HasPrefix(f, nolint) {
				t.Errorf("the //nolint:tenantvet query is reported: %s", f)
			}
		}
	})

	// No settings: the plugin reads .tenantvet.yaml. Without the //nolint
	// directive the query it suppressed is reported, and golangci-lint's
	// default exclusions hide the finding in the generated file.
	t.Run("tenantvet.yaml", func(t *testing.T) {
		dir := t.TempDir()
		if err := os.CopyFS(dir, os.DirFS(mod)); err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(dir, ".golangci.yml"), onlyTenantvet)
		writeFile(t, filepath.Join(dir, ".tenantvet.yaml"), "tenant_column: tenant_id\nmigrations: [db/migrations]\n")
		src, err := os.ReadFile(filepath.Join(dir, "store", "store.go"))
		if err != nil {
			t.Fatal(err)
		}
		stripped := strings.Replace(string(src), "//nolint:tenantvet", "//", 1)
		writeFile(t, filepath.Join(dir, "store", "store.go"), stripped)

		got := runGCL(t, bin, dir)
		want := []string{migration, leak, nolint}
		if !sameFindings(got, want) {
			t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}

		// A config that finds no tenant table stops golangci-lint, rather
		// than letting it report a clean run.
		writeFile(t, filepath.Join(dir, ".tenantvet.yaml"), "tenant_column: tenantid\nmigrations: [db/migrations]\n")
		cmd := exec.CommandContext(t.Context(), bin, "run", "--show-stats=false", "./...")
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOLANGCI_LINT_CACHE="+t.TempDir(), "GOPROXY=off", "GOWORK=off")
		out, err := cmd.CombinedOutput()
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.ExitCode() == 1 || !strings.Contains(string(out), `none has a column \"tenantid\"`) {
			t.Errorf("no tenant tables: %v, want a failure that is not a finding (exit 1) and says why:\n%s", err, out)
		}
	})

	// The ORMs, with the real libraries: the findings that the other
	// modes report on testdata/ormmod.
	t.Run("orms", func(t *testing.T) {
		dir := t.TempDir()
		if err := os.CopyFS(dir, os.DirFS(filepath.Join("..", "testdata", "ormmod"))); err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(dir, ".golangci.yml"), onlyTenantvet+`issues:
  max-issues-per-linter: 0
  max-same-issues: 0
  uniq-by-line: false
`)
		download := exec.CommandContext(t.Context(), "go", "mod", "download")
		download.Dir = dir
		download.Env = append(os.Environ(), "GOWORK=off")
		if out, err := download.CombinedOutput(); err != nil {
			t.Fatalf("go mod download: %v\n%s", err, out)
		}
		var got []string
		for _, f := range runGCL(t, bin, dir) {
			file, text, _ := strings.Cut(f, ": ")
			id, _, _ := strings.Cut(text, ":")
			got = append(got, filepath.Base(file)+": "+id)
		}
		slices.Sort(got)
		want := testfs.Expected(t, filepath.Join(dir, "expected-findings.txt"))
		if !slices.Equal(got, want) {
			t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	})
}

// onlyTenantvet is a .golangci.yml that enables tenantvet alone, with no
// settings, so that the plugin reads .tenantvet.yaml.
const onlyTenantvet = `version: "2"
linters:
  default: none
  enable: [tenantvet]
  settings:
    custom:
      tenantvet:
        type: module
`

// runGCL runs the custom binary in dir, with a cache of its own and no
// network, and returns its findings as "file:line: text", sorted.
func runGCL(t *testing.T, bin, dir string) []string {
	t.Helper()
	cmd := exec.CommandContext(t.Context(), bin, "run", "--output.json.path=stdout", "--show-stats=false", "./...")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOLANGCI_LINT_CACHE="+t.TempDir(), "GOPROXY=off", "GOWORK=off")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	// golangci-lint exits 1 when it finds issues.
	if exit := (*exec.ExitError)(nil); err != nil && (!errors.As(err, &exit) || exit.ExitCode() != 1) {
		t.Fatalf("%s: %v\n%s%s", strings.Join(cmd.Args, " "), err, out, stderr.String())
	}
	var res struct{ Issues []issue }
	if err := json.NewDecoder(strings.NewReader(string(out))).Decode(&res); err != nil {
		t.Fatalf("golangci-lint output: %v\n%s%s", err, out, stderr.String())
	}
	var got []string
	for _, is := range res.Issues {
		if is.FromLinter != "tenantvet" {
			t.Errorf("issue from %s: %s", is.FromLinter, is.Text)
		}
		got = append(got, filepath.ToSlash(is.Pos.Filename)+":"+itoa(is.Pos.Line)+": "+is.Text)
	}
	slices.Sort(got)
	t.Logf("%s:\n%s", strings.Join(cmd.Args, " "), strings.Join(got, "\n"))
	return got
}

// sameFindings reports whether got and want pair off, each finding
// starting with its own prefix in want.
func sameFindings(got, want []string) bool {
	if len(got) != len(want) {
		return false
	}
	used := make([]bool, len(got))
	for _, w := range want {
		i := slices.IndexFunc(got, func(g string) bool { return strings.HasPrefix(g, w) })
		for i >= 0 && used[i] {
			j := slices.IndexFunc(got[i+1:], func(g string) bool { return strings.HasPrefix(g, w) })
			if j < 0 {
				i = -1
				break
			}
			i += 1 + j
		}
		if i < 0 {
			return false
		}
		used[i] = true
	}
	return true
}

// lineOf returns the line of file that holds s.
func lineOf(t *testing.T, file, s string) int {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	for i, line := range strings.Split(string(data), "\n") {
		if strings.Contains(line, s) {
			return i + 1
		}
	}
	t.Fatalf("%s has no line with %q", file, s)
	return 0
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
