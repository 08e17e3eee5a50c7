package testfs

import (
	"os"
	"strings"
	"testing"
)

// Expected reads a file of expected findings: one "file:line: ID" a line,
// then words that say why, with # comments and blank lines between. It
// returns the findings alone, in the file's order.
func Expected(t testing.TB, name string) []string {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for i, line := range strings.Split(string(data), "\n") {
		if line = strings.TrimSpace(line); line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Fields(line)
		if len(f) < 2 || !strings.HasSuffix(f[0], ":") {
			t.Fatalf("%s:%d: want \"file:line: ID\", got %q", name, i+1, line)
		}
		want = append(want, f[0]+" "+f[1])
	}
	return want
}
