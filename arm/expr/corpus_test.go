package expr

import (
	"testing"

	"github.com/azrule/azrule/internal/testdir"
)

// TestCorpusParses parses every expression of the corpora's compiled
// templates: the Bicep compiler wrote them, so each must parse.
func TestCorpusParses(t *testing.T) {
	exprs := testdir.CorpusExpressions(t)
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
	exprs := testdir.CorpusExpressions(b)
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
