package testfs

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Write creates files under root, with their parent directories; a name
// ending in "/" is an empty directory.
func Write(t testing.TB, root string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		path := filepath.Join(root, filepath.FromSlash(name))
		if strings.HasSuffix(name, "/") {
			if err := os.MkdirAll(path, 0o755); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// WriteSame is Write with one content for every file of names.
func WriteSame(t testing.TB, root string, names []string, content string) {
	t.Helper()
	files := make(map[string]string, len(names))
	for _, name := range names {
		files[name] = content
	}
	Write(t, root, files)
}
