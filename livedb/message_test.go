package livedb

import (
	"strings"
	"testing"
)

// TestMessage formats every operation's leak, with and without a
// constraint's refusal, and finds no verb that fmt could not fill.
func TestMessage(t *testing.T) {
	p := &prober{opts: ProbeOptions{Settings: []string{"app.tenant_id"}}, role: "app"}
	tab := &table{display: "public.orders", column: "tenant_id", rls: true, forced: true}
	for _, op := range operations {
		if op.leaked == "" {
			t.Errorf("%s: no text for its leak", op.name)
		}
		for _, unique := range []string{"", `duplicate key value violates unique constraint "orders_pkey"`} {
			m := p.message(tab, op, "id=7", unique)
			if strings.Contains(m, "%!") || !strings.Contains(m, "public.orders") || unique != "" && !strings.Contains(m, unique) {
				t.Errorf("%s (refused %q): %s", op.name, unique, m)
			}
			t.Logf("%s: %s", op.name, m)
		}
	}
}
