package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/tenantvet/tenantvet/sqlcheck"
)

// This file writes SARIF 2.1.0, the form GitHub code scanning and other
// code-review tools read. Only what they use is written: one rule per
// check, and one result per finding at its physical location, with paths
// relative to the module root, or, for a finding about a live database's
// object, at a logical location that names it.

const (
	sarifSchema  = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	sarifVersion = "2.1.0"
	repoURL      = "https://github.com/tenantvet/tenantvet"
	srcRoot      = "%SRCROOT%"
)

// outFinding is one finding as the command's outputs print it: an absolute
// file, 1-based line and byte column, and, when known, where it ends.
type outFinding struct {
	File               string
	Line, Column       int
	EndLine, EndCol    int // 0 when unknown
	Check, Message     string
	Table, Fingerprint string // for a SARIF partial fingerprint; may be empty
	// Object names a database object ("public.orders", "role app") for
	// a finding that has no file.
	Object string
}

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool               sarifTool                        `json:"tool"`
	Invocations        []sarifInvocation                `json:"invocations"`
	OriginalURIBaseIDs map[string]sarifArtifactLocation `json:"originalUriBaseIds,omitempty"`
	ColumnKind         string                           `json:"columnKind"`
	Results            []sarifResult                    `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string          `json:"id"`
	ShortDescription     sarifText       `json:"shortDescription"`
	FullDescription      sarifText       `json:"fullDescription"`
	Help                 sarifText       `json:"help"`
	HelpURI              string          `json:"helpUri"`
	DefaultConfiguration sarifRuleConfig `json:"defaultConfiguration"`
	Properties           map[string]any  `json:"properties,omitempty"`
}

type sarifRuleConfig struct {
	Level string `json:"level"`
}

type sarifText struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifInvocation struct {
	ExecutionSuccessful bool `json:"executionSuccessful"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           int               `json:"ruleIndex"`
	Level               string            `json:"level"`
	Message             sarifText         `json:"message"`
	Locations           []sarifLocation   `json:"locations"`
	PartialFingerprints map[string]string `json:"partialFingerprints,omitempty"`
}

type sarifLocation struct {
	PhysicalLocation *sarifPhysicalLocation `json:"physicalLocation,omitempty"`
	LogicalLocations []sarifLogicalLocation `json:"logicalLocations,omitempty"`
}

type sarifLogicalLocation struct {
	FullyQualifiedName string `json:"fullyQualifiedName"`
	Kind               string `json:"kind,omitempty"`
}

type sarifPhysicalLocation struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Region           sarifRegion           `json:"region"`
}

type sarifArtifactLocation struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
	EndLine     int `json:"endLine,omitempty"`
	EndColumn   int `json:"endColumn,omitempty"`
}

// sarifLevel is the level of every result: tenantvet's findings are
// warnings, and the exit code, not the level, is what gates a build.
const sarifLevel = "warning"

// sarifRules describes every check, in ID order.
func sarifRules() ([]sarifRule, map[string]int) {
	rules := make([]sarifRule, 0, len(sqlcheck.Checks))
	index := map[string]int{}
	for i, c := range sqlcheck.Checks {
		lang := c.Lang
		if lang == "" {
			lang = "sql"
		}
		title := strings.ToUpper(c.Title[:1]) + c.Title[1:]
		text := c.Text
		if !c.Default {
			text += "\n\nOff by default."
		}
		tags := []string{"security", "multi-tenancy"}
		if strings.HasPrefix(c.ID, "TV0") {
			tags = []string{"maintainability"}
		}
		rules = append(rules, sarifRule{
			ID:               c.ID,
			ShortDescription: sarifText{Text: title},
			FullDescription:  sarifText{Text: c.Text},
			Help: sarifText{
				Text:     text + "\n\nBad:\n\n" + indent(c.Bad) + "\n\nGood:\n\n" + indent(c.Good) + "\n",
				Markdown: text + "\n\nBad:\n\n```" + lang + "\n" + c.Bad + "\n```\n\nGood:\n\n```" + lang + "\n" + c.Good + "\n```\n",
			},
			HelpURI:              repoURL + "#" + strings.ToLower(c.ID),
			DefaultConfiguration: sarifRuleConfig{Level: sarifLevel},
			Properties:           map[string]any{"tags": tags},
		})
		index[c.ID] = i
	}
	return rules, index
}

func indent(s string) string {
	return "    " + strings.ReplaceAll(s, "\n", "\n    ")
}

