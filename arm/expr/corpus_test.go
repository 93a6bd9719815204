package expr

import (
	"encoding/json"
	"github.com/azrule/azrule/internal/testdir"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// corpusExpressions returns every distinct template expression found in
// the compiled templates (main.json, main.symbolicnames.json) of the
// corpora: strings written by the Bicep compiler, so all are valid.
func corpusExpressions(t testing.TB) []string {
	root := testdir.Corpus(t)
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
			for k, e := range v {
				walk(k)
				walk(e)
			}
		}
	}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() || (name != "main.json" && name != "main.symbolicnames.json") {
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

// TestCorpusParses parses every expression of the corpora's compiled
// templates: the Bicep compiler wrote them, so each must parse.
func TestCorpusParses(t *testing.T) {
	exprs := corpusExpressions(t)
	if len(exprs) < 1000 {
		t.Fatalf("only %d expressions found in the corpora; the corpus layout changed", len(exprs))
	}
	failed := 0
	for _, s := range exprs {
		if _, err := Parse(s); err != nil {
			failed++
			if failed <= 10 {
				t.Errorf("Parse(%q): %v", s, err)
			}
		}
	}
	t.Logf("%d distinct corpus expressions, %d failed to parse", len(exprs), failed)
}

func BenchmarkParseCorpus(b *testing.B) {
	exprs := corpusExpressions(b)
	size := 0
	for _, s := range exprs {
		size += len(s)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, s := range exprs {
			if _, err := Parse(s); err != nil {
				b.Fatal(err)
			}
		}
	}
}
