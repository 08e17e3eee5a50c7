package analyzer

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"
)

// TestGormSQL checks the SQL rebuilt from gorm chains.
func TestGormSQL(t *testing.T) {
	analysistest.Run(t, squirrelTestdata(t), chainSQL(), "ormchains/gormrender")
}
