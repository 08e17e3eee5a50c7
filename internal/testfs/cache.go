package testfs

import (
	"fmt"
	"os"
	"testing"
)

// RunIsolated runs a package's tests with the environment variable env (the
// query model cache's, config.CacheEnv) naming a fresh directory, removed
// afterwards, so that the tests and the tools they start neither read the
// user's cache nor fill it with entries for test binaries.
func RunIsolated(m *testing.M, env string) int {
	dir, err := os.MkdirTemp("", "tenantvet-cache-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	os.Setenv(env, dir)
	return m.Run()
}