// writeSARIF writes found as a SARIF log with paths relative to root.
// Callers write none for a run that failed: an upload of a partial log
// would close the alerts of whatever the run failed to check.
func writeSARIF(w io.Writer, root string, found []outFinding) error {
	rules, index := sarifRules()
	cols := columnConverter{}
	results := make([]sarifResult, 0, len(found))
	for _, f := range found {
		var loc sarifLocation
		uri := f.Object
		if f.File == "" {
			loc.LogicalLocations = []sarifLogicalLocation{logicalLocation(f.Object)}
		} else {
			art := artifactLocation(root, f.File)
			uri = art.URI
			region := sarifRegion{StartLine: f.Line, StartColumn: cols.utf16(f.File, f.Line, f.Column)}
			// A finding with no extent, such as a migration statement's,
			// marks its line from the column on, which is what a region
			// without an end means.
			if f.EndLine > f.Line || f.EndLine == f.Line && f.EndCol > f.Column {
				region.EndLine, region.EndColumn = f.EndLine, cols.utf16(f.File, f.EndLine, f.EndCol)
			}
			if region.StartColumn < 1 {
				region.StartColumn, region.EndColumn = 0, 0
			}
			loc.PhysicalLocation = &sarifPhysicalLocation{ArtifactLocation: art, Region: region}
		}
		i, ok := index[f.Check]
		if !ok {
			i = -1 // not in the registry; the schema's default for "unknown"
		}
		r := sarifResult{
			RuleID:    f.Check,
			RuleIndex: i,
			Level:     sarifLevel,
			Message:   sarifText{Text: f.Message},
			Locations: []sarifLocation{loc},
		}
		if f.Fingerprint != "" {
			// The query's fingerprint does not move with line numbers, so
			// code scanning keeps one alert across edits, as -baseline does.
			sum := sha256.Sum256([]byte(strings.Join([]string{uri, f.Check, f.Table, f.Fingerprint}, "\x00")))
			r.PartialFingerprints = map[string]string{"tenantvet/v1": hex.EncodeToString(sum[:16])}
		}
		results = append(results, r)
	}
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{
			Name:           "tenantvet",
			Version:        toolVersion(),
			InformationURI: repoURL,
			Rules:          rules,
		}},
		Invocations: []sarifInvocation{{ExecutionSuccessful: true}},
		ColumnKind:  "utf16CodeUnits",
		Results:     results,
	}
	if u := fileURI(root); u != "" {
		run.OriginalURIBaseIDs = map[string]sarifArtifactLocation{srcRoot: {URI: u + "/"}}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(sarifLog{Schema: sarifSchema, Version: sarifVersion, Runs: []sarifRun{run}})
}

// logicalLocation names a database object by its fully qualified name.
// A relation is named bare, since it may be a table or a view; other
// objects carry their kind ("role app"), which SARIF leaves open. Only the
// kinds livedb writes are taken for one: a relation's name may hold a
// space too ("public.order lines").
func logicalLocation(object string) sarifLogicalLocation {
	if kind, name, ok := strings.Cut(object, " "); ok && slices.Contains(objectKinds, kind) {
		return sarifLogicalLocation{FullyQualifiedName: name, Kind: kind}
	}
	return sarifLogicalLocation{FullyQualifiedName: object}
}

// objectKinds are the kinds of object that livedb names with a prefix.
var objectKinds = []string{"role", "function", "schema"}

// artifactLocation names file relative to root under %SRCROOT%, or by an
// absolute file URI when it lies outside root.
func artifactLocation(root, file string) sarifArtifactLocation {
	if rel, err := filepath.Rel(root, file); err == nil && filepath.IsLocal(rel) {
		return sarifArtifactLocation{URI: (&url.URL{Path: filepath.ToSlash(rel)}).String(), URIBaseID: srcRoot}
	}
	return sarifArtifactLocation{URI: fileURI(file)}
}

func fileURI(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return ""
	}
	p := filepath.ToSlash(abs)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // C:/x on Windows
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}

// toolVersion is the module version the binary was built from, as go
// install records it, or "" for a development build.
func toolVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return ""
}

// columnConverter turns Go's byte columns into the UTF-16 columns that
// GitHub reads, from the files' lines. A file it cannot read keeps byte
// columns, which are the same for ASCII.
type columnConverter map[string][]string

func (c columnConverter) utf16(file string, line, col int) int {
	lines, ok := c[file]
	if !ok {
		if data, err := os.ReadFile(file); err == nil {
			lines = strings.Split(string(data), "\n")
		}
		c[file] = lines
	}
	if line < 1 || line > len(lines) || col < 1 {
		return col
	}
	text := lines[line-1]
	prefix := text[:min(col-1, len(text))]
	n := 0
	for len(prefix) > 0 {
		r, size := utf8.DecodeRuneInString(prefix)
		prefix = prefix[size:]
		n += max(utf16.RuneLen(r), 1)
	}
	return n + 1 + max(col-1-len(text), 0)
}
