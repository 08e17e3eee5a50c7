package oneline

import "testing"

func TestEscape(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`orders`, `orders`},
		{`über_tabelle`, `über_tabelle`},
		{"a\nb", `a\nb`},
		{"a\r\n::error file=x.go,line=1::forged", `a\r\n::error file=x.go,line=1::forged`},
		{"tab\there", `tab\there`},
		{"\x1b[2K", `\x1b[2K`},
		{"nul\x00", `nul\x00`},
		{"del\x7f", `del\x7f`},
		{"c1\u0085", `c1\u0085`},
		{"ls\u2028ps\u2029", `ls\u2028ps\u2029`},
		{"bidi\u202eevil\u2066", `bidi\u202eevil\u2066`},
		{"bad\xffutf8", `bad\xffutf8`},
		{`back\slash`, `back\slash`},
	} {
		if got := Escape(c.in); got != c.want {
			t.Errorf("Escape(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
