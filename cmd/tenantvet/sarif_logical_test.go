package main

import "testing"

// TestLogicalLocation checks that a relation whose name holds a space is
// named whole, not split into a kind and a name at the space.
func TestLogicalLocation(t *testing.T) {
	for object, want := range map[string]sarifLogicalLocation{
		"public.orders":                 {FullyQualifiedName: "public.orders"},
		"public.order lines":            {FullyQualifiedName: "public.order lines"},
		"my schema.orders":              {FullyQualifiedName: "my schema.orders"},
		"role app":                      {FullyQualifiedName: "app", Kind: "role"},
		"role app admin":                {FullyQualifiedName: "app admin", Kind: "role"},
		"function public.f(uuid, text)": {FullyQualifiedName: "public.f(uuid, text)", Kind: "function"},
		"schema billing":                {FullyQualifiedName: "billing", Kind: "schema"},
	} {
		if got := logicalLocation(object); got != want {
			t.Errorf("logicalLocation(%q) = %+v, want %+v", object, got, want)
		}
	}
}
