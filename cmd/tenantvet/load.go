package main

import (
	"fmt"
	"strings"

	"golang.org/x/tools/go/packages"
)

// loadPackages loads the packages that patterns match, ready for a
// checker whose analyzer has facts, at the cost of one that has none.
//
// An analyzer with facts must run on every package its roots import, so
// singlechecker loads and type-checks the whole import graph from source:
// the standard library and every third-party module, on every run, five to
// ten times what type-checking the user's code costs. tenantvet's facts
// (wrappers, constant-returning methods, builder chains) matter only where
// the user's code is, so only the packages of the main modules (the module
// of the working directory, or those of its go.work) are loaded from
// source: the ones the patterns match and the ones they import. Every
// other package comes from export data, as under go vet, and is cut from
// the import graph that the checker walks, so no analysis runs on it. The
// price: a wrapper or TableName method declared in a third-party module is
// not seen standalone (go vet, which computes facts for every package,
// still sees it).
//
// It returns the packages that patterns match, as packages.Load would, and
// the errors of loading and type-checking any package, once each.
func loadPackages(patterns []string, tests bool) (roots []*packages.Package, pkgErrs []string, err error) {
	// The import graph alone, without types: go list, and no type checking.
	graphCfg := &packages.Config{Mode: packages.NeedName | packages.NeedImports | packages.NeedDeps | packages.NeedModule, Tests: tests}
	graph, err := packages.Load(graphCfg, patterns...)
	if err != nil {
		return nil, nil, err
	}
	if len(graph) == 0 {
		return nil, nil, fmt.Errorf("%s matched no packages", strings.Join(patterns, " "))
	}
	wanted := make(map[string]bool, len(graph)) // IDs of the packages that patterns match
	for _, p := range graph {
		wanted[p.ID] = true
	}
	// The main-module packages that the roots import, by import path:
	// loaded as roots too, so that go/packages type-checks them from source.
	var extra []string
	seen := map[string]bool{}
	packages.Visit(graph, func(p *packages.Package) bool {
		if seen[p.PkgPath] {
			return false
		}
		seen[p.PkgPath] = true
		if !wanted[p.ID] && inMainModule(p) && p.PkgPath != "" && !isTestVariant(p) {
			extra = append(extra, p.PkgPath)
		}
		return true
	}, nil)

	cfg := &packages.Config{Mode: packages.LoadSyntax | packages.NeedModule, Tests: tests}
	all, err := packages.Load(cfg, append(patterns, extra...)...)
	if err != nil {
		return nil, nil, err
	}
	seenErr := map[string]bool{}
	packages.Visit(all, nil, func(p *packages.Package) {
		for _, e := range p.Errors {
			if s := e.Error(); !seenErr[s] {
				seenErr[s] = true
				pkgErrs = append(pkgErrs, s)
			}
		}
	})
	fromSource := map[*packages.Package]bool{}
	for _, p := range all {
		fromSource[p] = true
	}
	for _, p := range all {
		for path, imp := range p.Imports {
			if !fromSource[imp] {
				delete(p.Imports, path)
			}
		}
		if wanted[p.ID] {
			roots = append(roots, p)
		}
	}
	return roots, pkgErrs, nil
}

// inMainModule reports whether p belongs to a module of the workspace: the
// main module, or a module of go.work.
func inMainModule(p *packages.Package) bool {
	return p.Module != nil && p.Module.Main
}

// isTestVariant reports whether p is a package compiled for another's
// tests ("p [q.test]"), or a test binary's main or external test package;
// loading the import path loads it as it is wanted.
func isTestVariant(p *packages.Package) bool {
	return strings.Contains(p.ID, " [") || strings.HasSuffix(p.ID, ".test") || strings.HasSuffix(p.PkgPath, "_test")
}
