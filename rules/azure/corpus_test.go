package azure

import (
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/azrule/azrule/internal/testdir"

	"github.com/azrule/azrule/rules"
)

// TestPSRuleMLCorpus runs the rules on the exported resources PSRule for
// Azure tests its own ML rules with, and expects PSRule's outcomes.
func TestPSRuleMLCorpus(t *testing.T) {
	dir := testdir.Corpus(t, "psrule-ml")
	byName := mustLoad(t)
	paths, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no JSON files in %s (%v)", dir, err)
	}
	sort.Strings(paths)
	// got[rule][target] is the outcome.
	got := map[string]map[string]rules.Outcome{}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, target := range exported(t, filepath.Base(p), data) {
			for name, r := range byName {
				if got[name] == nil {
					got[name] = map[string]rules.Outcome{}
				}
				res := r.Evaluate(target)
				if res.Outcome == rules.Fail && len(res.Reasons) == 0 {
					t.Errorf("%s on %s: Fail without a reason", name, target.Name)
				}
				got[name][target.Name] = res.Outcome
			}
		}
	}
	const (
		P = rules.Pass
		F = rules.Fail
		N = rules.None
	)
	computes := map[string]rules.Outcome{"mlcomp-a": P, "mlcomp-b": F, "ml-comp-a": P, "ml-comp-b": F,
		"ml-wks-a": N, "ml-wks-b": N, "ml-wks-c": N}
	wantOut := map[string]map[string]rules.Outcome{
		"Azure.ML.ComputeIdleShutdown": computes,
		"Azure.ML.DisableLocalAuth":    computes,
		"Azure.ML.ComputeVnet":         computes,
		"Azure.ML.UserManagedIdentity": {"ml-wks-a": P, "ml-wks-b": F, "ml-wks-c": P,
			"mlcomp-a": N, "mlcomp-b": N, "ml-comp-a": N, "ml-comp-b": N},
		"Azure.ML.PublicAccess": {"ml-wks-a": P, "ml-wks-b": F, "ml-wks-c": F,
			"mlcomp-a": N, "mlcomp-b": N, "ml-comp-a": N, "ml-comp-b": N},
	}
	passed, failed := 0, 0
	for rule, targets := range wantOut {
		for target, w := range targets {
			g, ok := got[rule][target]
			switch {
			case !ok:
				t.Errorf("%s: target %s not in the corpus", rule, target)
			case g != w:
				t.Errorf("%s on %s = %s, PSRule says %s", rule, target, g, w)
			case w == P:
				passed++
			case w == F:
				failed++
			}
		}
	}
	t.Logf("psrule-ml: %d Pass and %d Fail outcomes agree with PSRule", passed, failed)
}
