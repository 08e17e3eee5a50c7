package main

import (
	"fmt"
	"slices"
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
	cfg := &packages.Config{Mode: packages.LoadSyntax | packages.NeedModule, Tests: tests}
	roots, err = packages.Load(cfg, patterns...)
	if err != nil {
		return nil, nil, err
	}
	if len(roots) == 0 {
		return nil, nil, fmt.Errorf("%s matched no packages", strings.Join(patterns, " "))
	}
	all := roots
	// The main-module packages that the roots import but the patterns do
	// not match came from export data: load them again as roots, so that
	// go/packages type-checks them from source. ./... needs no second load.
	if extra := fromExportData(roots); len(extra) > 0 {
		if all, err = packages.Load(cfg, append(patterns, extra...)...); err != nil {
			return nil, nil, err
		}
		wanted := make(map[string]bool, len(roots))
		for _, p := range roots {
			wanted[p.ID] = true
		}
		roots = slices.DeleteFunc(slices.Clone(all), func(p *packages.Package) bool { return !wanted[p.ID] })
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
	}
	return roots, pkgErrs, nil
}

// fromExportData returns the import paths of the main-module packages that
// roots import, directly or not, and that are not roots themselves.
func fromExportData(roots []*packages.Package) []string {
	isRoot := make(map[*packages.Package]bool, len(roots))
	for _, p := range roots {
		isRoot[p] = true
	}
	var extra []string
	seen := map[string]bool{}
	packages.Visit(roots, func(p *packages.Package) bool {
		if seen[p.ID] {
			return false
		}
		seen[p.ID] = true
		if !isRoot[p] && inMainModule(p) && p.PkgPath != "" && !isTestVariant(p) && !slices.Contains(extra, p.PkgPath) {
			extra = append(extra, p.PkgPath)
		}
		return true
	}, nil)
	return extra
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
