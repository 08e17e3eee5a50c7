// Package gclnoop is the floor of the golangci-lint benchmark
// (bench/gcl.sh): a module plugin named "noop" whose analyzer does nothing
// and declares no fact type, compiled into the same golangci-lint binary
// as tenantvet's plugin, so that the two differ only in the linter enabled.
package gclnoop

import (
	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
)

func init() {
	register.Plugin("noop", func(any) (register.LinterPlugin, error) { return plugin{}, nil })
}

type plugin struct{}

func (plugin) BuildAnalyzers() ([]*analysis.Analyzer, error) {
	return []*analysis.Analyzer{{
		Name:     "noop",
		Doc:      "noop reports nothing; it is the floor of tenantvet's golangci-lint benchmark",
		Requires: []*analysis.Analyzer{inspect.Analyzer},
		Run:      func(*analysis.Pass) (any, error) { return nil, nil },
	}}, nil
}

func (plugin) GetLoadMode() string { return register.LoadModeTypesInfo }
