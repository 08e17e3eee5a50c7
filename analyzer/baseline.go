package analyzer

import (
	"cmp"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/tenantvet/tenantvet/config"
	"github.com/tenantvet/tenantvet/sqlcheck"
)

// BaselineEntry identifies one known finding. Its identity must survive
// edits that do not touch the query: line numbers move and white space
// changes, so it holds the file, the check, the table and the fingerprint
// of the query or migration statement, and no position.
type BaselineEntry struct {
	File        string `json:"file"` // slash-separated, relative to the module root
	Check       string `json:"check"`
	Table       string `json:"table,omitempty"`
	Fingerprint string `json:"fingerprint,omitempty"`
}

// baselineFile is the form of a -baseline file: stable, sorted JSON that
// diffs well in review.
type baselineFile struct {
	Version  int             `json:"version"`
	Findings []BaselineEntry `json:"findings"`
}

// NewBaselineEntry makes the entry of a finding in file.
func NewBaselineEntry(file string, f Finding) BaselineEntry {
	return BaselineEntry{File: moduleRelative(file), Check: f.Check, Table: f.Table, Fingerprint: f.Fingerprint}
}

func moduleRelative(file string) string {
	abs, err := filepath.Abs(file)
	if err != nil {
		return filepath.ToSlash(file)
	}
	rel, err := filepath.Rel(config.ModuleRoot(filepath.Dir(abs)), abs)
	if err != nil {
		return filepath.ToSlash(abs)
	}
	return filepath.ToSlash(rel)
}

// WriteBaseline writes entries to path, sorted and without duplicates.
func WriteBaseline(path string, entries []BaselineEntry) error {
	entries = slices.Clone(entries)
	slices.SortFunc(entries, func(a, b BaselineEntry) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Check, b.Check), cmp.Compare(a.Table, b.Table), cmp.Compare(a.Fingerprint, b.Fingerprint))
	})
	entries = slices.Compact(entries)
	data, err := json.MarshalIndent(baselineFile{Version: 1, Findings: entries}, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(data, '\n'), 0o644)
}

// baseline is the set of findings a -baseline file lists.
type baseline map[BaselineEntry]bool

func readBaseline(path string) (baseline, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("baseline: %w", err)
	}
	var f baselineFile
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("baseline %s: %w", path, err)
	}
	b := baseline{}
	for _, e := range f.Findings {
		b[e] = true
	}
	return b, nil
}

// has reports whether the baseline lists a finding in file.
func (b baseline) has(file string, f sqlcheck.Finding) bool {
	return b[BaselineEntry{File: moduleRelative(file), Check: f.ID, Table: f.Table, Fingerprint: f.Fingerprint}]
}
