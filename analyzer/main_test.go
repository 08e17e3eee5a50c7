package analyzer_test

import (
	"os"
	"testing"

	"github.com/tenantvet/tenantvet/config"
	"github.com/tenantvet/tenantvet/internal/testfs"
)

func TestMain(m *testing.M) { os.Exit(testfs.RunIsolated(m, config.CacheEnv)) }
