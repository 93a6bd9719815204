package lang

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/azrule/azrule/internal/testdir"

	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/jsonc"
	"github.com/azrule/azrule/rules"
	"github.com/azrule/azrule/source"
)

// corpusTargets reads every exported resource of the psrule-ml corpus.
func corpusTargets(tb testing.TB) []*rules.Target {
	dir := testdir.Corpus(tb, "psrule-ml")
	files, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	var out []*rules.Target
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		v, err := jsonc.Parse(source.NewFile(filepath.Base(p), data))
		if err != nil {
			tb.Fatal(err)
		}
		arr, ok := v.(*value.Array)
		if !ok {
			tb.Fatalf("%s: not an array", p)
		}
		for _, e := range arr.Elems {
			o, ok := e.(*value.Object)
			if !ok {
				continue
			}
			typ, _ := o.Get("type")
			name, _ := o.Get("name")
			out = append(out, &rules.Target{Type: value.Render(typ), Name: value.Render(name), Object: o, Pos: o.Pos()})
		}
	}
	if len(out) == 0 {
		tb.Skip("the psrule-ml corpus has no resources")
	}
	return out
}

// TestCorpusRules runs the golden rule file over PSRule for Azure's own
// test resources: every outcome must be decided (no Error), every failure
// explained with a positioned reason.
func TestCorpusRules(t *testing.T) {
	targets := corpusTargets(t)
	set := goldenSet(t)
	counts := map[rules.Outcome]int{}
	for _, tg := range targets {
		for _, r := range set.Rules {
			res := r.Evaluate(tg)
			counts[res.Outcome]++
			if res.Outcome == rules.Error {
				t.Errorf("%s on %s: error %v", r.Name, tg.Name, res.Reasons)
			}
			for _, reason := range res.Reasons {
				if !reason.Pos.IsValid() {
					t.Errorf("%s on %s: reason without a position: %s", r.Name, tg.Name, reason)
				}
			}
		}
	}
	t.Logf("%d resources: %d pass, %d fail, %d not applicable", len(targets), counts[rules.Pass], counts[rules.Fail], counts[rules.None])
	if counts[rules.Pass] == 0 || counts[rules.Fail] == 0 {
		t.Errorf("expected both passes and failures on the corpus")
	}
}

func goldenSet(tb testing.TB) *Set {
	data, err := os.ReadFile("testdata/ml.Rule.yaml")
	if err != nil {
		tb.Fatal(err)
	}
	f, errs := ParseFile(source.NewFile("testdata/ml.Rule.yaml", data))
	if len(errs) > 0 {
		tb.Fatal(errs)
	}
	set, errs := Compile(f)
	if len(errs) > 0 {
		tb.Fatal(errs)
	}
	return set
}

// BenchmarkCorpus evaluates every golden rule on every corpus resource;
// ns/op is per resource (all rules).
func BenchmarkCorpus(b *testing.B) {
	targets := corpusTargets(b)
	set := goldenSet(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		tg := targets[i%len(targets)]
		for _, r := range set.Rules {
			r.Evaluate(tg)
		}
	}
}
