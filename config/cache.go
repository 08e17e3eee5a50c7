package config

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/tenantvet/tenantvet/sqlcheck"
)

// CacheEnv names the environment variable that moves the query model cache
// from os.UserCacheDir()/tenantvet, or turns it off with "off".
const CacheEnv = "TENANTVET_CACHE"

// cacheFormat changes whenever the key or the encoding does.
const cacheFormat = "tenantvet query model 5"

// cachePrefix starts the name of every file the cache writes.
const cachePrefix = "querymodel-"

// Entries unused for this long are removed when a new one is written, so
// that a cache that sees many migration changes does not grow without end.
const (
	cacheTrimAge  = 5 * 24 * time.Hour
	cacheTouchAge = time.Hour
)

// QueryTenancy returns the tenancy model that the query rules need.
//
// go vet runs the tool once per package, so replaying every migration in
// each process would cost more than checking the queries. The model is
// therefore cached on disk, under a key that hashes this config and the
// stamps (appendStamp) of the tool's executable, so that a rebuilt tool
// replays afresh, and of every migration file: path, size, modification
// time, inode and change time, so that an edited, added, removed or
// replaced migration is a new key. Reading 300 files in each process would
// cost more than the rest of the lookup; the metadata is what git's index
// trusts too. Like git, it distrusts a file modified within the
// last racyWindow, whose next edit could keep its size and timestamp on a
// file system with coarse timestamps: then the cache is not used.
//
// On a cache hit the returned Tenancy answers the query rules only
// (QueriesOnly); use Tenancy for the migration rules. The cache is an
// optimisation: when it cannot be read or written, the migrations are
// replayed as if it did not exist.
func (c *Config) QueryTenancy() (*sqlcheck.Tenancy, error) {
	if len(c.Migrations) == 0 {
		return c.Tenancy()
	}
	dir, err := cacheDir()
	if err != nil {
		return nil, err
	}
	path := c.cachePath(dir)
	if path != "" {
		if data, err := os.ReadFile(path); err == nil {
			t := c.bareTenancy()
			if t.DecodeQueryModel(data) == nil {
				touch(path)
				return t, nil
			}
		}
	}
	t, err := replay(c)
	if err != nil || path == "" {
		return t, err
	}
	// The replay lists and reads the migrations anew: one added, removed or
	// edited since the key was computed would file this model under the key
	// of a set of files it does not describe, to be read whenever that set
	// comes back (a branch switched to and fro).
	if c.cachePath(dir) != path {
		return t, nil
	}
	if data, err := t.EncodeQueryModel(); err == nil {
		writeCache(path, data)
	}
	return t, nil
}

// replay is Config.Tenancy; tests interpose on it to change the migrations
// while QueryTenancy runs.
var replay = (*Config).Tenancy

// racyWindow is how recent a modification must be for a file's metadata
// not to be trusted as a cache key.
const racyWindow = 2 * time.Second

// cacheDir returns the cache's directory, or "" when it is off. A relative
// TENANTVET_CACHE is an error: go vet runs the tool in each package's
// directory, so it would scatter cache files through the module.
func cacheDir() (string, error) {
	dir := os.Getenv(CacheEnv)
	switch {
	case strings.EqualFold(dir, "off"):
		return "", nil
	case dir == "":
		base, err := os.UserCacheDir()
		if err != nil {
			return "", nil
		}
		return filepath.Join(base, "tenantvet"), nil
	case !filepath.IsAbs(dir):
		return "", fmt.Errorf("%s=%q is not an absolute path; name an absolute directory, or set it to off", CacheEnv, dir)
	}
	return dir, nil
}

// cachePath returns the cache file in dir for this config and its
// migrations, or "" when there is no cache to use.
func (c *Config) cachePath(dir string) string {
	if dir == "" {
		return ""
	}
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	st, err := os.Stat(exe)
	if err != nil {
		return ""
	}
	// A rebuilt tool is a new key at once: no racy window for the tool.
	h := sha256.New()
	h.Write(appendStamp([]byte(cacheFormat+"\n"), exe, st))
	// Strict does not change the model, and the migration directories are
	// hashed as the files' paths.
	key := *c
	key.Strict, key.Migrations, key.Dir, key.Path = false, nil, "", ""
	key.TenantColumn = c.Columns()
	cfg, err := json.Marshal(key)
	if err != nil {
		return ""
	}
	h.Write(append(cfg, '\n'))
	paths, err := sqlcheck.MigrationPaths(c.MigrationDirs())
	if err != nil {
		return ""
	}
	if !hashFiles(h, paths) {
		return ""
	}
	// A file that is not read (another dialect's) can put a directory in
	// pop's layout, where the same files read differently.
	for _, d := range c.MigrationDirs() {
		fmt.Fprintf(h, "pop %v\n", sqlcheck.PopLayout(d))
	}
	return filepath.Join(dir, cachePrefix+hex.EncodeToString(h.Sum(nil))[:32])
}

// hashFiles writes the stamp of each file to h. It reports false when a
// file cannot be read or is too recent to trust.
func hashFiles(h io.Writer, paths []string) bool {
	// Each file is looked up from its open directory: walking every
	// file's whole path in the kernel was most of the cost of a hit.
	var (
		root    *os.Root
		rootDir string
		buf     []byte
	)
	closeRoot := func() {
		if root != nil {
			root.Close()
		}
	}
	defer closeRoot()
	for _, p := range paths {
		if d := filepath.Dir(p); root == nil || d != rootDir {
			closeRoot()
			var err error
			if root, err = os.OpenRoot(d); err != nil {
				return false
			}
			rootDir = d
		}
		st, err := root.Stat(filepath.Base(p))
		if err != nil {
			// A symlink out of the directory, which a Root refuses.
			st, err = os.Stat(p)
		}
		if err != nil || time.Since(st.ModTime()) < racyWindow {
			return false
		}
		buf = appendStamp(buf[:0], p, st)
		h.Write(buf)
	}
	return true
}

// appendStamp appends a line with the path, size, modification time and,
// where the system tells, identity (appendIdentity) of a file.
func appendStamp(buf []byte, path string, st os.FileInfo) []byte {
	buf = strconv.AppendQuote(buf, path)
	buf = strconv.AppendInt(append(buf, ' '), st.Size(), 10)
	buf = strconv.AppendInt(append(buf, ' '), st.ModTime().UnixNano(), 10)
	return append(appendIdentity(buf, st), '\n')
}

// writeCache writes the entry through a temporary file and a rename, so
// that go vet's parallel processes never read half an entry, and removes
// entries that have not been used for cacheTrimAge.
func writeCache(path string, data []byte) {
	dir := filepath.Dir(path)
	if os.MkdirAll(dir, 0o755) != nil {
		return
	}
	tmp, err := os.CreateTemp(dir, cachePrefix+"*.tmp")
	if err != nil {
		return
	}
	_, werr := tmp.Write(data)
	if cerr := tmp.Close(); werr != nil || cerr != nil || os.Rename(tmp.Name(), path) != nil {
		os.Remove(tmp.Name())
		return
	}
	// Only tenantvet's own files: TENANTVET_CACHE may name a shared
	// directory.
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), cachePrefix) {
			continue
		}
		if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > cacheTrimAge {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}

// touch marks an entry as used, at most once per cacheTouchAge, as the go
// command's cache does, so that trimming spares it.
func touch(path string) {
	if info, err := os.Stat(path); err == nil && time.Since(info.ModTime()) > cacheTouchAge {
		now := time.Now()
		os.Chtimes(path, now, now)
	}
}
