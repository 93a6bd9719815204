// Package testdir finds the folders tests read beside the module (the
// module root, the shared corpora and the shared schemas) and what several
// packages' tests take from them. A test that needs
// a shared folder is skipped, with a message that says where the folder
// was looked for, when it is absent, so the suite still passes in a clone
// without ../shared.
package testdir

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// ModuleRoot returns the folder holding go.mod, walking up from the
// test's working folder (its package folder).
func ModuleRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test's folder")
		}
		dir = parent
	}
}

// Shared returns ../shared/<elem...> beside the module root, skipping the
// test when it does not exist.
func Shared(t testing.TB, elem ...string) string {
	t.Helper()
	p := filepath.Join(append([]string{ModuleRoot(t), "..", "shared"}, elem...)...)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("%s not found at %s (it lives in ../shared beside the repository): %v", filepath.Join(elem...), p, err)
	}
	return p
}

// Corpus returns ../shared/corpora/<name...>, skipping the test when it
// is absent.
func Corpus(t testing.TB, name ...string) string {
	t.Helper()
	return Shared(t, append([]string{"corpora"}, name...)...)
}

// CorpusExpressions returns every distinct ARM template expression
// ("[...]", not the "[[" escape) in the compiled templates of the corpora
// (main.json and main.symbolicnames.json, written by the Bicep compiler,
// so all are valid), in the order found. Object keys count too. The test
// is skipped when the corpora are absent.
func CorpusExpressions(t testing.TB) []string {
	t.Helper()
	root := Corpus(t)
	seen := map[string]bool{}
	var out []string
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case string:
			if len(v) >= 2 && v[0] == '[' && v[len(v)-1] == ']' && !strings.HasPrefix(v, "[[") && !seen[v] {
				seen[v] = true
				out = append(out, v)
			}
		case []any:
			for _, e := range v {
				walk(e)
			}
		case map[string]any:
			keys := make([]string, 0, len(v))
			for k := range v {
				keys = append(keys, k)
			}
			sort.Strings(keys) // a stable order, whatever the map's
			for _, k := range keys {
				walk(k)
				walk(v[k])
			}
		}
	}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || (d.Name() != "main.json" && d.Name() != "main.symbolicnames.json") {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		var v any
		if json.Unmarshal(b, &v) == nil {
			walk(v)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
