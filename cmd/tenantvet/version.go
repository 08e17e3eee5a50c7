package main

import (
	"crypto/sha256"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/tenantvet/tenantvet/config"
	"github.com/tenantvet/tenantvet/sqlcheck"
)

// printVersion answers go vet's -V=full. go vet puts the answer into the
// cache key of every package's result, and it caches clean results. The
// tool's findings depend on .tenantvet.yaml and on the migrations as much
// as on its own code, so all of them go into the build ID; otherwise editing
// a migration would leave a stale "clean" in the cache.
func printVersion(w io.Writer) int {
	h := sha256.New()
	exe, err := os.Executable()
	if err == nil {
		err = hashFile(h, exe)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "tenantvet: %v\n", err)
		return 1
	}
	hashConfigState(h)
	// The form is the one go/analysis drivers print; go vet parses it.
	fmt.Fprintf(w, "tenantvet version devel comments-go-here buildID=%02x\n", h.Sum(nil))
	return 0
}

// hashConfigState hashes every config file of the module that holds the
// working directory, and every migration file they name. go vet does not
// pass its flags with -V=full, so a -config or -migrations flag given to go
// vet is read from the parent process's command line where the system
// shows it (Linux); flags themselves are part of go vet's key already.
func hashConfigState(h hash.Hash) {
	wd, err := os.Getwd()
	if err != nil {
		return
	}
	root := config.ModuleRoot(wd)
	cfgFlags, dirs := parentFlags(root)
	configs := append(moduleConfigs(root), cfgFlags...)
	for _, path := range configs {
		hashFile(h, path)
		if c, err := config.Load(path); err == nil {
			dirs = append(dirs, c.MigrationDirs()...)
		}
	}
	paths, _ := sqlcheck.MigrationPaths(existing(dirs))
	for _, p := range paths {
		hashFile(h, p)
	}
}

func hashFile(h hash.Hash, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	fmt.Fprintf(h, "%s\x00", path)
	_, err = io.Copy(h, f)
	return err
}

// moduleConfigs finds the config files below root, skipping the directories
// that ./... skips.
func moduleConfigs(root string) []string {
	var configs []string
	filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		name := d.Name()
		if d.IsDir() {
			if path != root && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") || name == "testdata" || name == "vendor" || name == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		for _, n := range config.FileNames {
			if name == n {
				configs = append(configs, path)
			}
		}
		return nil
	})
	return configs
}

// parentFlags reads -config, -baseline and -migrations from the command line of the
// process that ran us, which under go vet is go vet itself. Their relative
// paths are taken from the module root, as the analyzer takes them.
func parentFlags(root string) (configs, migrations []string) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/cmdline", os.Getppid()))
	if err != nil {
		return nil, nil
	}
	args := strings.Split(strings.TrimRight(string(data), "\x00"), "\x00")
	for i, a := range args {
		name, value, ok := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !ok && i+1 < len(args) {
			value = args[i+1]
		}
		if !strings.HasPrefix(a, "-") {
			continue
		}
		switch name {
		case "config", "baseline":
			// A baseline changes what is reported as much as a config does.
			configs = append(configs, inRoot(root, value))
		case "migrations":
			for _, d := range strings.Split(value, ",") {
				migrations = append(migrations, inRoot(root, strings.TrimSpace(d)))
			}
		}
	}
	return configs, migrations
}

func inRoot(root, path string) string {
	if filepath.IsAbs(path) {
		return path
	}
	return filepath.Join(root, path)
}

func existing(dirs []string) []string {
	var out []string
	for _, d := range dirs {
		if st, err := os.Stat(d); err == nil && st.IsDir() {
			out = append(out, d)
		}
	}
	return out
}
