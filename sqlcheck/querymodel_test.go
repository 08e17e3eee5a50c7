package sqlcheck

import (
	"testing"
)

// viaQueryModel returns a Tenancy like t whose catalog went through
// EncodeQueryModel and DecodeQueryModel.
func viaQueryModel(t testing.TB, tn *Tenancy) *Tenancy {
	t.Helper()
	data, err := tn.EncodeQueryModel()
	if err != nil {
		t.Fatal(err)
	}
	out := &Tenancy{Columns: tn.Columns, Tables: tn.Tables, Exempt: tn.Exempt, Functions: tn.Functions, TrustRLS: tn.TrustRLS, Settings: tn.Settings}
	if err := out.DecodeQueryModel(data); err != nil {
		t.Fatal(err)
	}
	if !out.QueriesOnly() {
		t.Fatal("a decoded query model does not report QueriesOnly")
	}
	return out
}

func TestQueryModelRefusals(t *testing.T) {
	replayed := testTenancy(t)
	if replayed.QueriesOnly() {
		t.Error("a replayed tenancy reports QueriesOnly")
	}
	data, err := replayed.EncodeQueryModel()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		data  []byte
		trust bool
	}{
		{"garbage", []byte("not a query model"), false},
		{"truncated", data[:len(data)/2], false},
		// A model without RLS verdicts cannot serve trust_rls.
		{"judged without trust_rls", data, true},
	} {
		tn := &Tenancy{Columns: replayed.Columns, TrustRLS: tc.trust}
		if err := tn.DecodeQueryModel(tc.data); err == nil {
			t.Errorf("%s: decoded without an error", tc.name)
		}
	}
	defer func() {
		if recover() == nil {
			t.Error("CheckMigrations on a query model did not panic")
		}
	}()
	viaQueryModel(t, replayed).CheckMigrations()
}
