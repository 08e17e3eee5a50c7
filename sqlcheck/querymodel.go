package sqlcheck

import (
	"bytes"
	"encoding/gob"
	"errors"
)

// The query model is the part of a Tenancy that the query rules read: each
// relation's name, columns, keys and view options, and the row-level security
// verdicts that TrustRLS relies on. It is small and quick to decode, unlike
// the replay, which go vet would otherwise repeat in each of its processes,
// one per package.
type queryModel struct {
	Tables []modelTable
	Judged bool             // Gaps were computed: TrustRLS was set
	Gaps   map[QName]string // gob leaves an empty map out
	// PolicyCalls are the functions the policies call, against which the
	// config's tenant_functions are checked.
	PolicyCalls []QName
	// Settings are the settings the policies read, Mentions every dotted
	// name the migrations quote, and Setters the functions that set one
	// (tenancy_settings.go).
	Settings, Mentions []string
	Setters            []setter
	// ViewGaps and FuncGaps are viewGaps' and funcGaps' verdicts, which
	// need the views' queries and the functions' bodies.
	ViewGaps map[QName]QName
	FuncGaps map[QName]funcGap
}

type modelTable struct {
	Name                                QName
	Columns                             []string
	View, Materialized, SecurityInvoker bool
	Reads                               []QName
	Keys                                []modelKey // for ON CONFLICT ON CONSTRAINT
}

type modelKey struct {
	Name    string
	Columns []string
}

// EncodeQueryModel encodes what the query rules need of t. The columns,
// tables, exempt relations and functions are not in it: the decoder is given
// them, from the same config.
func (t *Tenancy) EncodeQueryModel() ([]byte, error) {
	m := queryModel{PolicyCalls: t.Catalog.policyCalls(), ViewGaps: t.viewGaps(), FuncGaps: t.funcGaps(),
		Settings: t.Catalog.policySettings(), Mentions: t.Catalog.mentions(), Setters: t.Catalog.setters()}
	for _, tab := range t.Catalog.Tables() {
		mt := modelTable{
			Name:            tab.Name,
			Columns:         tab.columnNames(),
			View:            tab.View,
			Materialized:    tab.Materialized,
			SecurityInvoker: tab.SecurityInvoker,
			Reads:           tab.Reads,
		}
		for _, i := range tab.Indexes {
			if i.Constraint {
				mt.Keys = append(mt.Keys, modelKey{i.Name, i.Columns})
			}
		}
		m.Tables = append(m.Tables, mt)
	}
	if t.TrustRLS {
		m.Judged, m.Gaps = true, t.tableGaps()
	}
	var buf bytes.Buffer
	err := gob.NewEncoder(&buf).Encode(&m)
	return buf.Bytes(), err
}

// DecodeQueryModel sets t's catalog from data that EncodeQueryModel wrote for
// a Tenancy of the same columns, tables and exempt relations. The catalog it
// builds answers the query rules only: it holds no policies, statements or
// indexes other than keys, so CheckMigrations refuses it.
func (t *Tenancy) DecodeQueryModel(data []byte) error {
	var m queryModel
	if err := gob.NewDecoder(bytes.NewReader(data)).Decode(&m); err != nil {
		return err
	}
	if t.TrustRLS && !m.Judged {
		return errors.New("query model: encoded without trust_rls")
	}
	if m.Gaps == nil {
		m.Gaps = map[QName]string{}
	}
	c := NewCatalog()
	c.queriesOnly, c.calls = true, m.PolicyCalls
	c.settings, c.mentioned, c.setterList = m.Settings, m.Mentions, m.Setters
	for _, mt := range m.Tables {
		tab := &Table{
			Name:            mt.Name,
			View:            mt.View,
			Materialized:    mt.Materialized,
			SecurityInvoker: mt.SecurityInvoker,
			Reads:           mt.Reads,
		}
		for _, col := range mt.Columns {
			tab.Columns = append(tab.Columns, &Column{Name: col})
		}
		for _, k := range mt.Keys {
			tab.Indexes = append(tab.Indexes, &Index{Name: k.Name, Columns: k.Columns, Unique: true, Constraint: true})
		}
		c.tables[tab.Name] = tab
	}
	t.Catalog = c
	t.rlsGaps = m.Gaps
	t.views, t.funcs = m.ViewGaps, m.FuncGaps
	if t.views == nil {
		t.views = map[QName]QName{} // gob leaves an empty map out
	}
	if t.funcs == nil {
		t.funcs = map[QName]funcGap{}
	}
	return nil
}

// QueriesOnly reports whether t's catalog came from DecodeQueryModel.
func (t *Tenancy) QueriesOnly() bool {
	return t.Catalog != nil && t.Catalog.queriesOnly
}
