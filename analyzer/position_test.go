package analyzer

import (
	"go/ast"
	"go/parser"
	"go/token"
	"strconv"
	"strings"
	"testing"
)

// TestLitPos checks that an offset into a literal's value maps to the same
// text in the source, across escapes, multi-byte characters and raw strings.
func TestLitPos(t *testing.T) {
	for _, src := range []string{
		`"SELECT * FROM orders"`,
		`"SELECT \"x\"\t\n FROM orders"`,
		`"SELECT '\x41\u00e9é' FROM orders"`,
		`"SELECT '\xff' FROM orders"`,
		"`SELECT *\n  FROM orders\n WHERE id = $1`",
		"`-- name: GetOrder :one\nSELECT \"é\" FROM orders`",
	} {
		expr, err := parser.ParseExpr(src)
		if err != nil {
			t.Fatal(err)
		}
		lit := expr.(*ast.BasicLit)
		value, _ := strconv.Unquote(src)
		off := strings.Index(value, "orders")
		at := int(litPos(lit, off) - lit.Pos())
		if !strings.HasPrefix(src[at:], "orders") {
			t.Errorf("%s: offset %d maps to %q, want it at orders", src, off, src[at:])
		}
	}
}

// TestLiteralsAcrossConcatenation checks the map over "a" + "b" pieces.
func TestLiteralsAcrossConcatenation(t *testing.T) {
	fset := token.NewFileSet()
	src := "package p\nconst q = \"SELECT id \" +\n\t`FROM orders`\n"
	f, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	value := f.Decls[0].(*ast.GenDecl).Specs[0].(*ast.ValueSpec).Values[0]
	m, ok := constDecls{}.literals(nil, value)
	if !ok {
		t.Fatal("concatenated literals not mapped")
	}
	p := fset.Position(m.pos(strings.Index("SELECT id FROM orders", "orders")))
	if p.Line != 3 || p.Column != 8 {
		t.Errorf("orders maps to %v, want p.go:3:8", p)
	}
}
