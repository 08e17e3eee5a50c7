package analyzer

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"

	"github.com/tenantvet/tenantvet/config"
)

// BaselineEntry identifies known findings. Its identity must survive edits
// that do not touch the query: line numbers move and white space changes,
// so it holds no position. It must also tell one known finding from a new
// one that looks the same to a fingerprint that ignores literal values, so
// it names the function the finding is in, and Count says how many such
// findings are known: one more is new.
type BaselineEntry struct {
	File        string `json:"file"` // slash-separated, relative to the module root
	Function    string `json:"function,omitempty"`
	Check       string `json:"check"`
	Table       string `json:"table,omitempty"`
	Fingerprint string `json:"fingerprint,omitempty"`
	Count       int    `json:"count"`
}

// baselineVersion changes whenever entries change meaning: an old file
// read as a new one could hide what it never recorded.
const baselineVersion = 2

// baselineFile is the form of a -baseline file: stable, sorted JSON that
// diffs well in review.
type baselineFile struct {
	Version  int             `json:"version"`
	Findings []BaselineEntry `json:"findings"`
}

// NewBaselineEntry makes the entry of one finding in file.
func NewBaselineEntry(file string, f Finding) BaselineEntry {
	return BaselineEntry{File: moduleRelative(file), Function: f.Function, Check: f.Check, Table: f.Table, Fingerprint: f.Fingerprint, Count: 1}
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

// WriteBaseline writes the entries of findings to path, sorted, with equal
// entries counted as one. It writes a temporary file and renames it, so
// that a full disk or a killed run leaves the old baseline whole.
func WriteBaseline(path string, entries []BaselineEntry) error {
	counts := map[BaselineEntry]int{}
	for _, e := range entries {
		n := e.Count
		e.Count = 0
		counts[e] += n
	}
	merged := make([]BaselineEntry, 0, len(counts))
	for e, n := range counts {
		e.Count = n
		merged = append(merged, e)
	}
	slices.SortFunc(merged, func(a, b BaselineEntry) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Function, b.Function), cmp.Compare(a.Check, b.Check),
			cmp.Compare(a.Table, b.Table), cmp.Compare(a.Fingerprint, b.Fingerprint))
	})
	data, err := json.MarshalIndent(baselineFile{Version: baselineVersion, Findings: merged}, "", "  ")
	if err != nil {
		return err
	}
	return writeAtomic(path, append(data, '\n'))
}

// writeAtomic replaces path with data through a temporary file in the same
// directory, synced before the rename.
func writeAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	_, err = tmp.Write(data)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}

// baseline counts the known findings of each identity.
type baseline map[BaselineEntry]int

// readBaseline reads a -baseline file. Anything it does not understand is
// an error: a baseline read as empty, or read in part, hides nothing, and a
// baseline read too generously hides new leaks.
func readBaseline(path string) (baseline, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("baseline: %w", err)
	}
	var f baselineFile
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("baseline %s: %w", path, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("baseline %s: text after the JSON object", path)
	}
	if f.Version != baselineVersion {
		return nil, fmt.Errorf("baseline %s: version %d, but this tenantvet reads version %d; write it again with -write-baseline", path, f.Version, baselineVersion)
	}
	b := baseline{}
	for i, e := range f.Findings {
		n := e.Count
		e.Count = 0
		switch {
		case n < 1:
			return nil, fmt.Errorf("baseline %s: entry %d has count %d; a count is at least 1", path, i+1, n)
		case e.File == "" || e.Check == "":
			return nil, fmt.Errorf("baseline %s: entry %d has no file or check", path, i+1)
		case b[e] > 0:
			return nil, fmt.Errorf("baseline %s: entry %d repeats an earlier one; add their counts instead", path, i+1)
		}
		b[e] = n
	}
	return b, nil
}

// filter returns the findings that the baseline does not account for. A
// group of findings with one identity is known when the baseline records
// at least as many; with more, all of them are reported, since nothing
// tells which is the new one.
func (b baseline) filter(found []Finding, file func(Finding) string) []Finding {
	if b == nil {
		return found
	}
	key := func(f Finding) BaselineEntry {
		e := NewBaselineEntry(file(f), f)
		e.Count = 0
		return e
	}
	n := map[BaselineEntry]int{}
	for _, f := range found {
		n[key(f)]++
	}
	var out []Finding
	for _, f := range found {
		if k := key(f); n[k] > b[k] {
			out = append(out, f)
		}
	}
	return out
}
